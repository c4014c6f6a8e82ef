// Storage benchmark: bytes per device-year. A year of hourly polls of typical office printers
// (2,000 pages a month in office hours, four toners declining with what they print and swapped
// when nearly empty) goes through central's ingest (IngestService.ingestUpload on the real
// embedded PostgreSQL, app role + RLS, as the gateway runs it) in uploads of `--upload-hours`
// readings per device; then the tables a device fills — meter reads, supply levels, supplies,
// devices — are measured with pg_total_relation_size / pg_table_size / pg_indexes_size, as
// written (after VACUUM) and compacted (VACUUM FULL), per device-year and for 10,000 devices
// (extrapolated: every figure grows with the device count). For comparison the same supply
// readings are also stored one row each (as before level rows were written only on change)
// into a copy of supply_levels with the same indexes. Prints figures; asserts nothing.
//
//   node tools/bench/storage/run.mjs [--devices 10] [--days 365] [--upload-hours 24] [--pages-per-month 2000]
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  argValue,
  build,
  centralExports,
  repoRoot,
  startBenchDatabase,
  startIngestContext,
} from '../billing/central-harness.mjs';

process.env['NODE_ENV'] ??= 'production';

const deviceCount = Number(argValue('devices', '10'));
const days = Number(argValue('days', '365'));
const uploadHours = Number(argValue('upload-hours', '24'));
const pagesPerMonth = Number(argValue('pages-per-month', '2000'));
const FLEET = 10_000;
const HOUR = 3_600_000;
// A Monday; office hours 07:00–17:00 UTC (08:00–18:00 in central Europe), Monday to Friday.
const start = Date.parse('2026-01-05T00:00:00Z');
const TONERS = [
  // Pages per cartridge at the printer's usual coverage; colour toners serve colour pages only.
  { color: 'black', capacity: 12_000, part: 'TK-8345K' },
  { color: 'cyan', capacity: 6_000, part: 'TK-8345C' },
  { color: 'magenta', capacity: 6_000, part: 'TK-8345M' },
  { color: 'yellow', capacity: 6_000, part: 'TK-8345Y' },
];
const TABLES = ['meter_reads', 'supply_levels', 'supplies', 'devices'];
/** Tables that grow with time (scaled to a year); the others hold one row per device or supply. */
const HISTORY = new Set(['meter_reads', 'supply_levels', 'supply_levels_every_reading']);

/** Deterministic per device, so runs compare. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One simulated printer: counters and toner levels, advanced an hour at a time. */
function printer(index) {
  const next = random(1000 + index);
  const officeHoursPerMonth = (10 * 5 * 52) / 12;
  const perBusyHour = pagesPerMonth / officeHoursPerMonth / 0.75;
  const counters = { total: 40_000 + index * 1_000, mono: 0, color: 0, copy: 0, a3: 0 };
  counters.mono = Math.floor(counters.total * 0.7);
  counters.color = counters.total - counters.mono;
  const used = TONERS.map(() => next() * 0.6);
  return {
    index,
    hour(at) {
      const date = new Date(at);
      const office =
        date.getUTCDay() >= 1 &&
        date.getUTCDay() <= 5 &&
        date.getUTCHours() >= 7 &&
        date.getUTCHours() < 17;
      // A quarter of office hours print nothing; the others a burst around the mean.
      const pages = office && next() >= 0.25 ? Math.round(perBusyHour * 2 * next()) : 0;
      for (let page = 0; page < pages; page++) {
        const color = next() < 0.3;
        counters.total += 1;
        if (color) counters.color += 1;
        else counters.mono += 1;
        if (next() < 0.2) counters.copy += 1;
        if (next() < 0.02) counters.a3 += 1;
        // Coverage varies page to page (0.5×–1.5× the usual).
        const coverage = 0.5 + next();
        used[0] += coverage / TONERS[0].capacity;
        if (color) for (let k = 1; k < 4; k++) used[k] += coverage / TONERS[k].capacity;
      }
      // Nearly empty toner gets swapped.
      for (let k = 0; k < 4; k++) if (used[k] >= 0.98) used[k] = 0;
      return {
        takenAt: new Date(at + index * 7_000).toISOString(),
        counters: {
          total: counters.total,
          mono: counters.mono,
          color: counters.color,
          printTotal: counters.total - counters.copy,
          copyTotal: counters.copy,
          extra: { 'kyocera.a3': counters.a3 },
        },
        supplies: TONERS.map((toner, k) => {
          const percent = Math.max(0, Math.floor((1 - used[k]) * 100));
          return {
            index: `1.${k + 1}`,
            description: `${toner.color} toner`,
            type: 'toner',
            color: toner.color,
            level: percent,
            maxCapacity: 100,
            percent,
            state: 'ok',
            partNumber: toner.part,
          };
        }),
        status: { printer: 'idle', device: 'running', errors: [] },
        alerts: [],
        console: 'Ready',
      };
    },
  };
}

function identity(index) {
  const suffix = String(index).padStart(6, '0');
  return {
    manufacturer: 'Kyocera',
    model: 'TASKalfa 2554ci',
    serial: `STORE${suffix}`,
    mac: `00:17:c8:${suffix.slice(0, 2)}:${suffix.slice(2, 4)}:${suffix.slice(4, 6)}`,
    ip: `127.71.${Math.floor(index / 250)}.${(index % 250) + 1}`,
    hostname: `printer-${suffix}`,
    firmware: '2XD_S000.002.215',
    location: 'Floor 2',
    contact: null,
    assetTag: null,
    sysObjectId: '1.3.6.1.4.1.1347.41',
    sysDescr: 'KYOCERA Document Solutions Printing System',
    uptimeSeconds: 86_400,
  };
}

async function sizes(owner, tables) {
  const result = {};
  for (const table of tables) {
    const {
      rows: [row],
    } = await owner.query(
      `SELECT (SELECT count(*) FROM ${table})::bigint AS rows, pg_table_size($1::regclass)::bigint AS heap,
              pg_indexes_size($1::regclass)::bigint AS indexes, pg_total_relation_size($1::regclass)::bigint AS total`,
      [table],
    );
    result[table] = {
      rows: Number(row.rows),
      heap: Number(row.heap),
      indexes: Number(row.indexes),
      total: Number(row.total),
    };
  }
  return result;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const gb = (bytes) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

function printSizes(title, measured, perYear) {
  console.log(`\n  ${title}`);
  console.log(
    `  ${'table'.padEnd(22)} ${'rows'.padStart(9)} ${'rows/dev-yr'.padStart(11)} ${'table'.padStart(10)} ${'indexes'.padStart(10)} ${'per device-year'.padStart(15)} ${`${FLEET.toLocaleString()} devices`.padStart(15)}`,
  );
  let sum = 0;
  for (const [table, size] of Object.entries(measured)) {
    const scale = HISTORY.has(table) ? perYear : 1;
    const perDevice = (size.total / deviceCount) * scale;
    sum += perDevice;
    console.log(
      `  ${table.padEnd(22)} ${size.rows.toLocaleString().padStart(9)} ${Math.round(
        (size.rows / deviceCount) * scale,
      )
        .toLocaleString()
        .padStart(
          11,
        )} ${mb(size.heap).padStart(10)} ${mb(size.indexes).padStart(10)} ${kb(perDevice).padStart(15)} ${gb(perDevice * FLEET).padStart(15)}`,
    );
  }
  return sum;
}

async function main() {
  build();
  const payload = await import(pathToFileURL(join(repoRoot, 'libs/payload/dist/index.js')).href);
  const db = await startBenchDatabase('storage');
  const owner = new pg.Client({ connectionString: db.handle.ownerUrl });
  await owner.connect();
  let context = null;
  try {
    const {
      rows: [tenant],
    } = await owner.query(
      `INSERT INTO tenants (name, slug, updated_at) VALUES ('Bench dealer', 'bench-storage', now()) RETURNING id`,
    );
    const {
      rows: [customer],
    } = await owner.query(
      `INSERT INTO customers (tenant_id, name, updated_at) VALUES ($1, 'Customer', now()) RETURNING id`,
      [tenant.id],
    );
    const {
      rows: [site],
    } = await owner.query(
      `INSERT INTO sites (tenant_id, customer_id, name, updated_at) VALUES ($1, $2, 'HQ', now()) RETURNING id`,
      [tenant.id, customer.id],
    );
    const {
      rows: [agent],
    } = await owner.query(
      `INSERT INTO agents (tenant_id, customer_id, site_id, hostname, updated_at) VALUES ($1, $2, $3, 'bench-agent', now()) RETURNING id`,
      [tenant.id, customer.id, site.id],
    );

    const started = await startIngestContext(db);
    context = started.context;
    const { ingest, tenantPrisma } = started;
    const agentContext = {
      tenantId: tenant.id,
      customerId: customer.id,
      actor: { kind: 'agent', agentId: agent.id },
    };

    const printers = Array.from({ length: deviceCount }, (_, i) => printer(i));
    const hours = days * 24;
    const began = performance.now();
    let readings = 0;
    for (let first = 0; first < hours; first += uploadHours) {
      const last = Math.min(first + uploadHours, hours);
      const devices = printers.map((p) => ({
        address: identity(p.index).ip,
        identity: identity(p.index),
        readings: Array.from({ length: last - first }, (_, h) =>
          p.hour(start + (first + h) * HOUR),
        ),
      }));
      const uploadId = randomUUID();
      const xml = payload.buildPayloadXml({
        version: 1,
        uploadId,
        agentId: agent.id,
        agentVersion: 'bench',
        createdAt: new Date(start + last * HOUR).toISOString(),
        devices,
      });
      const parsed = payload.parsePayloadXml(xml);
      const {
        rows: [upload],
      } = await owner.query(
        `INSERT INTO uploads (tenant_id, customer_id, agent_id, upload_id, size_bytes, sha256, outcome, device_count) VALUES ($1, $2, $3, $4, $5, $6, 'ACCEPTED', $7) RETURNING id`,
        [tenant.id, customer.id, agent.id, uploadId, xml.length, 'ab'.repeat(32), deviceCount],
      );
      const outcome = await tenantPrisma.runAs(
        agentContext,
        (tx) =>
          ingest.ingestUpload(tx, {
            tenantId: tenant.id,
            customerId: customer.id,
            siteId: site.id,
            agentId: agent.id,
            uploadId: upload.id,
            // Received as the agent sends it: right after the upload's last reading.
            receivedAt: new Date(start + last * HOUR),
            payload: parsed,
          }),
        { timeout: 600_000, maxWait: 10_000 },
      );
      readings += outcome.readings;
      if (Math.floor(last / (24 * 30)) !== Math.floor(first / (24 * 30)) || last === hours)
        process.stderr.write(
          `  day ${Math.round(last / 24)}/${days}: ${readings.toLocaleString()} device-readings ingested, ${((performance.now() - began) / 1000).toFixed(0)} s\n`,
        );
    }
    const ingestSeconds = (performance.now() - began) / 1000;
    const {
      rows: [updates],
    } = await owner.query(
      `SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'supply_levels'`,
    );

    // Every supply reading as its own row, as stored before: each level row's run unrolled to
    // its hourly readings (which also checks that the runs account for every reading).
    await owner.query(
      `CREATE TABLE supply_levels_every_reading (LIKE supply_levels INCLUDING ALL)`,
    );
    await owner.query(
      `INSERT INTO supply_levels_every_reading (tenant_id, id, customer_id, device_id, supply_id, level, max_capacity, percent, state, part_number, read_at, upload_id)
       SELECT l.tenant_id, gen_random_uuid(), l.customer_id, l.device_id, l.supply_id, l.level, l.max_capacity, l.percent, l.state, l.part_number, g, l.upload_id
       FROM supply_levels l, generate_series(l.read_at, COALESCE(l.last_seen_at, l.read_at), interval '1 hour') g
       ORDER BY g, l.supply_id`,
    );
    for (const table of [...TABLES, 'supply_levels_every_reading'])
      await owner.query(`VACUUM (ANALYZE) ${table}`);
    const perYear = 365 / days;
    console.log(
      `\nStorage benchmark: ${deviceCount} office printers × ${days} days of hourly polls (${pagesPerMonth.toLocaleString()} pages/month in office hours, 6 counters, 4 toners), uploads of ${uploadHours} h, through IngestService.ingestUpload`,
    );
    console.log(
      `  ingest: ${readings.toLocaleString()} device-readings in ${ingestSeconds.toFixed(0)} s; supply level rows advanced ${Number(updates.n_tup_upd).toLocaleString()} times, ${Number(updates.n_tup_hot_upd).toLocaleString()} of them heap-only`,
    );
    const written = await sizes(owner, TABLES);
    const writtenSum = printSizes('as written (after VACUUM):', written, perYear);
    console.log(
      `  ${'total'.padEnd(22)} ${''.padStart(9)} ${''.padStart(11)} ${''.padStart(10)} ${''.padStart(10)} ${kb(writtenSum).padStart(15)} ${gb(writtenSum * FLEET).padStart(15)}   [target ≤ 1 MB per device-year]`,
    );
    for (const table of [...TABLES, 'supply_levels_every_reading'])
      await owner.query(`VACUUM (FULL, ANALYZE) ${table}`);
    const compact = await sizes(owner, TABLES);
    const compactSum = printSizes('compacted (VACUUM FULL):', compact, perYear);
    console.log(
      `  ${'total'.padEnd(22)} ${''.padStart(9)} ${''.padStart(11)} ${''.padStart(10)} ${''.padStart(10)} ${kb(compactSum).padStart(15)} ${gb(compactSum * FLEET).padStart(15)}`,
    );

    const every = (await sizes(owner, ['supply_levels_every_reading']))[
      'supply_levels_every_reading'
    ];
    const expected = readings * TONERS.length;
    const everyPerDevice = (every.total / deviceCount) * perYear;
    const changesPerDevice = (compact['supply_levels'].total / deviceCount) * perYear;
    const everySum = compactSum - changesPerDevice + everyPerDevice;
    console.log('\n  supply levels, one row per reading (as before) vs one per change:');
    console.log(
      `    every reading: ${every.rows.toLocaleString()} rows (${every.rows === expected ? 'all' : `expected ${expected.toLocaleString()}:`} readings × 4), ${kb(everyPerDevice)} per device-year, ${gb(everyPerDevice * FLEET)} for ${FLEET.toLocaleString()} devices`,
    );
    console.log(
      `    on change:     ${compact['supply_levels'].rows.toLocaleString()} rows, ${kb(changesPerDevice)} per device-year, ${gb(changesPerDevice * FLEET)} for ${FLEET.toLocaleString()} devices — ${(everyPerDevice / changesPerDevice).toFixed(0)}× smaller`,
    );
    console.log(
      `    all four tables (compacted): ${kb(everySum)} → ${kb(compactSum)} per device-year (${(everySum / compactSum).toFixed(1)}× smaller)`,
    );
    console.log(
      `  machine: load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} on 2 cores (other work shares them)`,
    );
  } finally {
    await context?.close().catch(() => {});
    await owner.end().catch(() => {});
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
