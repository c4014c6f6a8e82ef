// Starts N simulated printers in this process and reports start-up time, RSS and a sample of
// answers. Usage: node tools/printer-sim/scripts/scale-bench.mjs [count=10000] [--no-raw]
import snmp from 'net-snmp';
import { buildFleetSpec, startFleet } from '../dist/index.js';

const count = Number(process.argv[2] ?? 10000);
const raw = !process.argv.includes('--no-raw');
const port = Number(process.env.PRINTER_SIM_BENCH_PORT ?? 16300);
const t0 = performance.now();
const fleet = await startFleet({
  printers: buildFleetSpec({ count, firstAddress: '127.40.0.1' }),
  snmpPort: port,
  rawPort: raw ? 19300 : false,
});
const startMs = performance.now() - t0;
const rssMb = process.memoryUsage().rss / 1024 / 1024;
for (const w of fleet.warnings) console.log(`warning: ${w}`);
console.log(
  `started ${fleet.printers.length} printers in ${startMs.toFixed(0)} ms, RSS ${rssMb.toFixed(0)} MB`,
);

const sample = fleet.printers.filter((_, i) => i % Math.max(1, Math.floor(count / 200)) === 0);
const session = snmp.createSession('127.0.0.1', 'public', {
  port,
  version: snmp.Version2c,
  timeout: 2000,
  retries: 1,
});
const t1 = performance.now();
let ok = 0;
await Promise.all(
  sample.map(
    (p) =>
      new Promise((resolve) => {
        const s = snmp.createSession(p.address, 'public', {
          port,
          version: snmp.Version2c,
          timeout: 2000,
          retries: 1,
        });
        s.get(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.3.0'], (err, vbs) => {
          if (!err && vbs.length === 2 && !snmp.isVarbindError(vbs[0])) ok++;
          s.close();
          resolve();
        });
      }),
  ),
);
session.close();
console.log(
  `${ok}/${sample.length} sampled printers answered in ${(performance.now() - t1).toFixed(0)} ms`,
);
console.log(`RSS after sampling ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
const t2 = performance.now();
await fleet.stop();
console.log(`stopped in ${(performance.now() - t2).toFixed(0)} ms`);
if (ok !== sample.length) process.exitCode = 1;
