import type { HostResolver } from '../targets/host-resolver.js';
import { createNetSnmpClientFactory } from './net-snmp-client.js';
import { createRateLimiter } from './rate-limiter.js';
import { SharedUdpTransport, type TransportStats } from './shared-udp-transport.js';
import type { SnmpClientFactory, SnmpCredentials, SnmpRequestOptions } from './snmp-client.js';

/** What a batch of SNMP targets (a poll or a discovery sweep) is run with. */
export type SnmpBatchOptions = {
  credentials: SnmpCredentials;
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
  const factory = createNetSnmpClientFactory({
    credentials: options.credentials,
    request: {
      ...defaults.request,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      ...(options.maxRepetitions === undefined ? {} : { maxRepetitions: options.maxRepetitions }),
    },
    transport,
  });
  return {
    factory,
    transportStats: () => transport.getStats(),
    close: () => {
      factory.close();
      transport.close();
    },
  };
}
