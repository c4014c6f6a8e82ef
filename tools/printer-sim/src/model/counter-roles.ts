import type { VarBind } from '@printbeat/printer-mib';

/**
 * What a page counter OID counts, in terms of the pages the simulated printer produced.
 * Every counter of a fixture is animated as `value in the walk + pages of its role since start`,
 * so whatever relations held between the walk's counters (total = mono + colour, print + copy =
 * total …) keep holding while the printer prints.
 */
export const COUNTER_ROLES = [
  'total',
  'mono',
  'color',
  'printTotal',
  'printMono',
  'printColor',
  'copyTotal',
  'copyMono',
  'copyColor',
  'duplex',
] as const;
export type CounterRole = (typeof COUNTER_ROLES)[number];

/** Pages produced since the simulator started (never reset: real counters survive reboots). */
export type PageTally = {
  printMono: number;
  printColor: number;
  copyMono: number;
  copyColor: number;
  /** Sheets printed on both sides. */
  duplexSheets: number;
};

export function emptyTally(): PageTally {
  return { printMono: 0, printColor: 0, copyMono: 0, copyColor: 0, duplexSheets: 0 };
}

export function roleDelta(role: CounterRole, t: PageTally): number {
  switch (role) {
    case 'total':
      return t.printMono + t.printColor + t.copyMono + t.copyColor;
    case 'mono':
      return t.printMono + t.copyMono;
    case 'color':
      return t.printColor + t.copyColor;
    case 'printTotal':
      return t.printMono + t.printColor;
    case 'printMono':
      return t.printMono;
    case 'printColor':
      return t.printColor;
    case 'copyTotal':
      return t.copyMono + t.copyColor;
    case 'copyMono':
      return t.copyMono;
    case 'copyColor':
      return t.copyColor;
    case 'duplex':
      return t.duplexSheets;
  }
}

type RoleRule = { prefix: string; role: CounterRole; exact?: boolean };

// Standard and vendor OIDs whose meaning is documented and checked against the fixtures
// (see counter-roles.spec.ts). Kyocera: 1347.42.3.1.1.1.1.{1 printer,2 copier} are the
// per-function totals and 1347.42.3.1.2.1.1.{function}.{1 black, 3 full colour} split them;
// 1347.43.10.1.1.12.1.1 is the engine's total (= printer + copier + fax in the walks).
const RULES: readonly RoleRule[] = [
  { prefix: '1.3.6.1.2.1.43.10.2.1.4', role: 'total' },
  { prefix: '1.3.6.1.4.1.1347.42.3.1.1.1.1.1', role: 'printTotal', exact: true },
  { prefix: '1.3.6.1.4.1.1347.42.3.1.1.1.1.2', role: 'copyTotal', exact: true },
  { prefix: '1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1', role: 'printMono', exact: true },
  { prefix: '1.3.6.1.4.1.1347.42.3.1.2.1.1.1.3', role: 'printColor', exact: true },
  { prefix: '1.3.6.1.4.1.1347.42.3.1.2.1.1.2.1', role: 'copyMono', exact: true },
  { prefix: '1.3.6.1.4.1.1347.42.3.1.2.1.1.2.3', role: 'copyColor', exact: true },
  { prefix: '1.3.6.1.4.1.1347.43.10.1.1.12.1.1', role: 'total', exact: true },
];

// Ricoh names each counter in a table (367.3.2.1.2.19.5.1.5.N = name, .9.N = value).
const RICOH_NAME = '1.3.6.1.4.1.367.3.2.1.2.19.5.1.5.';
const RICOH_VALUE = '1.3.6.1.4.1.367.3.2.1.2.19.5.1.9.';
const RICOH_NAMES: readonly [RegExp, CounterRole][] = [
  [/^total$/i, 'total'],
  [/^printer:?\s*(black|b\s*&\s*w|bw)/i, 'printMono'],
  [/^printer:?\s*(full\s*colou?r|colou?r)/i, 'printColor'],
  [/^cop(y|ier):?\s*(black|b\s*&\s*w|bw)/i, 'copyMono'],
  [/^cop(y|ier):?\s*(full\s*colou?r|colou?r)/i, 'copyColor'],
];

function isNumeric(vb: VarBind): boolean {
  return (
    vb.type === 'Counter32' ||
    vb.type === 'Integer' ||
    vb.type === 'Gauge32' ||
    vb.type === 'Counter64'
  );
}

/** Counter OIDs of one walk by the simulator's own table (standard, Kyocera, Ricoh). */
export function tableCounterRoles(varbinds: readonly VarBind[]): Map<string, CounterRole> {
  const roles = new Map<string, CounterRole>();
  const ricohNames = new Map<string, string>();
  for (const vb of varbinds) {
    if (vb.oid.startsWith(RICOH_NAME) && vb.type === 'OctetString') {
      ricohNames.set(
        vb.oid.slice(RICOH_NAME.length),
        Buffer.from(vb.value).toString('latin1').trim(),
      );
    }
  }
  for (const vb of varbinds) {
    if (!isNumeric(vb)) continue;
    for (const rule of RULES) {
      if (rule.exact ? vb.oid === rule.prefix : vb.oid.startsWith(`${rule.prefix}.`)) {
        roles.set(vb.oid, rule.role);
        break;
      }
    }
    if (vb.oid.startsWith(RICOH_VALUE)) {
      const name = ricohNames.get(vb.oid.slice(RICOH_VALUE.length));
      const match = name === undefined ? undefined : RICOH_NAMES.find(([re]) => re.test(name));
      if (match) roles.set(vb.oid, match[1]);
    }
  }
  return roles;
}
