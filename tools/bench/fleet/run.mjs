// Fleet page benchmark: a tenant with N devices (default 10,000: 20 customers × 500) and a year
// of hourly meter reads (./seed.mjs); then the portal's `Fleet` query (the same fields) through
// GraphQL over HTTP with an API key, p50/p95 for every filter × sort combination, on random
// pages (offset) of 25. Prints figures; asserts nothing. Loopback only.
//
//   node tools/bench/fleet/run.mjs [--customers 20] [--devices-per-customer 500] [--days 365]
//     [--print-hours 0.75] [--runs 20] [--quick]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  argValue,
  BENCH_CENTRAL_ENV,
  benchApiKey,
  isMain,
  machineLine,
  repoRoot,
  runBench,
  summary,
} from '../billing/central-harness.mjs';
import { dataLine, fleetArgs, seedFleet } from './seed.mjs';

process.env['NODE_ENV'] ??= 'production';

const PAGE = 25;
const TARGET_P95_MS = 150;
export const FLEET_SCOPES = ['devices:read', 'supplies:read', 'meters:read', 'alerts:read'];

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
  'exact IP': null, // a real address of the seeded fleet
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

/**
 * The portal's Fleet query for every filter × sort × direction, on the first, the last and
 * random pages; `ip` is a real device address for the exact-IP filter.
 */
export async function measureFleet({ baseUrl, key, ip, runs = 20, quick = false }) {
  const filters = { ...FILTERS, 'exact IP': { ipAddress: ip } };
  const query = fleetQuery();
  const request = async (variables) => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/graphql`, {
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
  // Warm-up, not timed: every filter and sort once, so no combination pays for the first use of
  // a code path or a query plan.
  for (const filter of Object.values(filters))
    for (const sort of sorts) await request({ ...filter, sort, first: PAGE, offset: PAGE });
  for (const [filterName, filter] of Object.entries(filters)) {
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
  return { results, runs, load: loadavg() };
}

/** The table of every combination and the line against the target. */
export function printFleet({ results, runs, load }) {
  console.log(
    "\nFleet benchmark: the portal's Fleet query (25 devices a page, random pages) through GraphQL over HTTP",
  );
  console.log('');
  console.log('  filter               | sort          | dir  | matches |    p50 |    p95 |    max');
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
  console.log(`  ${machineLine(load)}`);
}

async function main({ owner, startCentral }) {
  const size = fleetArgs();
  const loadStarted = performance.now();
  const data = await seedFleet(owner, size);
  const key = await benchApiKey(owner, data.tenantId, FLEET_SCOPES);
  const central = await startCentral({ env: BENCH_CENTRAL_ENV });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const measured = await measureFleet({
    baseUrl: central.baseUrl,
    key,
    ip: data.ip,
    runs: Number(argValue('runs', '20')),
    quick: process.argv.includes('--quick'),
  });
  printFleet(measured);
  console.log(`  ${dataLine(data, size)}; load ${loadSeconds.toFixed(0)} s`);
}

if (isMain(import.meta.url)) runBench('fleet', main);
