import { openSnmpBatch, type SnmpBatchOptions } from '../snmp/snmp-batch.js';
import type { TransportStats } from '../snmp/shared-udp-transport.js';
import {
  DEFAULT_REQUEST_OPTIONS,
  type SnmpClientFactory,
  type SnmpTarget,
} from '../snmp/snmp-client.js';
import { resolveHost, type HostResolver } from '../targets/host-resolver.js';
import { forEachBounded } from './bounded-pool.js';
import { pollDevice, toPollError } from './poll-device.js';
import { failedPoll, type PollResult } from './poll-result.js';

/** Devices polled at the same time. Each device sees one request at a time. */
export const DEFAULT_POLL_CONCURRENCY = 64;
/**
 * Requests per second for the whole process, resends and SNMPv3 discovery included. Polling
 * talks to known printers with one request in flight per printer, so with real round-trip
 * times the 64 printers in flight stay well below this; the cap is what bounds a batch of
 * fast answers (the 10,000-printer benchmark on loopback runs at about 1,000/s).
 */
export const DEFAULT_POLL_RATE_PER_SECOND = 5000;

export type PollManyOptions = SnmpBatchOptions & {
  /** Called as each device finishes (progress, streaming output). */
  onResult?: (result: PollResult, index: number) => void;
};

export type PollManyOutcome = {
  /** In the order the targets were given. */
  results: PollResult[];
  transport: TransportStats | null;
};

/** Polls every target with bounded concurrency behind one shared socket and rate limit. */
export async function pollMany(
  targets: Iterable<SnmpTarget>,
  options: PollManyOptions,
): Promise<PollManyOutcome> {
  const resolver = options.resolver ?? resolveHost;
  const batch = openSnmpBatch(options, {
    ratePerSecond: DEFAULT_POLL_RATE_PER_SECOND,
    request: DEFAULT_REQUEST_OPTIONS,
  });
  const results: PollResult[] = [];
  try {
    await forEachBounded(
      targets,
      options.concurrency ?? DEFAULT_POLL_CONCURRENCY,
      async (target, index) => {
        const result = await pollOne(target, batch.factory, resolver);
        results[index] = result;
        options.onResult?.(result, index);
      },
      options.signal,
    );
  } finally {
    batch.close();
  }
  return {
    results: results.filter((result) => result !== undefined),
    transport: batch.transportStats(),
  };
}

async function pollOne(
  target: SnmpTarget,
  factory: SnmpClientFactory,
  resolver: HostResolver,
): Promise<PollResult> {
  let resolved: SnmpTarget;
  try {
    resolved = { ...target, host: await resolver(target.host) };
  } catch (error) {
    return failedPoll(target.host, target.port, false, toPollError(error), 0);
  }
  const client = factory.create(resolved);
  try {
    return await pollDevice(client);
  } finally {
    client.close();
  }
}
