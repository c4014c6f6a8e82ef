// Billing benchmark: N devices (default 10,000: 20 customers × 500) with one year of daily meter
// reads (generated as CSV and loaded with COPY), then `usage` through GraphQL with a
// meters:read API key — one customer (500 devices, one page) and the whole tenant (pages of
// 1,000) — p50/p95 — and the billing export CSV of every device. Also the same customer query in-process (UsageService.page) to show the
// GraphQL/HTTP share. Prints figures; asserts nothing. Loopback only.
//
//   node tools/bench/billing/run.mjs [--customers 20] [--devices-per-customer 500] [--days 365] [--runs 40]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  argValue,
  build,
  centralExports,
  startBenchDatabase,
  startCentral,
  summary,
} from './central-harness.mjs';

// As deployed: graphql-js and friends skip their development-mode checks (graphql's
// instanceOf alone costs ~10 % of a usage request's CPU otherwise). Read when they load,
// which is after this line (central is imported dynamically).
process.env['NODE_ENV'] ??= 'production';

const customers = Number(argValue('customers', '20'));
const perCustomer = Number(argValue('devices-per-customer', '500'));
const days = Number(argValue('days', '365'));
const runs = Number(argValue('runs', '40'));
const DAY = 86_400_000;
const yearStart = Date.parse('2025-01-01T00:00:00Z');

const USAGE = `query($filter: UsageFilter, $from: DateTime!, $to: DateTime!, $first: Int, $after: String) {
  usage(filter: $filter, from: $from, to: $to, first: $first, after: $after) {
    edges { node { deviceId counters { counter delta flags start { value readAt } end { value readAt } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function main() {
  build();
  const db = await startBenchDatabase('billing');
  const owner = new pg.Client({ connectionString: db.handle.ownerUrl });
  await owner.connect();
  let central = null;
  try {
    const {
      rows: [tenant],
    } = await owner.query(
      `INSERT INTO tenants (name, slug, updated_at) VALUES ('Bench dealer', 'bench-billing', now()) RETURNING id`,
    );
    const tenantId = tenant.id;
    const customerIds = [];
    for (let c = 0; c < customers; c++) {
      const {
        rows: [customer],
      } = await owner.query(
        `INSERT INTO customers (tenant_id, name, updated_at) VALUES ($1, $2, now()) RETURNING id`,
        [tenantId, `Customer ${c + 1}`],
      );
      const {
        rows: [site],
      } = await owner.query(
        `INSERT INTO sites (tenant_id, customer_id, name, updated_at) VALUES ($1, $2, 'HQ', now()) RETURNING id`,
        [tenantId, customer.id],
      );
      await owner.query(
        `INSERT INTO devices (tenant_id, customer_id, site_id, manufacturer, model, serial_number, first_seen_at, last_seen_at, updated_at)
         SELECT $1, $2, $3, 'Kyocera', 'TASKalfa 2554ci', 'SN' || $4::text || '-' || g, $5, now(), now() FROM generate_series(1, $6) g`,
        [tenantId, customer.id, site.id, c + 1, new Date(yearStart - DAY), perCustomer],
      );
      customerIds.push(customer.id);
    }
    const { rows: devices } = await owner.query(
      `SELECT id, customer_id FROM devices WHERE tenant_id = $1 ORDER BY id`,
      [tenantId],
    );

    // One CSV per customer, COPYed by the server from the file. The rows are consistent by
    // construction, so the bulk load skips the per-row foreign-key triggers (re-enabled after).
    await owner.query('ALTER TABLE meter_reads DISABLE TRIGGER ALL');
    await owner.query('SET synchronous_commit = off');
    const loadStarted = performance.now();
    let rowsLoaded = 0;
    let writeMs = 0;
    let copyMs = 0;
    const random = lcg(42);
    for (const customerId of customerIds) {
      const file = join(db.workDir, `reads-${customerId}.csv`);
      const writeStarted = performance.now();
      const out = createWriteStream(file, { mode: 0o644 });
      for (const device of devices) {
        if (device.customer_id !== customerId) continue;
        let mono = Math.floor(random() * 100_000);
        let color = Math.floor(random() * 50_000);
        const monoPerDay = 20 + Math.floor(random() * 300);
        const colorPerDay = Math.floor(random() * 120);
        let line = '';
        for (let day = 0; day < days; day++) {
          mono += Math.floor(monoPerDay * (0.5 + random()));
          color += Math.floor(colorPerDay * (0.5 + random()));
          const at = new Date(yearStart + day * DAY + 7 * 3_600_000).toISOString();
          line += `${tenantId},${customerId},${device.id},${at},${at},"{""total"": ${mono + color}, ""mono"": ${mono}, ""color"": ${color}}"\n`;
        }
        if (!out.write(line)) await once(out, 'drain');
        rowsLoaded += days;
      }
      out.end();
      await once(out, 'close');
      writeMs += performance.now() - writeStarted;
      const copyStarted = performance.now();
      await owner.query(
        `COPY meter_reads (tenant_id, customer_id, device_id, read_at, last_seen_at, counters) FROM '${file}' WITH (FORMAT csv)`,
      );
      copyMs += performance.now() - copyStarted;
    }
    await owner.query('ALTER TABLE meter_reads ENABLE TRIGGER ALL');
    // A year of readings in production has long been vacuumed (visibility map set, hint bits
    // written); right after a bulk load autovacuum would do that during the measurements.
    await owner.query('VACUUM (ANALYZE) meter_reads');
    await owner.query('ANALYZE');
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const {
      rows: [size],
    } = await owner.query(`SELECT pg_size_pretty(pg_total_relation_size('meter_reads')) AS size`);

    // A meters:read key for the tenant.
    const { newApiKey, sha256Hex } = await centralExports('platform/auth/opaque-tokens.js');
    const { key, prefix } = newApiKey();
    await owner.query(
      `INSERT INTO api_keys (tenant_id, name, prefix, key_hash, scopes) VALUES ($1, 'bench', $2, $3, ARRAY['meters:read'])`,
      [tenantId, prefix, sha256Hex(key)],
    );

    central = await startCentral(db.handle, db.workDir);
    const request = async (variables) => {
      const response = await fetch(`${central.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: USAGE, variables }),
      });
      const body = await response.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data.usage;
    };
    const period = (i) => {
      const fromDay = 10 + ((i * 37) % Math.max(1, days - 45));
      return {
        from: new Date(yearStart + fromDay * DAY).toISOString(),
        to: new Date(yearStart + (fromDay + 30) * DAY).toISOString(),
      };
    };

    // Warm-up (JIT, plan cache, buffer cache).
    for (let i = 0; i < 5; i++)
      await request({
        filter: { customerId: customerIds[i % customers] },
        ...period(i),
        first: perCustomer,
      });

    const customerMs = [];
    const customerCpuMs = [];
    let checked = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const usage = await request({
        filter: { customerId: customerIds[i % customers] },
        ...period(i),
        first: perCustomer,
      });
      customerMs.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      customerCpuMs.push((used.user + used.system) / 1000);
      if (usage.edges.length !== perCustomer)
        throw new Error(`expected ${perCustomer} devices, got ${usage.edges.length}`);
      checked += usage.edges.filter((edge) =>
        edge.node.counters.every((counter) => counter.delta > 0 && counter.flags.length === 0),
      ).length;
    }

    // In-process: the service alone (two SQL statements + domain), no HTTP/GraphQL.
    const { UsageService } = await centralExports('modules/usage/usage.service.js');
    const { tenantContext } = await centralExports('platform/tenancy/tenant-context.js');
    const service = central.app.get(UsageService);
    const serviceMs = [];
    for (let i = 0; i < runs; i++) {
      const { from, to } = period(i);
      const started = performance.now();
      await tenantContext.run(
        { tenantId, customerId: null, actor: { kind: 'system', name: 'bench' } },
        () =>
          service.page(
            {
              customerId: customerIds[i % customers],
              siteId: null,
              deviceIds: null,
              from: new Date(from),
              to: new Date(to),
              counters: null,
            },
            { first: perCustomer, after: null },
          ),
      );
      serviceMs.push(performance.now() - started);
    }

    const tenantMs = [];
    const tenantRuns = Math.max(3, Math.floor(runs / 8));
    for (let i = 0; i < tenantRuns; i++) {
      const started = performance.now();
      let after = null;
      let total = 0;
      for (;;) {
        const usage = await request({ ...period(i), first: 1000, after });
        total += usage.edges.length;
        if (!usage.pageInfo.hasNextPage) break;
        after = usage.pageInfo.endCursor;
      }
      tenantMs.push(performance.now() - started);
      if (total !== devices.length)
        throw new Error(`expected ${devices.length} devices, got ${total}`);
    }

    // The monthly billing export of every device: the CSV download (same builder as the kept
    // monthly file), streamed page by page.
    const exportMs = [];
    let exportBytes = 0;
    for (let i = 0; i < tenantRuns; i++) {
      const { from, to } = period(i);
      const started = performance.now();
      const response = await fetch(
        `${central.baseUrl}/api/v1/meters/export.csv?from=${from}&to=${to}`,
        { headers: { authorization: `Bearer ${key}` } },
      );
      if (response.status !== 200) throw new Error(`export answered ${response.status}`);
      exportBytes = (await response.arrayBuffer()).byteLength;
      exportMs.push(performance.now() - started);
    }

    // The SQL alone, as PostgreSQL executes it (the app role, row-level security on).
    const { UsageRepository } = await centralExports('modules/usage/usage.repository.js');
    const { TenantPrisma } = await centralExports('platform/prisma/tenant-prisma.js');
    const sqlMs = [];
    const repository = central.app.get(UsageRepository);
    const tenantPrisma = central.app.get(TenantPrisma);
    for (let i = 0; i < runs; i++) {
      const { from, to } = period(i);
      await tenantContext.run(
        { tenantId, customerId: null, actor: { kind: 'system', name: 'bench' } },
        () =>
          tenantPrisma.run(async (tx) => {
            const started = performance.now();
            await repository.endpoints(
              tx,
              { tenantId, customerId: customerIds[i % customers], siteId: null, deviceIds: null },
              { after: null, take: perCustomer + 1 },
              { from: new Date(from), to: new Date(to) },
              ['total', 'mono', 'color'],
            );
            sqlMs.push(performance.now() - started);
          }),
      );
    }
    const loadAverage = (await import('node:os')).loadavg();

    const fmt = (s) =>
      `p50 ${s.p50.toFixed(1)} ms · p95 ${s.p95.toFixed(1)} ms · max ${s.max.toFixed(1)} ms (n=${s.n})`;
    console.log(
      '\nBilling benchmark (usage: reading at/before from and to, delta, flags; counters total/mono/color)',
    );
    console.log(
      `  data: ${devices.length.toLocaleString()} devices (${customers} customers × ${perCustomer}), ${rowsLoaded.toLocaleString()} meter reads (${days} days), meter_reads ${size.size}`,
    );
    console.log(
      `  load: ${loadSeconds.toFixed(1)} s (CSV write ${(writeMs / 1000).toFixed(1)} s, COPY ${(copyMs / 1000).toFixed(1)} s = ${Math.round(rowsLoaded / (copyMs / 1000)).toLocaleString()} rows/s)`,
    );
    console.log(
      `  one customer (${perCustomer} devices, one page), GraphQL over HTTP with an API key: ${fmt(summary(customerMs))}   [target p95 ≤ 200 ms]`,
    );
    console.log(
      `  one customer, UsageService in-process (no HTTP/GraphQL):              ${fmt(summary(serviceMs))}`,
    );
    console.log(
      `  one customer, the SQL statement alone:                                 ${fmt(summary(sqlMs))}`,
    );
    console.log(
      `  one customer, central's Node CPU per GraphQL request:                   ${fmt(summary(customerCpuMs))}`,
    );
    console.log(
      `  whole tenant (${devices.length.toLocaleString()} devices, pages of 1,000), GraphQL:          ${fmt(summary(tenantMs))}`,
    );
    console.log(
      `  billing export CSV of every device (${(exportBytes / 1e6).toFixed(1)} MB), over HTTP:    ${fmt(summary(exportMs))}   [target ≤ 10 s]`,
    );
    console.log(
      `  machine: ${(await import('node:os')).cpus().length} cores, load average ${loadAverage.map((x) => x.toFixed(1)).join(' / ')} (other work shares the cores: wall times include waiting)`,
    );
    console.log(
      `  sanity: ${checked.toLocaleString()} of ${(runs * perCustomer).toLocaleString()} device results had a positive delta on every counter and no flag`,
    );
  } finally {
    await central?.close().catch(() => {});
    await owner.end().catch(() => {});
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
