import type { HostResolver } from '../targets/host-resolver.js';
import { createFallbackClientFactory } from './credential-fallback.js';
import { NetSnmpClient } from './net-snmp-client.js';
import { createRateLimiter } from './rate-limiter.js';
import { SharedUdpTransport, type TransportStats } from './shared-udp-transport.js';
import type { SnmpClientFactory, SnmpCredentials, SnmpRequestOptions } from './snmp-client.js';

/** What a batch of SNMP targets (a poll or a discovery sweep) is run with. */
export type SnmpBatchOptions = {
  /** A list is tried in order per device until one answers (a target may bring its own list). */
  credentials: SnmpCredentials | readonly SnmpCredentials[];
  concurrency?: number;
  ratePerSecond?: number;
  timeoutMs?: number;
  retries?: number;
  maxRepetitions?: number;
  /** Local address for the shared socket (127.0.0.1 when every target is loopback). */
  sourceAddress?: string;
  resolver?: HostResolver;
  /** Stops scheduling new targets; work already running finishes. */
  signal?: AbortSignal;
  /** Replaces the net-snmp clients and their socket (tests). */
  clientFactory?: SnmpClientFactory;
};

/** What the caller's kind of batch uses where the options say nothing. */
export type SnmpBatchDefaults = { ratePerSecond: number; request: SnmpRequestOptions };

/** The clients of one batch, all on one UDP socket behind one rate limit. */
export type SnmpBatch = {
  factory: SnmpClientFactory;
  /** Datagram counts of the shared socket; null with a replaced client factory. */
  transportStats(): TransportStats | null;
  close(): void;
};

export function openSnmpBatch(options: SnmpBatchOptions, defaults: SnmpBatchDefaults): SnmpBatch {
  const replaced = options.clientFactory;
  if (replaced !== undefined) {
    return { factory: replaced, transportStats: () => null, close: () => replaced.close() };
  }
  const transport = new SharedUdpTransport({
    ...(options.sourceAddress === undefined ? {} : { sourceAddress: options.sourceAddress }),
    limiter: createRateLimiter({
      ratePerSecond: options.ratePerSecond ?? defaults.ratePerSecond,
    }),
  });
  const request: SnmpRequestOptions = {
    ...defaults.request,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
    ...(options.maxRepetitions === undefined ? {} : { maxRepetitions: options.maxRepetitions }),
  };
  const factory = createFallbackClientFactory({
    credentials: credentialList(options.credentials),
    open: (target, credentials) => new NetSnmpClient(target, credentials, request, transport),
    close: () => transport.close(),
  });
  return { factory, transportStats: () => transport.getStats(), close: () => factory.close() };
}

export function credentialList(
  credentials: SnmpCredentials | readonly SnmpCredentials[],
): readonly SnmpCredentials[] {
  return Array.isArray(credentials)
    ? (credentials as readonly SnmpCredentials[])
    : [credentials as SnmpCredentials];
}
