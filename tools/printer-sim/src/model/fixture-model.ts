import type { VarBind } from '@printbeat/printer-mib';
import {
  Tag,
  encodeInteger,
  encodeIpAddress,
  encodeNull,
  encodeOctetString,
  encodeOidArcs,
  encodeUnsigned,
} from '../snmp/ber.js';
import { compareArcs, parseOid, type Arcs } from '../snmp/oid.js';
import type { CounterRole } from './counter-roles.js';
import { deriveCounterRoles } from './counter-derivation.js';
import { DeviceStatus, OID, PrinterStatus } from './printer-oids.js';

/** Values that change while the printer runs; computed per printer at answer time. */
export type Dynamic =
  | { kind: 'uptime'; base: number }
  | { kind: 'counter'; role: CounterRole; base: number; type: VarBind['type'] }
  | { kind: 'supplyLevel'; supply: number }
  | { kind: 'deviceStatus'; base: number }
  | { kind: 'printerStatus'; base: number }
  | { kind: 'errorState'; base: Uint8Array };

export type Synthesized = { arcs: Arcs; oidTlv: Buffer; dynamic: Dynamic };

export type SupplyModel = {
  /** `hrDeviceIndex.supplyIndex`, e.g. `1.1`. */
  index: string;
  description: string;
  color: string | null;
  maxCapacity: number;
  baseLevel: number;
  /** Which pages use it up: `all` (black, drums …), `color` (C/M/Y), or none (waste, special). */
  usedBy: 'all' | 'color' | null;
  /** Share of a cartridge one page uses, relative to a colourant (drums wear slower). */
  wear: number;
};

/**
 * One fixture walk, compiled once and shared (read-only) by every printer built from it:
 * OIDs sorted with their encoded TLVs, so answering is a binary search plus a copy.
 */
export type FixtureModel = {
  name: string;
  arcs: Arcs[];
  oids: string[];
  oidTlv: Buffer[];
  /** Encoded value TLV; null where `dynamic` has an entry. */
  valueTlv: (Buffer | null)[];
  isCounter64: Uint8Array;
  dynamic: Map<number, Dynamic>;
  supplies: SupplyModel[];
  colorCapable: boolean;
  /** Whether the animated counters were checked against printer-mib's decoder (see counter-derivation). */
  countersMatchDecoder: boolean;
  /** hrDeviceIndex of the printer (Printer-MIB tables are indexed by it). */
  deviceIndex: number;
  hasPrinterMib: boolean;
  /** Status objects missing from the walk, served only while an error is injected. */
  synthesized: Synthesized[];
  /** Highest prtAlertIndex in the walk; injected alerts get indexes above it. */
  maxAlertIndex: number;
  /** prtGeneralReset.<device> (the one writable object). */
  resetOid: string;
};

export function encodeValue(vb: VarBind): Buffer {
  switch (vb.type) {
    case 'Integer':
      return encodeInteger(vb.value);
    case 'Counter32':
      return encodeUnsigned(vb.value, Tag.Counter32);
    case 'Gauge32':
      return encodeUnsigned(vb.value, Tag.Gauge32);
    case 'TimeTicks':
      return encodeUnsigned(vb.value, Tag.TimeTicks);
    case 'Counter64':
      return encodeUnsigned(vb.value, Tag.Counter64);
    case 'OctetString':
      return encodeOctetString(vb.value);
    case 'Opaque':
      return encodeOctetString(vb.value, Tag.Opaque);
    case 'ObjectIdentifier':
      return encodeOidArcs(vb.value === '' ? [0, 0] : parseOid(vb.value));
    case 'IpAddress':
      return encodeIpAddress(vb.value);
    case 'Null':
      return encodeNull();
  }
}

function text(vb: VarBind | undefined): string {
  if (!vb) return '';
  if (vb.type === 'OctetString')
    return Buffer.from(vb.value).toString('utf8').replace(/\0+$/, '').trim();
  return String(vb.value);
}

function num(vb: VarBind | undefined): number | null {
  if (!vb) return null;
  if (
    vb.type === 'Integer' ||
    vb.type === 'Counter32' ||
    vb.type === 'Gauge32' ||
    vb.type === 'TimeTicks'
  ) {
    return vb.value;
  }
  return null;
}

const COLORS = ['black', 'cyan', 'magenta', 'yellow'] as const;

function colorOf(textValue: string): string | null {
  const t = textValue.toLowerCase();
  for (const c of COLORS) if (t.includes(c)) return c;
  if (/\bbk\b|\bk\b/.test(t)) return 'black';
  return null;
}

// PrtMarkerSuppliesTypeTC: toner(3), ink(5), inkCartridge(6), tonerCartridge(21).
const COLORANT_TYPES = new Set([3, 5, 6, 21]);
const CLASS_RECEPTACLE = 4;

function buildSupplies(byOid: Map<string, VarBind>, varbinds: readonly VarBind[]): SupplyModel[] {
  const prefix = `${OID.prtMarkerSuppliesLevel}.`;
  const supplies: SupplyModel[] = [];
  for (const vb of varbinds) {
    if (!vb.oid.startsWith(prefix)) continue;
    const index = vb.oid.slice(prefix.length);
    const level = num(vb);
    if (level === null) continue;
    const device = index.split('.')[0] ?? '1';
    const description = text(byOid.get(`${OID.prtMarkerSuppliesDescription}.${index}`));
    const type = num(byOid.get(`${OID.prtMarkerSuppliesType}.${index}`));
    const cls = num(byOid.get(`${OID.prtMarkerSuppliesClass}.${index}`));
    const maxCapacity = num(byOid.get(`${OID.prtMarkerSuppliesMaxCapacity}.${index}`)) ?? -2;
    const colorantIndex = num(byOid.get(`${OID.prtMarkerSuppliesColorantIndex}.${index}`));
    const colorant =
      colorantIndex && colorantIndex > 0
        ? text(byOid.get(`${OID.prtMarkerColorantValue}.${device}.${colorantIndex}`))
        : '';
    const isColorant = type !== null ? COLORANT_TYPES.has(type) : /toner|ink/i.test(description);
    const color = colorOf(colorant) ?? (isColorant ? colorOf(description) : null);
    let usedBy: SupplyModel['usedBy'] = null;
    let wear = 1;
    if (cls !== CLASS_RECEPTACLE && !/waste/i.test(description)) {
      if (isColorant) usedBy = color === null || color === 'black' ? 'all' : 'color';
      else {
        usedBy = 'all';
        wear = 0.25;
      }
    }
    supplies.push({ index, description, color, maxCapacity, baseLevel: level, usedBy, wear });
  }
  return supplies;
}

export function compileFixture(name: string, input: readonly VarBind[]): FixtureModel {
  const byOid = new Map(input.map((vb) => [vb.oid, vb] as const));
  const hasPrinterMib = input.some((vb) => vb.oid.startsWith(`${OID.printerMib}.`));

  const statusPrefixes = [`${OID.hrPrinterStatus}.`, `${OID.hrPrinterDetectedErrorState}.`];
  const firstStatus = input.find((vb) => statusPrefixes.some((p) => vb.oid.startsWith(p)));
  const deviceIndex = firstStatus ? Number(firstStatus.oid.split('.')[11]) : 1;

  // Status objects a trimmed walk lacks (LibreNMS files carry no hrPrinterStatus) are served
  // only while an error is injected, so an untouched printer answers exactly its walk.
  const synthesized: Synthesized[] = [];
  if (hasPrinterMib) {
    const missing = (oid: string, dynamic: Dynamic): void => {
      if (byOid.has(oid)) return;
      const arcs = parseOid(oid);
      synthesized.push({ arcs, oidTlv: encodeOidArcs(arcs), dynamic });
    };
    missing(`${OID.hrDeviceStatus}.${deviceIndex}`, {
      kind: 'deviceStatus',
      base: DeviceStatus.running,
    });
    missing(`${OID.hrPrinterStatus}.${deviceIndex}`, {
      kind: 'printerStatus',
      base: PrinterStatus.idle,
    });
    missing(`${OID.hrPrinterDetectedErrorState}.${deviceIndex}`, {
      kind: 'errorState',
      base: new Uint8Array([0]),
    });
  }
  const sorted = input
    .map((vb) => ({ vb, arcs: parseOid(vb.oid) }))
    .sort((a, b) => compareArcs(a.arcs, b.arcs));

  const supplies = buildSupplies(
    byOid,
    sorted.map((s) => s.vb),
  );
  const supplyByIndex = new Map(supplies.map((s, i) => [s.index, i] as const));
  const colorCapable = supplies.some((s) => s.usedBy === 'color');
  const derived = deriveCounterRoles(input, colorCapable);
  const roles = derived.roles;

  const model: FixtureModel = {
    name,
    arcs: [],
    oids: [],
    oidTlv: [],
    valueTlv: [],
    isCounter64: new Uint8Array(sorted.length),
    dynamic: new Map(),
    supplies,
    colorCapable,
    countersMatchDecoder: derived.consistent,
    deviceIndex,
    hasPrinterMib,
    synthesized,
    maxAlertIndex: 0,
    resetOid: `${OID.prtGeneralReset}.${deviceIndex}`,
  };

  const alertPrefix = `${OID.prtAlertEntry}.`;
  sorted.forEach(({ vb, arcs }, i) => {
    model.arcs.push(arcs);
    model.oids.push(vb.oid);
    model.oidTlv.push(encodeOidArcs(arcs));
    model.isCounter64[i] = vb.type === 'Counter64' ? 1 : 0;
    let dynamic: Dynamic | undefined;
    const role = roles.get(vb.oid);
    if ((vb.oid === OID.sysUpTime || vb.oid === OID.hrSystemUptime) && vb.type === 'TimeTicks') {
      dynamic = { kind: 'uptime', base: vb.value };
    } else if (role !== undefined && (vb.type === 'Counter64' || num(vb) !== null)) {
      dynamic = { kind: 'counter', role, base: Number(vb.value), type: vb.type };
    } else if (vb.oid === `${OID.hrDeviceStatus}.${deviceIndex}` && vb.type === 'Integer') {
      dynamic = { kind: 'deviceStatus', base: vb.value };
    } else if (vb.oid === `${OID.hrPrinterStatus}.${deviceIndex}` && vb.type === 'Integer') {
      dynamic = { kind: 'printerStatus', base: vb.value };
    } else if (
      vb.oid === `${OID.hrPrinterDetectedErrorState}.${deviceIndex}` &&
      vb.type === 'OctetString'
    ) {
      dynamic = { kind: 'errorState', base: vb.value };
    } else if (vb.oid.startsWith(`${OID.prtMarkerSuppliesLevel}.`)) {
      const supply = supplyByIndex.get(vb.oid.slice(OID.prtMarkerSuppliesLevel.length + 1));
      if (supply !== undefined) dynamic = { kind: 'supplyLevel', supply };
    }
    if (vb.oid.startsWith(alertPrefix)) {
      const alertIndex = arcs[arcs.length - 1] ?? 0;
      if (alertIndex > model.maxAlertIndex) model.maxAlertIndex = alertIndex;
    }
    if (dynamic) {
      model.dynamic.set(i, dynamic);
      model.valueTlv.push(null);
    } else {
      model.valueTlv.push(encodeValue(vb));
    }
  });
  return model;
}
