#!/usr/bin/env node
// Discovery benchmark: a /16 sweep of loopback where 1 % of the addresses are simulated printers
// and the rest are silent, at the agent's default politeness (rate, timeout, retries,
// concurrency). Prints figures; asserts nothing.
//
//   node tools/bench/discovery/run.mjs [--printers 650] [--port 16700]
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DISCOVERY_CONCURRENCY,
  DEFAULT_DISCOVERY_RATE_PER_SECOND,
  DEFAULT_DISCOVERY_RETRIES,
  DEFAULT_DISCOVERY_TIMEOUT_MS,
} from '../../../apps/agent/dist/index.js';
import { buildWorkspace, fmt, ROOT, startChild, stopChild, table } from '../poll/support.mjs';

const { values: options } = parseArgs({
  options: {
    printers: { type: 'string', default: '650' },
    port: { type: 'string', default: '16700' },
  },
});
const CIDR = '127.77.0.0/16';
const printers = Number(options.printers);
const port = options.port;
const log = (line) => process.stderr.write(`${line}\n`);

buildWorkspace();
const loadAtStart = loadavg()[0];
log(`starting ${printers} simulated printers, one every 100 addresses of ${CIDR} (port ${port})…`);
const fleet = startChild(`${ROOT}/tools/bench/poll/fleet-child.mjs`, [
  String(printers),
  '127.77.0.1',
  port,
  '100',
]);
const ready = await fleet.next((message) => 'ready' in message);
if (!ready.ready) {
  console.log(`printer-sim could not start: ${ready.error}`);
  process.exit(1);
}
log(`simulator up in ${ready.startMs} ms; sweeping ${CIDR}…`);
const sweep = startChild(`${ROOT}/tools/bench/discovery/discover-child.mjs`, [CIDR, port]);
const result = await sweep.next((message) => 'ready' in message);
await stopChild(fleet.child);

const expected = new Set(ready.addresses);
const found = result.printers.filter((address) => expected.has(address)).length;
console.log(
  `\nDiscovery sweep of ${CIDR} (default politeness: ${DEFAULT_DISCOVERY_RATE_PER_SECOND} datagrams/s, ` +
    `timeout ${DEFAULT_DISCOVERY_TIMEOUT_MS} ms, ${DEFAULT_DISCOVERY_RETRIES} retry, ${DEFAULT_DISCOVERY_CONCURRENCY} addresses in flight)`,
);
console.log(
  table(
    [
      'addresses',
      'printers simulated',
      'printers found',
      'skipped',
      'silent',
      'time s',
      'addresses/s',
      'datagrams sent',
      'peak RSS MB',
    ],
    [
      [
        fmt.int(result.scanned),
        fmt.int(ready.printers),
        `${fmt.int(found)}${result.printers.length !== found ? ` (+${result.printers.length - found} unexpected)` : ''}`,
        fmt.int(result.skipped),
        fmt.int(result.silent),
        fmt.one(result.ms / 1000),
        fmt.int((result.scanned / result.ms) * 1000),
        fmt.int(result.datagrams?.sent),
        fmt.int(result.maxRssMB),
      ],
    ],
  ),
);
console.log(
  `\nMachine: ${cpus().length} cores, 1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end.`,
);
console.log('Target (issue #3): a /16 with 1 % printers in <= 90 s at the default politeness.');
