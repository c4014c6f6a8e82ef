import {
  decodeDeviceIdentity,
  IDENTITY_PROBE_OIDS,
  identityPlan,
  type Identity,
  type PollPlan,
  type VarBind,
} from '@printbeat/printer-mib';
import type { SnmpClient } from '../snmp/snmp-client.js';

/**
 * What a poll reads to name a device, and nothing more: the identity probe (less what the
 * caller already holds), then printer-mib's identity plan. Discovery names each printer it
 * finds this way, so it and `pollDevice` agree on manufacturer, model, serial, MAC, firmware
 * and host name: the same decoder over the same OIDs.
 */
export async function readIdentity(
  client: SnmpClient,
  known: readonly VarBind[] = [],
): Promise<Identity> {
  const held = new Set(known.map((varBind) => varBind.oid));
  const probe = mergeVarBinds([
    known,
    await client.get(IDENTITY_PROBE_OIDS.filter((oid) => !held.has(oid))),
  ]);
  return decodeDeviceIdentity(await readPlan(client, probe, identityPlan(probe)));
}

/** The probe plus a plan's scalars (those the probe lacks) and subtrees, each OID once. */
export async function readPlan(
  client: SnmpClient,
  probe: readonly VarBind[],
  plan: PollPlan,
): Promise<VarBind[]> {
  const fetched = new Set(probe.map((varBind) => varBind.oid));
  const scalars = await client.get(plan.scalars.filter((oid) => !fetched.has(oid)));
  const walked = await client.walkAll(plan.subtrees);
  return mergeVarBinds([probe, scalars, walked]);
}

/** Union, each OID once: the first occurrence wins (the probe's values are the oldest). */
export function mergeVarBinds(groups: readonly (readonly VarBind[])[]): VarBind[] {
  const byOid = new Map<string, VarBind>();
  for (const group of groups)
    for (const varBind of group) if (!byOid.has(varBind.oid)) byOid.set(varBind.oid, varBind);
  return [...byOid.values()];
}
