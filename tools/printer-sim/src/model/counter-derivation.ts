import type { CanonicalCounter } from '@printbeat/domain';
import { decodeSnapshot, isUnderOid, pollPlan, type VarBind } from '@printbeat/printer-mib';
import {
  COUNTER_ROLES,
  roleDelta,
  tableCounterRoles,
  type CounterRole,
  type PageTally,
} from './counter-roles.js';

/**
 * Which walk OIDs to advance, and as what, so that the agent's decoder (printer-mib's
 * decodeSnapshot, fed what its poll plan fetches) sees consistent canonical counters grow.
 *
 * The decoder is treated as a black box that is linear in the counter OIDs: each candidate OID
 * is nudged by DELTA (in groups first, bisecting the groups that move a canonical counter) to
 * learn which canonical counters it feeds. Then every such OID gets a role (or none, e.g. the
 * second of two OIDs the decoder sums) such that, for test page tallies, every canonical counter
 * the decoder reports moves by exactly what the simulator printed. The simulator's own table
 * (prtMarkerLifeCount, Kyocera, Ricoh) is preferred where it fits and also covers OIDs the
 * decoder does not read, so those still move with the rest.
 */

const DELTA = 1_000_003;
const GROUP = 16;

type Column = Map<CanonicalCounter, number>;

// Most specific first: an OID feeding printMono (and, through sums, mono and total) is printMono.
const SPECIFICITY: readonly CounterRole[] = [
  'printMono',
  'printColor',
  'copyMono',
  'copyColor',
  'duplex',
  'printTotal',
  'copyTotal',
  'mono',
  'color',
  'total',
];

function isNumeric(vb: VarBind): boolean {
  return (
    vb.type === 'Counter32' ||
    vb.type === 'Integer' ||
    vb.type === 'Gauge32' ||
    vb.type === 'Counter64'
  );
}

function nudge(vb: VarBind, by: number): VarBind {
  if (vb.type === 'Counter64') return { ...vb, value: vb.value + BigInt(by) };
  if (vb.type === 'Integer' || vb.type === 'Counter32' || vb.type === 'Gauge32')
    return { ...vb, value: vb.value + by };
  return vb;
}

function canonical(varbinds: readonly VarBind[]): Map<CanonicalCounter, number> {
  const { extra: _extra, ...values } = decodeSnapshot(varbinds).counters;
  return new Map(Object.entries(values) as [CanonicalCounter, number][]);
}

function diff(base: Map<CanonicalCounter, number>, after: Map<CanonicalCounter, number>): Column {
  const out: Column = new Map();
  for (const name of new Set([...base.keys(), ...after.keys()])) {
    const d = (after.get(name) ?? 0) - (base.get(name) ?? 0);
    if (d !== 0) out.set(name, d);
  }
  return out;
}

/** Page tallies with distinct magnitudes, so a wrong role cannot add up by coincidence. */
function testTallies(colorCapable: boolean): PageTally[] {
  const c = colorCapable ? 1 : 0;
  return [
    { printMono: 1, printColor: 20 * c, copyMono: 400, copyColor: 8000 * c, duplexSheets: 160000 },
    { printMono: 7, printColor: 3 * c, copyMono: 0, copyColor: 5 * c, duplexSheets: 2 },
  ];
}

function expected(name: CanonicalCounter, tally: PageTally): number {
  return (COUNTER_ROLES as readonly string[]).includes(name)
    ? roleDelta(name as CounterRole, tally)
    : 0;
}

/** OIDs of the walk that the agent's poll would fetch (the decoder's whole input). */
function polled(varbinds: readonly VarBind[]): VarBind[] {
  const plan = pollPlan(varbinds);
  const scalars = new Set(plan.scalars);
  return varbinds.filter(
    (vb) => scalars.has(vb.oid) || plan.subtrees.some((s) => isUnderOid(vb.oid, s)),
  );
}

/**
 * The polled OIDs that can matter to counters (system group, marker and colorant tables, the
 * vendor subtrees): decoding fewer varbinds makes each probe cheap. Used only when it decodes to
 * the same counters as the whole poll.
 */
function counterInput(polledVarbinds: VarBind[]): VarBind[] {
  const reduced = polledVarbinds.filter(
    (vb) =>
      !vb.oid.startsWith('1.3.6.1.2.1.') ||
      vb.oid.startsWith('1.3.6.1.2.1.1.') ||
      vb.oid.startsWith('1.3.6.1.2.1.43.10.') ||
      vb.oid.startsWith('1.3.6.1.2.1.43.12.') ||
      vb.oid.startsWith('1.3.6.1.2.1.25.3.2.1.3.'),
  );
  const same = (a: Map<CanonicalCounter, number>, b: Map<CanonicalCounter, number>): boolean =>
    a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
  return same(canonical(reduced), canonical(polledVarbinds)) ? reduced : polledVarbinds;
}

function measureColumns(input: readonly VarBind[]): Map<string, Column> {
  const base = canonical(input);
  const candidates: number[] = [];
  input.forEach((vb, i) => {
    const standardNonCounter =
      vb.oid.startsWith('1.3.6.1.2.1.') && !vb.oid.startsWith('1.3.6.1.2.1.43.10.2.1.4.');
    if (isNumeric(vb) && !standardNonCounter) candidates.push(i);
  });
  const columns = new Map<string, Column>();
  const probe = (indices: number[]): Column => {
    const set = new Set(indices);
    return diff(base, canonical(input.map((vb, i) => (set.has(i) ? nudge(vb, DELTA) : vb))));
  };
  const search = (indices: number[], known?: Column): void => {
    const column = known ?? probe(indices);
    if (column.size === 0) return;
    if (indices.length === 1) {
      columns.set(input[indices[0]!]!.oid, column);
      return;
    }
    const mid = indices.length >> 1;
    search(indices.slice(0, mid));
    search(indices.slice(mid));
  };
  for (let i = 0; i < candidates.length; i += GROUP) search(candidates.slice(i, i + GROUP));
  return columns;
}

export type DerivedRoles = { roles: Map<string, CounterRole>; consistent: boolean };

export function deriveCounterRoles(
  varbinds: readonly VarBind[],
  colorCapable: boolean,
): DerivedRoles {
  const table = tableCounterRoles(varbinds);
  let columns: Map<string, Column>;
  try {
    columns = measureColumns(counterInput(polled(varbinds)));
  } catch {
    // A walk the decoder cannot read: the simulator's own table is all there is.
    return { roles: table, consistent: false };
  }
  const oids = [...columns.keys()].sort((a, b) => Number(table.has(b)) - Number(table.has(a)));
  const options = oids.map((oid) => {
    const column = columns.get(oid)!;
    const fed = SPECIFICITY.filter((role) => column.get(role) === DELTA);
    const own = table.get(oid);
    const ordered = own && fed.includes(own) ? [own, ...fed.filter((r) => r !== own)] : fed;
    return [...ordered, null] as (CounterRole | null)[];
  });
  // A canonical counter can be checked once every OID feeding it has a role.
  const lastFeeder = new Map<CanonicalCounter, number>();
  oids.forEach((oid, i) => {
    for (const name of columns.get(oid)!.keys()) lastFeeder.set(name, i);
  });
  const tallies = testTallies(colorCapable);
  const chosen: (CounterRole | null)[] = new Array<CounterRole | null>(oids.length).fill(null);
  const fits = (upTo: number): boolean => {
    for (const [name, last] of lastFeeder) {
      if (last !== upTo) continue;
      for (const tally of tallies) {
        let sum = 0;
        for (let i = 0; i <= upTo; i++) {
          const role = chosen[i];
          const coefficient = (columns.get(oids[i]!)!.get(name) ?? 0) / DELTA;
          if (role && coefficient !== 0) sum += coefficient * roleDelta(role, tally);
        }
        if (Math.abs(sum - expected(name, tally)) > 1e-6) return false;
      }
    }
    return true;
  };
  let steps = 0;
  const assign = (i: number): boolean => {
    if (i === oids.length) return true;
    for (const role of options[i]!) {
      if (++steps > 200_000) return false;
      chosen[i] = role;
      if (fits(i) && assign(i + 1)) return true;
    }
    chosen[i] = null;
    return false;
  };
  const consistent = assign(0);
  const roles = new Map<string, CounterRole>();
  if (consistent) {
    oids.forEach((oid, i) => {
      const role = chosen[i];
      if (role) roles.set(oid, role);
    });
  }
  // Table roles for OIDs the decoder does not read (e.g. prtMarkerLifeCount next to a vendor
  // total), so every counter of the walk moves; never for an OID the decoder read and left idle.
  for (const [oid, role] of table) if (!columns.has(oid) && !roles.has(oid)) roles.set(oid, role);
  if (!consistent) for (const [oid, role] of table) roles.set(oid, role);
  return { roles, consistent };
}
