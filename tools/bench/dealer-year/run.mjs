// The three dealer benchmarks of issue #15 on one load: the fleet benchmarks' tenant (default
// 10,000 devices, a year of hourly meter reads: ../fleet/seed.mjs) is seeded once (≈ 20–30 min
// here), then measured as ../fleet, ../billing-export and ../reconciliation each measure it,
// in that order (each adds its own data just before it runs). Before each measurement it waits
// for a quiet machine (1-minute load average ≤ --quiet-load, at most --quiet-wait minutes), so
// other work does not stand in the figures. Prints figures; asserts nothing. Loopback only.
//
//   node tools/bench/dealer-year/run.mjs [--customers 20] [--devices-per-customer 500]
//     [--days 365] [--print-hours 0.75] [--quick] [--quiet-load 1.5] [--quiet-wait 15]
import { performance } from 'node:perf_hooks';
import {
  addReconciliationData,
  firstCustomerId,
  measureReconciliation,
  printReconciliation,
} from '../reconciliation/run.mjs';
import {
  argValue,
  BENCH_CENTRAL_ENV,
  benchApiKey,
  isMain,
  runBench,
  waitForQuietMachine,
} from '../billing/central-harness.mjs';
import {
  flagReads,
  lastMonth,
  measureBillingExport,
  printBillingExport,
} from '../billing-export/run.mjs';
import { FLEET_SCOPES, measureFleet, printFleet } from '../fleet/run.mjs';
import { dataLine, fleetArgs, seedFleet } from '../fleet/seed.mjs';

process.env['NODE_ENV'] ??= 'production';

const quiet = {
  maxLoad: Number(argValue('quiet-load', '1.5')),
  maxMinutes: Number(argValue('quiet-wait', '15')),
};

async function main({ owner, startCentral }) {
  const size = fleetArgs();
  const loadStarted = performance.now();
  const data = await seedFleet(owner, { ...size, slug: 'bench-dealer-year' });
  const key = await benchApiKey(owner, data.tenantId, FLEET_SCOPES);
  const central = await startCentral({ env: BENCH_CENTRAL_ENV });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const { baseUrl } = central;

  await waitForQuietMachine(quiet);
  const fleet = await measureFleet({
    baseUrl,
    key,
    ip: data.ip,
    runs: 20,
    quick: process.argv.includes('--quick'),
  });

  const period = lastMonth();
  const flagged = await flagReads(owner, data.tenantId, period);
  await waitForQuietMachine(quiet);
  const billing = await measureBillingExport({ baseUrl, key, period, runs: 3 });

  await addReconciliationData(owner, data.tenantId);
  const customerId = await firstCustomerId(owner, data.tenantId);
  await waitForQuietMachine(quiet);
  const reconciliation = await measureReconciliation({ baseUrl, key, customerId, runs: 10 });

  console.log(`\nDealer year: ${dataLine(data, size)}; load ${loadSeconds.toFixed(0)} s`);
  printFleet(fleet);
  printBillingExport(billing, flagged);
  printReconciliation(reconciliation);
}

if (isMain(import.meta.url)) runBench('dealer-year', main);
