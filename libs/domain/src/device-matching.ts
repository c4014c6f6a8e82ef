/**
 * Which stored device each device of an upload is, decided in memory for the whole upload
 * (the candidates come from one query by serial, MAC and address). Pure: no I/O.
 *
 * Rules: serial (+ manufacturer, when both sides know it) within the customer, preferring the
 * candidate with the same MAC; else the MAC, unless the MAC's device has another serial (a
 * moved network card is not the same printer); never the IP alone, except for devices with
 * neither serial nor MAC, which stay flagged and only match this agent's flagged device at
 * the same address. Two devices of one upload claiming one serial (different MACs) are not
 * merged: the second becomes its own device and both are flagged for review.
 */

export type MatchCandidate = {
  id: string;
  serialNumber: string | null;
  manufacturer: string | null;
  macAddress: string | null;
  ipAddress: string | null;
  agentId: string | null;
  noIdentity: boolean;
};

export type IncomingIdentity = {
  serial: string | null;
  manufacturer: string | null;
  mac: string | null;
  ip: string | null;
};

export type DeviceMatch =
  /** A stored device (`id`), or the `slot`-th device this upload creates. */
  { kind: 'existing'; id: string } | { kind: 'new'; slot: number };

export type MatchPlan = {
  /** One per incoming device, same order. Several incoming devices may share one target. */
  matches: DeviceMatch[];
  /** Identity of each device to create, by slot (the first incoming device that made it). */
  created: IncomingIdentity[];
  /** Stored ids and new slots that another device of this upload claimed the serial of. */
  reviewExisting: Set<string>;
  reviewNew: Set<number>;
};

export const DUPLICATE_SERIAL_REASON = 'DUPLICATE_SERIAL';

type Pool = { target: DeviceMatch; row: MatchCandidate; claimedMacs: Set<string> };

/** Candidates by serial, MAC and (flagged) address, in insertion order: no scan per device. */
class PoolIndex {
  readonly bySerial = new Map<string, Pool[]>();
  readonly byMac = new Map<string, Pool[]>();
  readonly byAddress = new Map<string, Pool[]>();

  add(entry: Pool): void {
    const { serialNumber, macAddress, ipAddress, noIdentity } = entry.row;
    if (serialNumber) push(this.bySerial, serialNumber, entry);
    if (macAddress) push(this.byMac, macAddress, entry);
    if (noIdentity && ipAddress) push(this.byAddress, ipAddress, entry);
  }
}

function push(map: Map<string, Pool[]>, key: string, entry: Pool): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

export function planDeviceMatches(
  incoming: readonly IncomingIdentity[],
  candidates: readonly MatchCandidate[],
  agentId: string,
): MatchPlan {
  // Candidates in the order the query gave them (oldest first), then the devices this upload creates.
  const pool = new PoolIndex();
  for (const row of candidates)
    pool.add({ target: { kind: 'existing', id: row.id }, row, claimedMacs: new Set() });
  const created: IncomingIdentity[] = [];
  const reviewExisting = new Set<string>();
  const reviewNew = new Set<number>();
  const flag = (entry: Pool) => {
    if (entry.target.kind === 'existing') reviewExisting.add(entry.target.id);
    else reviewNew.add(entry.target.slot);
  };

  const matches = incoming.map((identity): DeviceMatch => {
    let duplicateOf: Pool | null = null;
    const found = findMatch(identity, pool, agentId);
    if (found) {
      // The same serial already claimed in this upload by another MAC: a second device.
      const claimedByOther =
        identity.mac !== null && [...found.claimedMacs].some((mac) => mac !== identity.mac);
      if (
        !claimedByOther ||
        found.row.serialNumber !== identity.serial ||
        identity.serial === null
      ) {
        if (identity.mac) found.claimedMacs.add(identity.mac);
        return found.target;
      }
      duplicateOf = found;
    }
    const slot = created.length;
    created.push(identity);
    const entry: Pool = {
      target: { kind: 'new', slot },
      row: {
        id: `new:${slot}`,
        serialNumber: identity.serial,
        manufacturer: identity.manufacturer,
        macAddress: identity.mac,
        ipAddress: identity.ip,
        agentId,
        noIdentity: !identity.serial && !identity.mac,
      },
      claimedMacs: new Set(identity.mac ? [identity.mac] : []),
    };
    pool.add(entry);
    if (duplicateOf) {
      flag(duplicateOf);
      flag(entry);
    }
    return entry.target;
  });
  return { matches, created, reviewExisting, reviewNew };
}

function findMatch(identity: IncomingIdentity, pool: PoolIndex, agentId: string): Pool | null {
  if (identity.serial) {
    const bySerial = (pool.bySerial.get(identity.serial) ?? []).filter(
      (entry) =>
        !entry.row.manufacturer ||
        !identity.manufacturer ||
        sameText(entry.row.manufacturer, identity.manufacturer),
    );
    const sameMac = identity.mac
      ? bySerial.find((entry) => entry.row.macAddress === identity.mac)
      : undefined;
    const match = sameMac ?? bySerial[0];
    if (match) return match;
  }
  if (identity.mac) {
    const byMac = pool.byMac.get(identity.mac)?.[0];
    if (
      byMac &&
      !(byMac.row.serialNumber && identity.serial && byMac.row.serialNumber !== identity.serial)
    )
      return byMac;
  }
  if (!identity.serial && !identity.mac) {
    if (!identity.ip) return null;
    return pool.byAddress.get(identity.ip)?.find((entry) => entry.row.agentId === agentId) ?? null;
  }
  return null;
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
