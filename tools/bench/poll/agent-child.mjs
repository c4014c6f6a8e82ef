// Runs the agent's batch poll in its own process so its peak RSS is its own.
// stdin: JSON { targets: [{host, port, community}], concurrency?, ratePerSecond?, timeoutMs?, retries? }
import {
  createNetSnmpClientFactory,
  createRateLimiter,
  DEFAULT_POLL_CONCURRENCY,
  DEFAULT_POLL_RATE_PER_SECOND,
  DEFAULT_REQUEST_OPTIONS,
  forEachBounded,
  pollDevice,
  SharedUdpTransport,
} from '../../../apps/agent/dist/index.js';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));

// pollMany with one factory per community (snmpsim tells its data files apart by community),
// all sharing one socket and one rate limit — the same machinery pollMany uses.
const transport = new SharedUdpTransport({
  sourceAddress: '127.0.0.1',
  limiter: createRateLimiter({ ratePerSecond: job.ratePerSecond ?? DEFAULT_POLL_RATE_PER_SECOND }),
});
const request = {
  ...DEFAULT_REQUEST_OPTIONS,
  ...(job.timeoutMs ? { timeoutMs: job.timeoutMs } : {}),
  ...(job.retries !== undefined ? { retries: job.retries } : {}),
};
const factories = new Map();
const factoryFor = (community) => {
  let factory = factories.get(community);
  if (!factory) {
    factory = createNetSnmpClientFactory({
      credentials: { version: '2c', community },
      request,
      transport,
    });
    factories.set(community, factory);
  }
  return factory;
};

const started = performance.now();
let complete = 0;
let failed = 0;
const errors = {};
let varBinds = 0;
await forEachBounded(job.targets, job.concurrency ?? DEFAULT_POLL_CONCURRENCY, async (target) => {
  const client = factoryFor(target.community ?? 'public').create({
    host: target.host,
    port: target.port,
  });
  try {
    const result = await pollDevice(client);
    if (result.reachable && !result.error) {
      complete += 1;
      varBinds += result.supplies.length;
    } else {
      failed += 1;
      errors[result.error?.code ?? 'UNKNOWN'] = (errors[result.error?.code ?? 'UNKNOWN'] ?? 0) + 1;
    }
  } finally {
    client.close();
  }
});
const ms = performance.now() - started;
transport.close();
console.log(
  JSON.stringify({
    ready: true,
    polls: job.targets.length,
    complete,
    failed,
    errors,
    ms: Math.round(ms),
    pollsPerSecond: (job.targets.length / ms) * 1000,
    datagrams: transport.getStats(),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
  }),
);
