// Runs a printer-sim fleet in its own process for the benchmarks.
// Args: count firstAddress port [stride]  (stride > 1 spreads printers: every stride-th address)
import {
  buildFleetSpec,
  DEFAULT_FIXTURES,
  loopbackRange,
  startFleet,
} from '../../printer-sim/dist/index.js';

const [count, firstAddress, port, stride = '1'] = process.argv.slice(2);
const n = Number(count);
const step = Number(stride);
let printers;
if (step === 1) {
  printers = buildFleetSpec({ count: n, firstAddress });
} else {
  const addresses = loopbackRange(firstAddress, n * step).filter((_, i) => i % step === 0);
  printers = addresses.map((address, i) => ({
    address,
    fixture: DEFAULT_FIXTURES[i % DEFAULT_FIXTURES.length],
  }));
}
const started = performance.now();
try {
  const fleet = await startFleet({
    printers,
    snmpPort: Number(port),
    rawPort: false,
    controlPort: false,
  });
  console.log(
    JSON.stringify({
      ready: true,
      printers: fleet.printers.length,
      addresses: fleet.printers.map((printer) => printer.address),
      fixtures: fleet.printers.map((printer) => printer.fixture),
      startMs: Math.round(performance.now() - started),
      rssMB: Math.round(process.memoryUsage().rss / 1048576),
      warnings: fleet.warnings,
    }),
  );
  process.on('SIGTERM', () => {
    fleet.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
} catch (error) {
  console.log(JSON.stringify({ ready: false, error: `${error.code ?? ''} ${error.message}` }));
  process.exit(1);
}
