// Ingest benchmark: uploads of 1,000 devices each (built with @printbeat/payload), device
// readings stored per second end to end — parse + validate (parsePayloadXml) + normalise +
// store (IngestService.ingestUpload in one tenant-scoped transaction per upload, as the
// gateway runs it) — against raw PostgreSQL COPY of the same rows (one meter read and four
// supply levels per device reading) into the same tables, as a ratio in one run. Zip and
// signature checks (the gateway's part) are not included. Prints figures; asserts nothing.
//
//   node tools/bench/ingest/run.mjs [--devices 1000] [--uploads 8] [--agents 1] [--tenant-devices 0] [--profile [--all]]
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
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

// As deployed: graphql-js and friends skip their development-mode checks (graphql's
// instanceOf alone costs ~10 % of a usage request's CPU otherwise). Read when they load,
// which is after this line (central is imported dynamically).
process.env['NODE_ENV'] ??= 'production';

const deviceCount = Number(argValue('devices', '1000'));
// --profile: time every statement of the ingest transaction (printed per upload).
const profile = process.argv.includes('--profile');
const uploads = Number(argValue('uploads', '8'));
// --tenant-devices N: the dealer already has N other devices (4 supplies each) in other
// customers, so a statement whose cost follows the tenant's size rather than the upload's shows.
const tenantDevices = Number(argValue('tenant-devices', '0'));
// --agents N: N customers' agents upload at the same moment (one upload each per round), as
// central sees them; COPY then runs N batches at once on N connections.
const agentCount = Number(argValue('agents', '1'));
const COLORS = ['black', 'cyan', 'magenta', 'yellow'];
const HOUR = 3_600_000;
const start = Date.parse('2026-03-01T08:00:00Z');

function devicePayload(i, uploadIndex) {
  const total = 100_000 + i * 7 + uploadIndex * (50 + (i % 200));
  const mono = Math.floor(total * 0.7);
  const suffix = String(i).padStart(6, '0');
  return {
    address: `127.70.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    identity: {
      manufacturer: 'Kyocera',
      model: 'TASKalfa 2554ci',
      serial: `BENCH${suffix}`,
      mac: `00:17:c8:${suffix.slice(0, 2)}:${suffix.slice(2, 4)}:${suffix.slice(4, 6)}`,
      ip: `127.70.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      hostname: `printer-${suffix}`,
      firmware: '2XD_S000.002.215',
      location: 'Floor 2',
      contact: null,
      assetTag: null,
      sysObjectId: '1.3.6.1.4.1.1347.41',
      sysDescr: 'KYOCERA Document Solutions Printing System',
      uptimeSeconds: 86_400 + uploadIndex * 3600,
    },
    readings: [
      {
        takenAt: new Date(start + uploadIndex * HOUR).toISOString(),
        counters: {
          total,
          mono,
          color: total - mono,
          printTotal: total - 1000,
          copyTotal: 1000,
          extra: { 'kyocera.a3': 17 + uploadIndex },
        },
        supplies: COLORS.map((color, index) => ({
          index: `1.${index + 1}`,
          description: `${color} toner`,
          type: 'toner',
          color,
          level: 80 - uploadIndex - index * 5,
          maxCapacity: 100,
          percent: 80 - uploadIndex - index * 5,
          state: 'ok',
          partNumber: `TK-8345${color[0].toUpperCase()}`,
        })),
        status: {
          printer: 'idle',
          device: 'running',
          errors: uploadIndex % 2 === 0 && i % 50 === 0 ? ['lowPaper'] : [],
        },
        alerts: [],
        console: 'Ready',
      },
    ],
  };
}

/** The transaction client with every raw statement and model call timed into `log`. */
function timedClient(tx, log) {
  const time = (label, run) => {
    const began = performance.now();
    const result = run();
    return Promise.resolve(result).then((value) => {
      log.push({ label, ms: performance.now() - began });
      return value;
    });
  };
  const model = (name, delegate) =>
    new Proxy(delegate, {
      get: (target, method) =>
        typeof target[method] === 'function'
          ? (...args) => time(`${name}.${String(method)}`, () => target[method](...args))
          : target[method],
    });
  return new Proxy(tx, {
    get(target, key) {
      const value = target[key];
      if (key === '$queryRaw' || key === '$executeRaw')
        return (strings, ...values) =>
          time(strings.join('?').replace(/\s+/g, ' ').trim().slice(0, 70), () =>
            value.call(target, strings, ...values),
          );
      if (typeof key === 'string' && !key.startsWith('$') && value && typeof value === 'object')
        return model(key, value);
      return value;
    },
  });
}

/** The same for the plain SQL ingest runs on the transaction's connection (TenantPrisma.sql). */
function timeTransactionSql(tenantPrisma, logOf) {
  const sqlOf = tenantPrisma.sql.bind(tenantPrisma);
  tenantPrisma.sql = async (tx) => {
    const sql = await sqlOf(tx);
    const timed = (method) => async (text, values) => {
      const began = performance.now();
      const result = await sql[method](text, values);
      logOf()?.push({
        label: `sql: ${text.replace(/\s+/g, ' ').trim().slice(0, 65)}`,
        ms: performance.now() - began,
      });
      return result;
    };
    return { query: timed('query'), execute: timed('execute') };
  };
}

function printStatements(upload, log) {
  const total = log.reduce((sum, entry) => sum + entry.ms, 0);
  console.log(
    `  upload ${upload}: ${log.length} statements, ${total.toFixed(0)} ms in the database client`,
  );
  for (const entry of process.argv.includes('--all')
    ? log
    : [...log].sort((a, b) => b.ms - a.ms).slice(0, 12))
    console.log(`    ${entry.ms.toFixed(1).padStart(7)} ms  ${entry.label}`);
}

async function main() {
  build();
  const payload = await import(pathToFileURL(join(repoRoot, 'libs/payload/dist/index.js')).href);
  const db = await startBenchDatabase('ingest');
  const owner = new pg.Client({ connectionString: db.handle.ownerUrl });
  await owner.connect();
  let context = null;
  let sites = null;
  try {
    const {
      rows: [tenant],
    } = await owner.query(
      `INSERT INTO tenants (name, slug, updated_at) VALUES ('Bench dealer', 'bench-ingest', now()) RETURNING id`,
    );
    /** One customer with one site and its agent per uploading agent. */
    sites = [];
    for (let k = 0; k < agentCount; k++) {
      const {
        rows: [customer],
      } = await owner.query(
        `INSERT INTO customers (tenant_id, name, updated_at) VALUES ($1, $2, now()) RETURNING id`,
        [tenant.id, `Customer ${k + 1}`],
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
        `INSERT INTO agents (tenant_id, customer_id, site_id, hostname, updated_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
        [tenant.id, customer.id, site.id, `bench-agent-${k + 1}`],
      );
      const copyClient = new pg.Client({ connectionString: db.handle.ownerUrl });
      await copyClient.connect();
      sites.push({ customer, site, agent, copyClient, xmls: [], copyRows: null });
    }

    if (tenantDevices > 0) {
      const perCustomer = 500;
      for (let first = 0; first < tenantDevices; first += perCustomer) {
        const {
          rows: [other],
        } = await owner.query(
          `INSERT INTO customers (tenant_id, name, updated_at) VALUES ($1, $2, now()) RETURNING id`,
          [tenant.id, `Other customer ${first / perCustomer + 1}`],
        );
        await owner.query(
          `WITH d AS (
             INSERT INTO devices (tenant_id, customer_id, serial_number, first_seen_at, last_seen_at, updated_at)
             SELECT $1, $2, 'OTHER' || g, now(), now(), now() FROM generate_series($3::int, $4::int) g
             RETURNING tenant_id, customer_id, id)
           INSERT INTO supplies (tenant_id, customer_id, device_id, supply_key, description, level, percent, state, read_at, updated_at)
           SELECT d.tenant_id, d.customer_id, d.id, '1.' || k || '|toner', 'toner', 50, 50, 'OK', now(), now()
           FROM d, generate_series(1, 4) k`,
          [tenant.id, other.id, first + 1, Math.min(first + perCustomer, tenantDevices)],
        );
      }
      await owner.query('VACUUM ANALYZE devices');
      await owner.query('VACUUM ANALYZE supplies');
    }

    // Central's ingest in-process: the modules it needs on the real database, app role + RLS.
    const started = await startIngestContext(db, {
      // The generated readings are dated from March 2026: they must stay current readings.
      AGENT_READING_MAX_AGE_DAYS: '3650',
    });
    context = started.context;
    const { ingest, tenantPrisma } = started;
    let statements = null;
    if (profile) timeTransactionSql(tenantPrisma, () => statements);

    // The agents' side (not timed): XML of each upload.
    for (const { agent, xmls } of sites) {
      for (let u = 0; u < uploads; u++) {
        xmls.push(
          payload.buildPayloadXml({
            version: 1,
            uploadId: randomUUID(),
            agentId: agent.id,
            agentVersion: 'bench',
            createdAt: new Date(start + u * HOUR + 60_000).toISOString(),
            devices: Array.from({ length: deviceCount }, (_, i) => devicePayload(i, u)),
          }),
        );
      }
    }

    // COPY of the same rows a steady-state upload stores: per device reading one meter read and
    // four supply levels, into the same tables (indexes, constraints and FK triggers on). One
    // batch after each steady upload, so both are measured in the same state of the database
    // (COPY alone, after all uploads, varied 250–440 ms from run to run here).
    const copyRuns = [];
    async function copyBatch(place, r) {
      const { customer, agent, copyClient } = place;
      if (!place.copyRows) {
        const { rows: devices } = await owner.query(
          `SELECT id FROM devices WHERE tenant_id = $1 AND customer_id = $2 ORDER BY serial_number`,
          [tenant.id, customer.id],
        );
        const { rows: supplies } = await owner.query(
          `SELECT id, device_id FROM supplies WHERE tenant_id = $1 AND customer_id = $2`,
          [tenant.id, customer.id],
        );
        const suppliesOf = new Map();
        for (const supply of supplies)
          suppliesOf.set(supply.device_id, [
            ...(suppliesOf.get(supply.device_id) ?? []),
            supply.id,
          ]);
        place.copyRows = { devices, supplies, suppliesOf };
      }
      const { devices, suppliesOf } = place.copyRows;
      // Hours before the first upload: history, which the uploads' newer readings do not see.
      const at = new Date(start - r * HOUR).toISOString();
      // Every row names its upload, as ingest's do (the same foreign key checks).
      const {
        rows: [copyUpload],
      } = await owner.query(
        `INSERT INTO uploads (tenant_id, customer_id, agent_id, upload_id, size_bytes, sha256, outcome, device_count) VALUES ($1, $2, $3, $4, 0, $5, 'ACCEPTED', $6) RETURNING id`,
        [tenant.id, customer.id, agent.id, randomUUID(), 'cd'.repeat(32), devices.length],
      );
      const readsFile = join(db.workDir, `copy-reads-${customer.id}-${r}.csv`);
      const levelsFile = join(db.workDir, `copy-levels-${customer.id}-${r}.csv`);
      const reads = createWriteStream(readsFile, { mode: 0o644 });
      const levels = createWriteStream(levelsFile, { mode: 0o644 });
      devices.forEach((device, i) => {
        const total = 50_000 + i - r;
        reads.write(
          `${tenant.id},${customer.id},${device.id},${at},${at},"{""total"": ${total}, ""mono"": ${total - 100}, ""color"": 100, ""printTotal"": ${total - 1000}, ""copyTotal"": 1000, ""vendor:kyocera.a3"": 20}",${copyUpload.id}\n`,
        );
        for (const supplyId of suppliesOf.get(device.id) ?? [])
          levels.write(
            `${tenant.id},${customer.id},${device.id},${supplyId},60,100,60,OK,TK-8345K,${at},${copyUpload.id}\n`,
          );
      });
      reads.end();
      levels.end();
      await Promise.all([once(reads, 'close'), once(levels, 'close')]);
      return async () => {
        await copyClient.query('BEGIN');
        await copyClient.query(
          `COPY meter_reads (tenant_id, customer_id, device_id, read_at, last_seen_at, counters, upload_id) FROM '${readsFile}' WITH (FORMAT csv)`,
        );
        await copyClient.query(
          `COPY supply_levels (tenant_id, customer_id, device_id, supply_id, level, max_capacity, percent, state, part_number, read_at, upload_id) FROM '${levelsFile}' WITH (FORMAT csv)`,
        );
        await copyClient.query('COMMIT');
      };
    }

    /** One COPY batch per agent's customer at once (files written first, untimed). */
    async function copyRound(r) {
      const batches = [];
      for (const place of sites) batches.push(await copyBatch(place, r));
      const started = performance.now();
      await Promise.all(batches.map((run) => run()));
      copyRuns.push(performance.now() - started);
    }

    async function ingestOne(place, u) {
      const { customer, site, agent } = place;
      const xml = place.xmls[u];
      const started = performance.now();
      const parsed = payload.parsePayloadXml(xml);
      const parseMs = performance.now() - started;
      const {
        rows: [upload],
      } = await owner.query(
        `INSERT INTO uploads (tenant_id, customer_id, agent_id, upload_id, size_bytes, sha256, outcome, device_count) VALUES ($1, $2, $3, $4, $5, $6, 'ACCEPTED', $7) RETURNING id`,
        [
          tenant.id,
          customer.id,
          agent.id,
          parsed.uploadId,
          Buffer.byteLength(xml),
          'ab'.repeat(32),
          deviceCount,
        ],
      );
      const agentContext = {
        tenantId: tenant.id,
        customerId: customer.id,
        actor: { kind: 'agent', agentId: agent.id },
      };
      const outcome = await tenantPrisma.runAs(
        agentContext,
        (tx) =>
          ingest.ingestUpload(profile ? timedClient(tx, statements) : tx, {
            tenantId: tenant.id,
            customerId: customer.id,
            siteId: site.id,
            agentId: agent.id,
            uploadId: upload.id,
            receivedAt: new Date(),
            payload: parsed,
          }),
        { timeout: 600_000, maxWait: 10_000 },
      );
      return {
        parseMs,
        readings: outcome.readings,
        meterReads: outcome.meterReads,
        xmlBytes: Buffer.byteLength(xml),
      };
    }

    const results = [];
    for (let u = 0; u < uploads; u++) {
      statements = [];
      const started = performance.now();
      const done = await Promise.all(sites.map((place) => ingestOne(place, u)));
      const ms = performance.now() - started;
      if (profile) printStatements(u + 1, statements);
      results.push({
        upload: u + 1,
        ms,
        parseMs: Math.max(...done.map((d) => d.parseMs)),
        readings: done.reduce((sum, d) => sum + d.readings, 0),
        meterReads: done.reduce((sum, d) => sum + d.meterReads, 0),
        xmlBytes: done[0].xmlBytes,
      });
      if (u > 0) await copyRound(u);
    }
    const { devices, supplies } = sites[0].copyRows;
    const copyBatches = copyRuns.length;

    if (profile) {
      const { rows: hot } = await owner.query(
        `SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname IN ('devices', 'supplies') ORDER BY relname`,
      );
      for (const row of hot)
        console.log(
          `  ${row.relname}: ${row.n_tup_upd} row updates, ${row.n_tup_hot_upd} heap-only (no index writes)`,
        );
    }
    const steady = results.slice(1);
    const steadyReadings = steady.reduce((sum, r) => sum + r.readings, 0);
    const steadyMs = steady.reduce((sum, r) => sum + r.ms, 0);
    const ingestRate = steadyReadings / (steadyMs / 1000);
    const copyMs = [...copyRuns].sort((a, b) => a - b)[Math.floor(copyBatches / 2)];
    const copyRate = (agentCount * devices.length) / (copyMs / 1000);
    console.log(
      `\nIngest benchmark (${uploads} uploads × ${deviceCount.toLocaleString()} devices${agentCount > 1 ? ` from each of ${agentCount} agents at once` : ''}, one reading each: 6 counters, 4 supplies, status; the dealer has ${(tenantDevices + agentCount * deviceCount).toLocaleString()} devices)`,
    );
    for (const r of results) {
      console.log(
        `  ${agentCount > 1 ? 'round' : 'upload'} ${r.upload}${r.upload === 1 ? ' (creates the devices)' : ''}: ${(r.ms / 1000).toFixed(2)} s = ${Math.round(r.readings / (r.ms / 1000)).toLocaleString()} device-readings/s (parse+validate ${r.parseMs.toFixed(0)} ms of it, XML ${(r.xmlBytes / 1e6).toFixed(1)} MB, ${r.meterReads} meter reads stored)`,
      );
    }
    console.log(
      `  steady state (${agentCount > 1 ? 'rounds' : 'uploads'} 2–${uploads}): ${Math.round(ingestRate).toLocaleString()} device-readings/s end to end   [target ≥ 5,000/s]`,
    );
    console.log(
      `  raw COPY of the same rows (${devices.length} meter reads + ${supplies.length} supply levels per batch${agentCount > 1 ? `, ${agentCount} batches at once` : ''}, median of ${copyBatches}): ${copyMs.toFixed(0)} ms = ${Math.round(copyRate).toLocaleString()} device-readings/s`,
    );
    console.log(`  ratio ingest / COPY: ${(ingestRate / copyRate).toFixed(3)}×   [target ≥ 0.3×]`);
    console.log(
      `  machine: load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} on 2 cores (other work shares them)`,
    );
  } finally {
    await context?.close().catch(() => {});
    for (const place of sites ?? []) await place.copyClient.end().catch(() => {});
    await owner.end().catch(() => {});
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
