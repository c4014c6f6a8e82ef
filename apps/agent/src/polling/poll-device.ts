import {
  decodeSnapshot,
  IDENTITY_PROBE_OIDS,
  pollPlan,
  type VarBind,
} from '@printbeat/printer-mib';
import { errorCode, errorMessage } from '../agent.errors.js';
import type { SnmpClient } from '../snmp/snmp-client.js';
import { failedPoll, type PollError, type PollResult } from './poll-result.js';

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
    const plan = pollPlan(probe);
    const known = new Set(probe.map((varBind) => varBind.oid));
    const scalars = await client.get(plan.scalars.filter((oid) => !known.has(oid)));
    const walked = await client.walkAll(plan.subtrees);
    const snapshot = decodeSnapshot(mergeVarBinds([probe, scalars, walked]));
    return { address: host, port, reachable: true, ...snapshot, durationMs: elapsed() };
  } catch (error) {
    return failedPoll(host, port, true, toPollError(error), elapsed());
  }
}

/** Union, each OID once: the first occurrence wins (the probe's values are the oldest). */
export function mergeVarBinds(groups: readonly (readonly VarBind[])[]): VarBind[] {
  const byOid = new Map<string, VarBind>();
  for (const group of groups)
    for (const varBind of group) if (!byOid.has(varBind.oid)) byOid.set(varBind.oid, varBind);
  return [...byOid.values()];
}

export function toPollError(error: unknown): PollError {
  const code = errorCode(error);
  return { code: code === 'INTERNAL_ERROR' ? 'POLL_FAILED' : code, message: errorMessage(error) };
}
