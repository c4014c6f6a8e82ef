import {
  decodeDeviceIdentity,
  IDENTITY_PROBE_OIDS,
  identityPlan,
  type Identity,
  type VarBind,
} from '@printbeat/printer-mib';
import type { SnmpClient } from '../snmp/snmp-client.js';
import { mergeVarBinds } from './poll-device.js';

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
  const plan = identityPlan(probe);
  const fetched = new Set(probe.map((varBind) => varBind.oid));
  const scalars = await client.get(plan.scalars.filter((oid) => !fetched.has(oid)));
  const walked = await client.walkAll(plan.subtrees);
  return decodeDeviceIdentity(mergeVarBinds([probe, scalars, walked]));
}
