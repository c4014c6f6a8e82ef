// Reconciliation report benchmark: the fleet benchmark's tenant (tools/bench/fleet/seed.mjs:
// default 10,000 devices, 20 customers × 500, a year of hourly meter reads), with a contract per
// customer holding 90 % of its devices, 2 % of the contracted devices silent for the last 10
// days, open meter discontinuities, serial changes and counter-source disagreements (flagged for
// review as ingest flags them); then the
// `reconciliation` query (every section, all customers and one customer) and the CSV through
// HTTP with an API key. Prints p50/p95 against the 2 s target; asserts nothing. Loopback only.
//
//   node tools/bench/reconciliation/run.mjs [--customers 20] [--devices-per-customer 500]
//     [--days 365] [--print-hours 0.75] [--runs 10]
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  argValue,
  benchApiKey,
  isMain,
  machineLine,
  runBench,
  summary,
} from '../billing/central-harness.mjs';
import { dataLine, fleetArgs, seedFleet } from '../fleet/seed.mjs';

process.env['NODE_ENV'] ??= 'production';

const TARGET_MS = 2000;

const REPORT = `query($customerId: ID) {
  reconciliation(customerId: $customerId) {
    counts { silentUnderContract reportingWithoutContract serialChanged awaitingReview }
    silentUnderContract { deviceId serialNumber contractReference lastReadAt }
    reportingWithoutContract { deviceId serialNumber lastSeenAt }
    serialChanged { deviceId detail at }
    awaitingReview { deviceId detail at }
  }
}`;

/** Contracts, memberships, silence, discontinuities, serial changes, counter reviews. */
export async function addReconciliationData(owner, tenantId) {
  await owner.query(
    `INSERT INTO contracts (tenant_id, customer_id, reference, start_date, billed_meters, updated_at)
     SELECT tenant_id, id, 'K-' || name, now() - interval '400 days', ARRAY['total','mono','color'], now()
     FROM customers WHERE tenant_id = $1`,
    [tenantId],
  );
  // 90 % of each customer's devices under its contract, attached with their first read.
  await owner.query(
    `INSERT INTO contract_devices (tenant_id, customer_id, contract_id, device_id, attached_at, attached_by, open_key)
     SELECT d.tenant_id, d.customer_id, k.id, d.id, now() - interval '390 days', 'bench', d.id
     FROM devices d JOIN contracts k ON k.tenant_id = d.tenant_id AND k.customer_id = d.customer_id
     WHERE d.tenant_id = $1 AND abs(hashtext(d.id::text || 'contract')) % 10 <> 0`,
    [tenantId],
  );
  // 2 % of the devices stopped reporting 10 days ago.
  const { rowCount: silenced } = await owner.query(
    `DELETE FROM meter_reads r USING devices d
     WHERE r.tenant_id = $1 AND d.tenant_id = $1 AND r.device_id = d.id
       AND abs(hashtext(d.id::text || 'silent')) % 50 = 0 AND r.read_at > now() - interval '10 days'`,
    [tenantId],
  );
  // 1 % with an open discontinuity on their two newest reads, 0.5 % with a serial change,
  // 1 % whose counter sources disagree.
  await owner.query(
    `INSERT INTO meter_discontinuities (tenant_id, customer_id, device_id, counter, before_read_id, after_read_id, before_value, after_value)
     SELECT d.tenant_id, d.customer_id, d.id, 'total', r.ids[2], r.ids[1], 1000, 10
     FROM devices d
     CROSS JOIN LATERAL (
       SELECT array_agg(id ORDER BY read_at DESC) AS ids
       FROM (SELECT id, read_at FROM meter_reads m WHERE m.tenant_id = d.tenant_id AND m.device_id = d.id ORDER BY read_at DESC LIMIT 2) x
     ) r
     WHERE d.tenant_id = $1 AND abs(hashtext(d.id::text || 'drop')) % 100 = 0 AND cardinality(r.ids) = 2`,
    [tenantId],
  );
  await owner.query(
    `INSERT INTO device_identity_changes (tenant_id, customer_id, device_id, field, old_value, new_value, changed_at)
     SELECT tenant_id, customer_id, id, 'serialNumber', serial_number || '-OLD', serial_number, now() - interval '5 days'
     FROM devices WHERE tenant_id = $1 AND abs(hashtext(id::text || 'serial')) % 200 = 0`,
    [tenantId],
  );
  // Both flag the read for review as ingest does (meter_read_reviews, PENDING).
  await owner.query(
    `INSERT INTO meter_read_reviews (tenant_id, customer_id, device_id, read_id, read_at, counter, reason,
       discontinuity_id, original_value, status)
     SELECT x.tenant_id, x.customer_id, x.device_id, x.after_read_id, r.read_at, x.counter, 'DISCONTINUITY'::"MeterReadReviewReason",
       x.id, x.after_value, 'PENDING'::"MeterReadReviewStatus"
     FROM meter_discontinuities x JOIN meter_reads r ON r.tenant_id = x.tenant_id AND r.id = x.after_read_id
     WHERE x.tenant_id = $1
     UNION ALL
     SELECT d.tenant_id, d.customer_id, d.id, m.id, m.read_at, 'mono', 'SOURCE_DISAGREEMENT'::"MeterReadReviewReason",
       NULL, (m.counters ->> 'mono')::bigint, 'PENDING'::"MeterReadReviewStatus"
     FROM devices d
     CROSS JOIN LATERAL (
       SELECT r.* FROM meter_reads r WHERE r.tenant_id = d.tenant_id AND r.device_id = d.id
       ORDER BY r.read_at DESC LIMIT 1
     ) m
     WHERE d.tenant_id = $1 AND abs(hashtext(d.id::text || 'review')) % 100 = 0
     ON CONFLICT DO NOTHING`,
    [tenantId],
  );
  await owner.query('VACUUM (ANALYZE)');
  return { silencedReads: silenced };
}

/** The report for all customers and for one through GraphQL, and the CSV, `runs` times each. */
export async function measureReconciliation({ baseUrl, key, customerId, runs = 10 }) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const graphql = async (variables) => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: REPORT, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { ms: performance.now() - started, report: body.data.reconciliation };
  };
  const csv = async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/reconciliation.csv`, { headers });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`CSV: HTTP ${response.status} ${text}`);
    return { ms: performance.now() - started, bytes: Buffer.byteLength(text) };
  };

  for (let i = 0; i < 2; i++) await graphql({});
  const cases = [
    ['GraphQL, all customers', () => graphql({})],
    ['GraphQL, one customer', () => graphql({ customerId })],
    ['CSV, all customers', () => csv()],
  ];
  const results = [];
  let counts = null;
  let csvBytes = 0;
  for (const [name, run] of cases) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const result = await run();
      samples.push(result.ms);
      if (result.report && name.includes('all')) counts = result.report.counts;
      if (result.bytes) csvBytes = result.bytes;
    }
    results.push({ name, ...summary(samples) });
  }
  return { results, counts, csvBytes, runs, load: loadavg() };
}

export function printReconciliation({ results, counts, csvBytes, runs, load }) {
  console.log('\nReconciliation benchmark: the full report through HTTP with an API key');
  console.log(
    `  report (all customers): ${counts.silentUnderContract} silent under contract, ${counts.reportingWithoutContract} reporting without contract, ${counts.serialChanged} serial changes, ${counts.awaitingReview} awaiting review; CSV ${(csvBytes / 1024).toFixed(0)} KiB`,
  );
  console.log('');
  console.log('  request                  |     p50 |     p95 |     max | target');
  console.log('  -------------------------|--------:|--------:|--------:|-------');
  for (const r of results)
    console.log(
      `  ${r.name.padEnd(24)} | ${r.p50.toFixed(0).padStart(4)} ms | ${r.p95.toFixed(0).padStart(4)} ms | ${r.max.toFixed(0).padStart(4)} ms | ${r.p95 <= TARGET_MS ? 'met' : 'MISSED'} (≤ ${TARGET_MS} ms)`,
    );
  console.log(`  ${runs} requests each; ${machineLine(load)}`);
}

/** The first customer by name: the "one customer" case. */
export async function firstCustomerId(owner, tenantId) {
  const {
    rows: [one],
  } = await owner.query(`SELECT id FROM customers WHERE tenant_id = $1 ORDER BY name LIMIT 1`, [
    tenantId,
  ]);
  return one.id;
}

async function main({ owner, startCentral }) {
  const size = fleetArgs();
  const loadStarted = performance.now();
  const data = await seedFleet(owner, { ...size, slug: 'bench-reconciliation' });
  await addReconciliationData(owner, data.tenantId);
  const key = await benchApiKey(owner, data.tenantId, ['meters:read']);
  const customerId = await firstCustomerId(owner, data.tenantId);
  const central = await startCentral();
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const measured = await measureReconciliation({
    baseUrl: central.baseUrl,
    key,
    customerId,
    runs: Number(argValue('runs', '10')),
  });
  printReconciliation(measured);
  console.log(`  ${dataLine(data, size)}; load ${loadSeconds.toFixed(0)} s`);
}

if (isMain(import.meta.url)) runBench('reconciliation', main);
