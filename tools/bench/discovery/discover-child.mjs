// Runs the agent's discovery sweep (library call, default politeness) in its own process.
// Args: cidr port
import { discover, parseTargets } from '../../../apps/agent/dist/index.js';

const [cidr, port] = process.argv.slice(2);
const targets = parseTargets([cidr], { defaultPort: Number(port) });
const outcome = await discover(targets, {
  credentials: { version: '2c', community: 'public' },
  sourceAddress: '127.0.0.1',
});
console.log(
  JSON.stringify({
    ready: true,
    scanned: outcome.scanned,
    printers: outcome.devices.filter((device) => device.isPrinter).map((device) => device.address),
    skipped: outcome.devices.filter((device) => !device.isPrinter).length,
    silent: outcome.silent,
    ms: outcome.durationMs,
    datagrams: outcome.transport,
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
