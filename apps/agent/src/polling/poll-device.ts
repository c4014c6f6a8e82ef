import {
  decodeSnapshot,
  IDENTITY_PROBE_OIDS,
  pollPlan,
  type VarBind,
} from '@printbeat/printer-mib';
import { errorCode, errorMessage } from '../agent.errors.js';
import type { SnmpClient } from '../snmp/snmp-client.js';
import { failedPoll, type PollError, type PollResult } from './poll-result.js';
import { readPlan } from './read-plan.js';

/**
 * One full poll: the identity probe tells printer-mib which vendor this is, its plan names
 * the scalars to GET and the tables to walk, and the union is decoded into a snapshot.
 * Never throws: an unanswered probe is `reachable: false`, any later failure an `error`.
 */
export async function pollDevice(client: SnmpClient): Promise<PollResult> {
  const started = performance.now();
  const { host, port } = client.target;
  const elapsed = (): number => Math.round(performance.now() - started);

  let probe: VarBind[];
  try {
    probe = await client.get(IDENTITY_PROBE_OIDS);
  } catch (error) {
    return failedPoll(host, port, false, toPollError(error), elapsed());
  }

  try {
    const snapshot = decodeSnapshot(await readPlan(client, probe, pollPlan(probe)));
    return { address: host, port, reachable: true, ...snapshot, durationMs: elapsed() };
  } catch (error) {
    return failedPoll(host, port, true, toPollError(error), elapsed());
  }
}

export function toPollError(error: unknown): PollError {
  const code = errorCode(error);
  return { code: code === 'INTERNAL_ERROR' ? 'POLL_FAILED' : code, message: errorMessage(error) };
}
