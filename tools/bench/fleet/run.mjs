// Fleet page benchmark: a tenant with N devices (default 10,000: 20 customers × 500) and a year
// of hourly meter reads (./seed.mjs); then the portal's `Fleet` query (the same fields) through
// GraphQL over HTTP with an API key, p50/p95 for every filter × sort combination, on random
// pages (offset) of 25. Prints figures; asserts nothing. Loopback only.
//
//   node tools/bench/fleet/run.mjs [--customers 20] [--devices-per-customer 500] [--days 365]
//     [--print-hours 0.75] [--runs 12] [--quick]
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  argValue,
  build,
  centralExports,
  repoRoot,
  startBenchDatabase,
  startCentral,
  summary,
} from '../billing/central-harness.mjs';
import { fleetArgs, seedFleet } from './seed.mjs';

process.env['NODE_ENV'] ??= 'production';

/** `--print-hours`: share of office hours (07–17 UTC, Monday–Friday) a printer printed (a stored read). */
const { customers, perCustomer, days, printHours } = fleetArgs();
const runs = Number(argValue('runs', '12'));
const quick = process.argv.includes('--quick');
const PAGE = 25;
const TARGET_P95_MS = 150;

/** The portal's fleet query, with its fragment, read from the portal's documents. */
function fleetQuery() {
  const portal = join(repoRoot, 'apps/portal/src/features');
  const fleet = readFileSync(join(portal, 'fleet/fleet.graphql'), 'utf8');
  const query = fleet.slice(0, fleet.indexOf('query DeviceFacets'));
  const fields = readFileSync(join(portal, 'devices/device-fields.graphql'), 'utf8');
  return `${query}\n${fields}`;
}

const FILTERS = {
  none: {},
  lowToner: { lowToner: true },
  dueSoon: { dueSoon: true },
  'alert ≥ WARNING': { alertSeverity: 'WARNING' },
  'alert CRITICAL': { alertSeverity: 'CRITICAL' },
  silent: { silent: true },
  'not silent': { silent: false },
  'exact IP': null, // filled with a real address once loaded
  'lowToner + WARNING': { lowToner: true, alertSeverity: 'WARNING' },
};
const SORTS = [
  'FIRST_SEEN',
  'LAST_SEEN',
  'LAST_READ',
  'MANUFACTURER',
  'MODEL',
  'SERIAL_NUMBER',
  'IP_ADDRESS',
  'HOSTNAME',
  'LOCATION',
];

function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function main() {
  build();
  const db = await startBenchDatabase('fleet');
  const owner = new pg.Client({ connectionString: db.handle.ownerUrl });
  await owner.connect();
  let central = null;
  try {
    const loadStarted = performance.now();
    const data = await seedFleet(owner, { customers, perCustomer, days, printHours });
    FILTERS['exact IP'] = { ipAddress: data.ip };

    const { newApiKey, sha256Hex } = await centralExports('platform/auth/opaque-tokens.js');
    const { key, prefix } = newApiKey();
    await owner.query(
      `INSERT INTO api_keys (tenant_id, name, prefix, key_hash, scopes)
       VALUES ($1, 'bench', $2, $3, ARRAY['devices:read','supplies:read','meters:read','alerts:read'])`,
      [data.tenantId, prefix, sha256Hex(key)],
    );
    // The per-key request limit (600 a minute by default) would stop a fast run part-way.
    central = await startCentral(db.handle, db.workDir, {
      env: { REQUEST_RATE_LIMIT_PER_MINUTE: '1000000' },
    });
    const query = fleetQuery();
    const request = async (variables) => {
      const started = performance.now();
      const response = await fetch(`${central.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return { ms: performance.now() - started, devices: body.data.devices };
    };

    const random = lcg(7);
    const results = [];
    const sorts = quick ? ['FIRST_SEEN', 'SERIAL_NUMBER', 'LAST_READ'] : SORTS;
    for (let i = 0; i < 5; i++) await request({ first: PAGE, offset: 0 });
    for (const [filterName, filter] of Object.entries(FILTERS)) {
      for (const sort of sorts) {
        for (const direction of ['ASC', 'DESC']) {
          const base = { ...filter, sort, direction, first: PAGE };
          const { devices } = await request({ ...base, offset: 0 });
          const pages = Math.max(1, Math.ceil(devices.totalCount / PAGE));
          const samples = [];
          for (let run = 0; run < runs; run++) {
            // The first page, the last page, and random pages between.
            const page = run === 0 ? 0 : run === 1 ? pages - 1 : Math.floor(random() * pages);
            samples.push((await request({ ...base, offset: page * PAGE })).ms);
          }
          results.push({
            filterName,
            sort,
            direction,
            matches: devices.totalCount,
            ...summary(samples),
          });
        }
      }
    }
    const load1 = loadavg();

    console.log(
      "\nFleet benchmark: the portal's Fleet query (25 devices a page, random pages) through GraphQL over HTTP",
    );
    console.log(
      `  data: ${data.devices.toLocaleString('en')} devices (${customers} customers × ${perCustomer}), ${data.reads.toLocaleString('en')} meter reads (${days} days of hourly readings, stored where counters moved), meter_reads ${data.reads_size}`,
    );
    console.log(
      `  load: ${((performance.now() - loadStarted) / 1000).toFixed(0)} s (meter reads ${data.loadSeconds.toFixed(0)} s)`,
    );
    console.log('');
    console.log(
      '  filter               | sort          | dir  | matches |    p50 |    p95 |    max',
    );
    console.log(
      '  ---------------------|---------------|------|--------:|-------:|-------:|-------:',
    );
    for (const r of results) {
      console.log(
        `  ${r.filterName.padEnd(20)} | ${r.sort.padEnd(13)} | ${r.direction.padEnd(4)} | ${String(r.matches).padStart(7)} | ${r.p50.toFixed(0).padStart(4)} ms | ${r.p95.toFixed(0).padStart(4)} ms | ${r.max.toFixed(0).padStart(4)} ms`,
      );
    }
    const all = summary(results.map((r) => r.p50));
    const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    const over = results.filter((r) => r.p95 > TARGET_P95_MS).length;
    console.log('');
    console.log(
      `  ${results.length} combinations × ${runs} requests: median of p50s ${all.p50.toFixed(0)} ms; worst p95 ${worst.p95.toFixed(0)} ms (${worst.filterName}, ${worst.sort} ${worst.direction}); ${over} of ${results.length} above the target p95 ≤ ${TARGET_P95_MS} ms`,
    );
    console.log(
      `  machine: ${cpus().length} cores, load average ${load1.map((x) => x.toFixed(1)).join(' / ')} (other work shares the cores: wall times include waiting)`,
    );
  } finally {
    await central?.close().catch(() => {});
    await owner.end().catch(() => {});
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 0;
});
