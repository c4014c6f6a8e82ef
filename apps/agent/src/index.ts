export { AgentError, UsageError } from './agent.errors.js';
export * from './snmp/snmp-client.js';
export { SnmpError, type SnmpErrorCode } from './snmp/snmp.errors.js';
export {
  createNetSnmpClientFactory,
  type NetSnmpClientFactoryOptions,
} from './snmp/net-snmp-client.js';
export {
  SharedUdpTransport,
  type SharedUdpTransportOptions,
  type TransportStats,
} from './snmp/shared-udp-transport.js';
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
} from './snmp/rate-limiter.js';
export {
  convertVarbind,
  counter64ToBigInt,
  type ConvertedVarbind,
} from './snmp/varbind-conversion.js';
export {
  parseTargets,
  parseTarget,
  type TargetSet,
  type TargetSpec,
} from './targets/target-parser.js';
export { resolveHost, type HostResolver } from './targets/host-resolver.js';
export { pollDevice } from './polling/poll-device.js';
export { mergeVarBinds, readIdentity } from './polling/read-plan.js';
export {
  pollMany,
  DEFAULT_POLL_CONCURRENCY,
  DEFAULT_POLL_RATE_PER_SECOND,
  type PollManyOptions,
  type PollManyOutcome,
} from './polling/poll-many.js';
export { openSnmpBatch, type SnmpBatch, type SnmpBatchOptions } from './snmp/snmp-batch.js';
export type { PollError, PollResult } from './polling/poll-result.js';
export { forEachBounded } from './polling/bounded-pool.js';
export {
  discover,
  DEFAULT_DISCOVERY_CONCURRENCY,
  DEFAULT_DISCOVERY_RATE_PER_SECOND,
  DEFAULT_DISCOVERY_RETRIES,
  DEFAULT_DISCOVERY_TIMEOUT_MS,
  type DiscoveredDevice,
  type DiscoveryOutcome,
  type DiscoverOptions,
} from './discovery/discover.js';
export { toPollJson, type PollJson } from './commands/poll.format.js';
export { toJson } from './commands/json-output.js';
