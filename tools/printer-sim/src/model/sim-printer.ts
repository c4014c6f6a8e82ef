import {
  Tag,
  readTlv,
  encodeInteger,
  encodeOctetString,
  encodeOidArcs,
  encodeUnsigned,
} from '../snmp/ber.js';
import { compareArcs, indexOf, parseOid, startsWith, upperBound, type Arcs } from '../snmp/oid.js';
import {
  COUNTER_ROLES,
  emptyTally,
  roleDelta,
  type CounterRole,
  type PageTally,
} from './counter-roles.js';
import type { Dynamic, FixtureModel } from './fixture-model.js';
import {
  ALERT_SEVERITY_CRITICAL,
  ALERT_TRAINING_UNTRAINED,
  DeviceStatus,
  ERROR_EFFECTS,
  ERROR_KINDS,
  OID,
  PrinterStatus,
  type ErrorKind,
} from './printer-oids.js';

export type V3User = {
  name: string;
  authProtocol: 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
  authKey: string;
  privProtocol: 'des' | 'aes' | 'aes256b' | 'aes256r';
  privKey: string;
  /** A user that may read but whose SETs are refused (noAccess), as a read-only view. */
  readOnly?: boolean;
};

export type PrintOptions = { color?: boolean; duplex?: boolean; copy?: boolean };

export type PrintRate = {
  pagesPerMinute: number;
  /** 0..1 of pages printed in colour (ignored on mono printers). */
  colorShare: number;
  /** 0..1 of pages printed duplex. */
  duplexShare: number;
  /** 0..1 of pages that are copies rather than prints. */
  copyShare: number;
};

export type SupplySnapshot = {
  index: string;
  description: string;
  color: string | null;
  level: number;
  maxCapacity: number;
};

export type CounterSnapshot = Record<CounterRole, number> & {
  pages: PageTally;
  supplies: SupplySnapshot[];
  errors: ErrorKind[];
  uptimeTicks: number;
};

export type Binding = { arcs: Arcs; oidTlv: Buffer; valueTlv: Buffer };
export type Missing = 'noSuchObject' | 'noSuchInstance';

type ExtraEntry = Binding;

/** hrDeviceDescr (RFC 2790). */
const HR_DEVICE_DESCR = '1.3.6.1.2.1.25.3.2.1.3';
/** prtAlertGroupIndex of every simulated alert: the group's first row. */
const ALERT_GROUP_INDEX = 1;
/** prtAlertLocation -2: not applicable (RFC 3805). */
const ALERT_LOCATION_NOT_APPLICABLE = -2;
const UINT32 = 2 ** 32;
const INT32_MAX = 2 ** 31 - 1;

export type SimPrinterOptions = {
  address: string;
  fixture: string;
  model: FixtureModel;
  community?: string;
  /**
   * A separate read-write community. When set, `community` is read-only: a SET with it is
   * refused (noAccess), as on printers with distinct get and set community names.
   */
  writeCommunity?: string;
  /** Whether the raw-print port answers PJL (`@PJL INFO ID`); default true. */
  pjl?: boolean;
  v3Users?: V3User[];
  rate?: Partial<PrintRate>;
  /** Pages a full colourant cartridge lasts (the level falls by maxCapacity / yield per page). */
  cartridgeYieldPages?: number;
  rebootSilenceMs?: number;
  now?: () => number;
};

/**
 * One simulated printer: the shared, immutable fixture model plus this printer's small
 * mutable state. Values that change (uptime, counters, levels, status, alerts) are computed
 * when asked for, so an idle printer costs a few hundred bytes.
 */
export class SimPrinter {
  readonly address: string;
  readonly fixture: string;
  readonly model: FixtureModel;
  readonly community: string;
  readonly writeCommunity: string | null;
  readonly pjl: boolean;
  readonly v3Users: ReadonlyMap<string, V3User>;
  readonly engineId: Buffer;
  readonly rate: PrintRate;
  rawJobsReceived = 0;
  /** Configuration (self-test) pages printed on request over PJL/PCL. */
  configPagesPrinted = 0;
  /** PJL status queries answered on the raw-print port. */
  pjlQueriesAnswered = 0;
  /** SNMP requests answered (GET, GETNEXT, GETBULK, SET; v3 discovery included). */
  snmpRequests = 0;
  engineBoots = 1;
  /** Told when an error adds its prtAlertTable row (the fleet sends the alert trap). */
  onAlertAdded: ((kind: ErrorKind) => void) | null = null;

  private readonly now: () => number;
  private readonly cartridgeYield: number;
  private readonly rebootSilenceMs: number;
  private readonly tally: PageTally = emptyTally();
  private readonly levels: Float64Array;
  private readonly errors = new Set<ErrorKind>();
  private readonly alerts = new Map<ErrorKind, { index: number; time: number }>();
  private nextAlertIndex: number;
  private extras: ExtraEntry[] = [];
  private bootAt: number;
  private uptimeFromWalk = true;
  private silent = false;
  private silentUntil = 0;
  private delay = 0;
  private pendingPages = 0;
  private autoPrints = 0;
  private autoCopies = 0;
  private autoDuplex = 0;

  constructor(options: SimPrinterOptions) {
    this.address = options.address;
    this.fixture = options.fixture;
    this.model = options.model;
    this.community = options.community ?? 'public';
    this.writeCommunity = options.writeCommunity ?? null;
    this.pjl = options.pjl ?? true;
    this.v3Users = new Map((options.v3Users ?? []).map((u) => [u.name, u] as const));
    this.now = options.now ?? Date.now;
    this.cartridgeYield = options.cartridgeYieldPages ?? 5000;
    this.rebootSilenceMs = options.rebootSilenceMs ?? 3000;
    this.rate = {
      pagesPerMinute: options.rate?.pagesPerMinute ?? 0,
      colorShare: options.rate?.colorShare ?? 0.3,
      duplexShare: options.rate?.duplexShare ?? 0.4,
      copyShare: options.rate?.copyShare ?? 0.2,
    };
    this.levels = Float64Array.from(this.model.supplies.map((s) => s.baseLevel));
    this.nextAlertIndex = this.model.maxAlertIndex + 1;
    this.bootAt = this.now();
    // RFC 3411 engine ID, format 4 (text): enterprise 8072 (net-snmp) + "pbsim" + address.
    this.engineId = Buffer.concat([
      Buffer.from([0x80, 0x00, 0x1f, 0x88, 0x04]),
      Buffer.from(`pbsim${this.address}`),
    ]);
  }

  // ---- control ------------------------------------------------------------------------

  print(pages: number, options: PrintOptions = {}): void {
    if (!Number.isInteger(pages) || pages < 0)
      throw new RangeError(`pages must be a non-negative integer, got ${pages}`);
    if (pages === 0) return;
    const color = options.color === true && this.model.colorCapable;
    if (options.copy) {
      if (color) this.tally.copyColor += pages;
      else this.tally.copyMono += pages;
    } else if (color) {
      this.tally.printColor += pages;
    } else {
      this.tally.printMono += pages;
    }
    if (options.duplex) this.tally.duplexSheets += Math.ceil(pages / 2);
    this.consume(pages, color);
  }

  /** Advances the printer's own printing by `elapsedMs` at its configured rate. */
  advance(elapsedMs: number): void {
    if (this.rate.pagesPerMinute <= 0 || this.errors.size > 0 || !this.isAnswering()) return;
    this.pendingPages += (this.rate.pagesPerMinute * elapsedMs) / 60000;
    const n = Math.floor(this.pendingPages);
    if (n <= 0) return;
    this.pendingPages -= n;
    // Deterministic split: each share is the rounded-down share of all pages so far, kept
    // separately for prints and copies so small ticks still add up to the configured mix.
    const share = (done: number, add: number, s: number): number =>
      Math.floor((done + add) * s) - Math.floor(done * s);
    const colorShare = this.model.colorCapable ? this.rate.colorShare : 0;
    const copies = share(this.autoPrints + this.autoCopies, n, this.rate.copyShare);
    const prints = n - copies;
    const colorPrints = share(this.autoPrints, prints, colorShare);
    const colorCopies = share(this.autoCopies, copies, colorShare);
    const duplexPages = share(this.autoPrints + this.autoCopies, n, this.rate.duplexShare);
    this.autoPrints += prints;
    this.autoCopies += copies;
    this.print(prints - colorPrints, {});
    this.print(colorPrints, { color: true });
    this.print(copies - colorCopies, { copy: true });
    this.print(colorCopies, { copy: true, color: true });
    this.tally.duplexSheets +=
      Math.ceil((this.autoDuplex + duplexPages) / 2) - Math.ceil(this.autoDuplex / 2);
    this.autoDuplex += duplexPages;
  }

  injectError(kind: ErrorKind): void {
    if (this.errors.has(kind)) return;
    this.errors.add(kind);
    this.alerts.set(kind, { index: this.nextAlertIndex++, time: this.uptimeTicks(0) });
    this.rebuildExtras();
    this.onAlertAdded?.(kind);
  }

  /** The prtAlertTable row an active error added (RFC 3805 columns), null when not active. */
  alertRow(kind: ErrorKind): {
    hrDeviceIndex: number;
    alertIndex: number;
    severityLevel: number;
    group: number;
    groupIndex: number;
    location: number;
    code: number;
  } | null {
    const alert = this.alerts.get(kind);
    if (!alert) return null;
    const effect = ERROR_EFFECTS[kind];
    return {
      hrDeviceIndex: this.model.deviceIndex,
      alertIndex: alert.index,
      severityLevel: ALERT_SEVERITY_CRITICAL,
      group: effect.group,
      groupIndex: ALERT_GROUP_INDEX,
      location: ALERT_LOCATION_NOT_APPLICABLE,
      code: effect.code,
    };
  }

  clearError(kind: ErrorKind): void {
    if (!this.errors.delete(kind)) return;
    this.alerts.delete(kind);
    this.rebuildExtras();
  }

  activeErrors(): ErrorKind[] {
    return ERROR_KINDS.filter((k) => this.errors.has(k));
  }

  /** Refills the supplies of one colour (`black`, `cyan` …) or one supply index (`1.1` or `1`). */
  replaceCartridge(which: string | number): number {
    const key = String(which).toLowerCase();
    let replaced = 0;
    this.model.supplies.forEach((s, i) => {
      const matches =
        s.index === key ||
        s.index === `${this.model.deviceIndex}.${key}` ||
        (s.color !== null && s.color === key);
      if (matches && s.maxCapacity > 0) {
        this.levels[i] = s.maxCapacity;
        replaced++;
      }
    });
    return replaced;
  }

  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  setDelay(ms: number): void {
    this.delay = Math.max(0, ms);
  }

  get delayMs(): number {
    return this.delay;
  }

  /** A power cycle: silent for a moment, then uptime starts again from zero. */
  reboot(): void {
    const now = this.now();
    this.silentUntil = now + this.rebootSilenceMs;
    this.bootAt = now + this.rebootSilenceMs;
    this.uptimeFromWalk = false;
    this.engineBoots++;
  }

  isAnswering(): boolean {
    return !this.silent && this.now() >= this.silentUntil;
  }

  get counters(): CounterSnapshot {
    const roles = Object.fromEntries(
      COUNTER_ROLES.map((r) => [r, roleDelta(r, this.tally)]),
    ) as Record<CounterRole, number>;
    return {
      ...roles,
      pages: { ...this.tally },
      supplies: this.model.supplies.map((s, i) => ({
        index: s.index,
        description: s.description,
        color: s.color,
        level: this.levelOf(i),
        maxCapacity: s.maxCapacity,
      })),
      errors: this.activeErrors(),
      uptimeTicks: this.uptimeTicks(0),
    };
  }

  /** Seconds since (re)boot, for USM's snmpEngineTime. */
  engineTime(): number {
    return Math.max(0, Math.floor((this.now() - this.bootAt) / 1000));
  }

  // ---- MIB view -----------------------------------------------------------------------

  get(arcs: Arcs): Binding | Missing {
    const i = indexOf(this.model.arcs, arcs);
    if (i >= 0) return this.bindingAt(i);
    const e = indexOf(
      this.extras.map((x) => x.arcs),
      arcs,
    );
    if (e >= 0) return this.extras[e]!;
    return this.missingKind(arcs);
  }

  /** The next binding after `arcs` in OID order, or null at the end of the MIB view. */
  next(arcs: Arcs, skipCounter64 = false): Binding | null {
    const m = this.model;
    let i = upperBound(m.arcs, arcs);
    if (skipCounter64) while (i < m.arcs.length && m.isCounter64[i]) i++;
    let extra: ExtraEntry | undefined;
    for (const x of this.extras) {
      if (compareArcs(x.arcs, arcs) > 0) {
        extra = x;
        break;
      }
    }
    const base = i < m.arcs.length ? i : -1;
    if (base < 0) return extra ?? null;
    if (extra && compareArcs(extra.arcs, m.arcs[base]!) < 0) return extra;
    return this.bindingAt(base);
  }

  /** Whether `arcs` names an object the walk has (so a SET is refused as not writable). */
  has(arcs: Arcs): boolean {
    return typeof this.get(arcs) !== 'string';
  }

  /** The model name a PJL `INFO ID` answers with: hrDeviceDescr of the printer, else the fixture. */
  pjlId(): string {
    const descr = this.get(parseOid(`${HR_DEVICE_DESCR}.${this.model.deviceIndex}`));
    if (typeof descr === 'string' || descr.valueTlv[0] !== Tag.OctetString) return this.fixture;
    const t = readTlv(descr.valueTlv, 0);
    return descr.valueTlv.subarray(t.start, t.end).toString('latin1').replaceAll('"', "'");
  }

  private hasChildren(prefix: Arcs): boolean {
    const i = upperBound(this.model.arcs, prefix);
    if (i < this.model.arcs.length && startsWith(this.model.arcs[i]!, prefix)) return true;
    return this.extras.some((x) => x.arcs.length > prefix.length && startsWith(x.arcs, prefix));
  }

  // noSuchInstance when the object (scalar or column) exists but not this instance. The walk
  // carries no MIB definitions, so "object exists" is inferred from its neighbours: the OID is
  // a prefix of an instance, a sibling instance exists, or (two-arc table indexes such as the
  // Printer-MIB's hrDeviceIndex.n) an instance of the same shape exists two arcs up.
  private missingKind(arcs: Arcs): Missing {
    if (arcs.length === 0) return 'noSuchObject';
    if (this.hasChildren(arcs)) return 'noSuchInstance';
    const parent = arcs.slice(0, -1);
    const sibling = this.firstUnder(parent);
    // A direct child of the parent is another instance of the same column (ifDescr.1 vs
    // ifDescr.99); deeper children mean the parent is a group and `arcs` an unknown object.
    if (sibling && sibling.length === parent.length + 1) return 'noSuchInstance';
    if (arcs.length > 2) {
      const column = arcs.slice(0, -2);
      const i = upperBound(this.model.arcs, column);
      for (let k = i; k < Math.min(i + 16, this.model.arcs.length); k++) {
        const a = this.model.arcs[k]!;
        if (!startsWith(a, column)) break;
        if (a.length === arcs.length && a[a.length - 1] !== 0) return 'noSuchInstance';
      }
    }
    return 'noSuchObject';
  }

  private firstUnder(prefix: Arcs): Arcs | undefined {
    const i = upperBound(this.model.arcs, prefix);
    const a = this.model.arcs[i];
    return a && a.length > prefix.length && startsWith(a, prefix) ? a : undefined;
  }

  private bindingAt(i: number): Binding {
    const m = this.model;
    const valueTlv = m.valueTlv[i] ?? this.dynamicValue(m.dynamic.get(i)!);
    return { arcs: m.arcs[i]!, oidTlv: m.oidTlv[i]!, valueTlv };
  }

  private uptimeTicks(base: number): number {
    const elapsed = Math.max(0, Math.floor((this.now() - this.bootAt) / 10));
    return ((this.uptimeFromWalk ? base : 0) + elapsed) % UINT32;
  }

  private levelOf(i: number): number {
    const level = this.levels[i]!;
    return level < 0 ? level : Math.max(0, Math.ceil(level));
  }

  private dynamicValue(d: Dynamic): Buffer {
    switch (d.kind) {
      case 'uptime':
        return encodeUnsigned(this.uptimeTicks(d.base), Tag.TimeTicks);
      case 'counter': {
        const delta = roleDelta(d.role, this.tally);
        if (d.type === 'Counter64')
          return encodeUnsigned(BigInt(d.base) + BigInt(delta), Tag.Counter64);
        if (d.type === 'Counter32') return encodeUnsigned((d.base + delta) % UINT32, Tag.Counter32);
        if (d.type === 'Gauge32')
          return encodeUnsigned(Math.min(d.base + delta, UINT32 - 1), Tag.Gauge32);
        return encodeInteger(Math.min(d.base + delta, INT32_MAX));
      }
      case 'supplyLevel':
        return encodeInteger(this.levelOf(d.supply));
      case 'deviceStatus':
        return encodeInteger(this.errors.size > 0 ? DeviceStatus.down : d.base);
      case 'printerStatus':
        return encodeInteger(this.errors.size > 0 ? PrinterStatus.other : d.base);
      case 'errorState': {
        if (this.errors.size === 0) return encodeOctetString(d.base);
        const needed = Math.max(
          d.base.length,
          ...[...this.errors].map((k) => ERROR_EFFECTS[k].byte + 1),
        );
        const bytes = new Uint8Array(needed);
        bytes.set(d.base);
        for (const k of this.errors) bytes[ERROR_EFFECTS[k].byte]! |= ERROR_EFFECTS[k].mask;
        return encodeOctetString(bytes);
      }
    }
  }

  private consume(pages: number, color: boolean): void {
    this.model.supplies.forEach((s, i) => {
      const level = this.levels[i]!;
      if (s.usedBy === null || s.maxCapacity <= 0 || level < 0) return;
      if (s.usedBy === 'color' && !color) return;
      const used = (s.maxCapacity * s.wear * pages) / this.cartridgeYield;
      this.levels[i] = Math.max(0, level - used);
    });
  }

  private rebuildExtras(): void {
    const d = this.model.deviceIndex;
    const base = parseOid(OID.prtAlertEntry);
    const rows = [...this.alerts.entries()].sort((a, b) => a[1].index - b[1].index);
    const extras: ExtraEntry[] = [];
    for (let column = 2; column <= 9; column++) {
      for (const [kind, alert] of rows) {
        const effect = ERROR_EFFECTS[kind];
        const arcs = [...base, column, d, alert.index];
        let valueTlv: Buffer;
        switch (column) {
          case 2:
            valueTlv = encodeInteger(ALERT_SEVERITY_CRITICAL);
            break;
          case 3:
            valueTlv = encodeInteger(ALERT_TRAINING_UNTRAINED);
            break;
          case 4:
            valueTlv = encodeInteger(effect.group);
            break;
          case 5:
            valueTlv = encodeInteger(ALERT_GROUP_INDEX);
            break;
          case 6:
            valueTlv = encodeInteger(ALERT_LOCATION_NOT_APPLICABLE);
            break;
          case 7:
            valueTlv = encodeInteger(effect.code);
            break;
          case 8:
            valueTlv = encodeOctetString(effect.description);
            break;
          default:
            valueTlv = encodeUnsigned(alert.time, Tag.TimeTicks);
        }
        extras.push({ arcs, oidTlv: encodeOidArcs(arcs), valueTlv });
      }
    }
    if (this.errors.size > 0) {
      for (const x of this.model.synthesized) {
        extras.push({ arcs: x.arcs, oidTlv: x.oidTlv, valueTlv: this.dynamicValue(x.dynamic) });
      }
    }
    this.extras = extras.sort((a, b) => compareArcs(a.arcs, b.arcs));
  }
}
