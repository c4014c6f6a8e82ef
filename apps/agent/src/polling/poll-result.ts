import type { Alert, Counters, DeviceStatus, Identity, Supply } from '@printbeat/printer-mib';

export type PollError = { code: string; message: string };

/**
 * One full poll of one device. When `reachable` is false the device did not answer the
 * identity probe; when `error` is set with `reachable: true` it answered but the poll could
 * not be completed. In both cases no partial data is given: a half-read set of counters
 * must never be mistaken for a reading.
 */
export type PollResult = {
  address: string;
  port: number;
  reachable: boolean;
  error?: PollError;
  identity: Identity | null;
  counters: Counters | null;
  supplies: Supply[];
  status: DeviceStatus | null;
  alerts: Alert[];
  console: string | null;
  durationMs: number;
};

export function failedPoll(
  address: string,
  port: number,
  reachable: boolean,
  error: PollError,
  durationMs: number,
): PollResult {
  return {
    address,
    port,
    reachable,
    error,
    identity: null,
    counters: null,
    supplies: [],
    status: null,
    alerts: [],
    console: null,
    durationMs,
  };
}
