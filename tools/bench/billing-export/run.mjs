// Billing export benchmark: the fleet benchmarks' tenant (tools/bench/fleet/seed.mjs; default
// 10,000 devices: 20 customers × 500, a year of hourly meter reads) with some of last month's
// reads flagged for review (waiting, corrected, excluded), then the CSV export of last month
// for every device (GET /api/v1/meters/export.csv with an API key, read to the end) timed
// against the 10 s target. Prints figures; asserts nothing. Loopback only.
//
//   node tools/bench/billing-export/run.mjs [--customers 20] [--devices-per-customer 500]
//     [--days 365] [--print-hours 0.75] [--runs 3] [--flagged-percent 4]
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

/** Devices with a flagged read in the month: half waiting, a quarter corrected, a quarter excluded. */
const flaggedPercent = Number(argValue('flagged-percent', '4'));
const TARGET_SECONDS = 10;

/** Last calendar month in UTC. */
export function lastMonth() {
  const now = new Date();
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 1, 1));
  return { from, to };
}

/** Flags each chosen device's last read of the month on `total`, as review would leave it. */
export async function flagReads(owner, tenantId, period) {
  const { rowCount } = await owner.query(
    `INSERT INTO meter_read_reviews (tenant_id, customer_id, device_id, read_id, read_at, counter, reason, original_value,
       details, status, corrected_value, decision_reason, reviewed_at)
     SELECT m.tenant_id, m.customer_id, m.device_id, m.id, m.read_at, 'total', 'SOURCE_DISAGREEMENT', (m.counters ->> 'total')::bigint,
       jsonb_build_object('alternativeSource', 'printerMib.lifeCount', 'alternativeValue', (m.counters ->> 'total')::bigint - 40),
       s.status::"MeterReadReviewStatus",
       CASE WHEN s.status = 'CORRECTED' THEN (m.counters ->> 'total')::bigint - 40 END,
       CASE WHEN s.status <> 'PENDING' THEN 'bench' END,
       CASE WHEN s.status <> 'PENDING' THEN now() END
     FROM devices d
     CROSS JOIN LATERAL (SELECT CASE abs(hashtext(d.id::text)) % 4 WHEN 0 THEN 'CORRECTED' WHEN 1 THEN 'EXCLUDED' ELSE 'PENDING' END AS status) s
     CROSS JOIN LATERAL (
       SELECT r.* FROM meter_reads r
       WHERE r.tenant_id = d.tenant_id AND r.device_id = d.id AND r.read_at <= $3
       ORDER BY r.read_at DESC LIMIT 1
     ) m
     WHERE d.tenant_id = $1 AND abs(hashtext(d.id::text || 'flag')) % 1000 < $4 AND m.read_at > $2`,
    [tenantId, period.from, period.to, Math.round(flaggedPercent * 10)],
  );
  await owner.query('ANALYZE meter_read_reviews');
  const { rows } = await owner.query(
    `SELECT status::text, count(*)::int AS n FROM meter_read_reviews WHERE tenant_id = $1 GROUP BY status ORDER BY status`,
    [tenantId],
  );
  return { rows: rowCount, byStatus: Object.fromEntries(rows.map((row) => [row.status, row.n])) };
}

/** The CSV of `period` for every device, `runs` times, read to the end. */
export async function measureBillingExport({ baseUrl, key, period, runs = 3 }) {
  const url = `${baseUrl}/api/v1/meters/export.csv?from=${period.from.toISOString()}&to=${period.to.toISOString()}`;
  const exportOnce = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    if (response.status !== 200) throw new Error(`export: HTTP ${response.status}`);
    const csv = await response.text();
    const lines = csv.split('\r\n').filter((line) => line !== '');
    const byFlag = {};
    for (const line of lines)
      for (const flag of ['READ_AWAITING_REVIEW', 'READ_CORRECTED', 'READ_EXCLUDED'])
        if (line.startsWith('DEVICE,') && line.includes(flag))
          byFlag[flag] = (byFlag[flag] ?? 0) + 1;
    return {
      ms: performance.now() - started,
      bytes: Buffer.byteLength(csv),
      deviceRows: lines.filter((line) => line.startsWith('DEVICE,')).length,
      totalRows: lines.filter((line) => line.startsWith('CUSTOMER_TOTAL,')).length,
      byFlag,
    };
  };
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await exportOnce());
  return { results, period, load: loadavg() };
}

export function printBillingExport({ results, period, load }, flagged) {
  const times = summary(results.map((r) => r.ms));
  const last = results.at(-1);
  console.log(
    '\nBilling export benchmark: the CSV export of one month for every device (API key, read to the end)',
  );
  console.log(
    `  ${flagged.rows.toLocaleString('en')} reads of ${period.from.toISOString().slice(0, 7)} flagged ${JSON.stringify(flagged.byStatus)}`,
  );
  console.log(
    `  export ${period.from.toISOString().slice(0, 10)} … ${period.to.toISOString().slice(0, 10)}: ${last.deviceRows.toLocaleString('en')} device rows, ${last.totalRows} customer totals, ${(last.bytes / 1_048_576).toFixed(1)} MiB; flags ${JSON.stringify(last.byFlag)}`,
  );
  console.log(
    `  ${results.length} runs: first ${(results[0].ms / 1000).toFixed(2)} s, p50 ${(times.p50 / 1000).toFixed(2)} s, max ${(times.max / 1000).toFixed(2)} s — target ≤ ${TARGET_SECONDS} s: ${times.max / 1000 <= TARGET_SECONDS ? 'met' : 'NOT met'}`,
  );
  console.log(`  ${machineLine(load)}`);
}

async function main({ owner, startCentral }) {
  const size = fleetArgs();
  const loadStarted = performance.now();
  const data = await seedFleet(owner, { ...size, slug: 'bench-billing-export' });
  const period = lastMonth();
  const flagged = await flagReads(owner, data.tenantId, period);
  const key = await benchApiKey(owner, data.tenantId, ['meters:read']);
  const central = await startCentral();
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const measured = await measureBillingExport({
    baseUrl: central.baseUrl,
    key,
    period,
    runs: Number(argValue('runs', '3')),
  });
  printBillingExport(measured, flagged);
  console.log(`  ${dataLine(data, size)}; load ${loadSeconds.toFixed(0)} s`);
}

if (isMain(import.meta.url)) runBench('billing-export', main);
