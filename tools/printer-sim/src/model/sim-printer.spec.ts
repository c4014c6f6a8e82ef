import { decodeOid, decodeSigned, readTlv } from '../snmp/ber.js';
import { parseOid } from '../snmp/oid.js';
import { compileFixture } from './fixture-model.js';
import { SimPrinter, type Binding } from './sim-printer.js';
import { tinyColorWalk } from './test-support/tiny-walk.js';

function intValue(b: Binding | string): number {
  if (typeof b === 'string') throw new Error(`expected a value, got ${b}`);
  const t = readTlv(b.valueTlv, 0);
  return decodeSigned(b.valueTlv, t.start, t.end);
}

function unsignedValue(b: Binding | string): number {
  if (typeof b === 'string') throw new Error(`expected a value, got ${b}`);
  const t = readTlv(b.valueTlv, 0);
  let v = 0;
  for (let i = t.start; i < t.end; i++) v = v * 256 + b.valueTlv[i]!;
  return v;
}

function bytes(b: Binding | string): number[] {
  if (typeof b === 'string') throw new Error(`expected a value, got ${b}`);
  const t = readTlv(b.valueTlv, 0);
  return [...b.valueTlv.subarray(t.start, t.end)];
}

function text(b: Binding | string): string {
  return Buffer.from(bytes(b)).toString('utf8');
}

const oidOf = (b: Binding | null): string => (b ? b.arcs.join('.') : 'end');

describe('SimPrinter', () => {
  let clock: number;
  let printer: SimPrinter;
  const get = (oid: string): Binding | string => printer.get(parseOid(oid));

  beforeEach(() => {
    clock = 1_000_000;
    printer = new SimPrinter({
      address: '127.10.0.1',
      fixture: 'tiny',
      model: compileFixture('tiny', tinyColorWalk()),
      now: () => clock,
      cartridgeYieldPages: 1000,
      rebootSilenceMs: 500,
    });
  });

  it('answers GET with fixture values and tells noSuchInstance from noSuchObject', () => {
    expect(text(get('1.3.6.1.2.1.1.1.0'))).toBe('Tiny Color MFP');
    expect(get('1.3.6.1.2.1.1.1.1')).toBe('noSuchInstance'); // sysDescr exists, instance .1 does not
    expect(get('1.3.6.1.2.1.1.1')).toBe('noSuchInstance'); // the object itself, no instance
    expect(get('1.3.6.1.2.1.2.2.1.2.9')).toBe('noSuchInstance'); // ifDescr.9
    expect(get('1.3.6.1.2.1.43.11.1.1.9.2.1')).toBe('noSuchInstance'); // level of device 2
    expect(get('1.3.6.1.2.1.1.99.0')).toBe('noSuchObject');
    expect(get('1.3.6.1.4.1.99999.1.0')).toBe('noSuchObject');
  });

  it('walks in OID order with GETNEXT and ends after the last OID', () => {
    expect(oidOf(printer.next([1, 3]))).toBe('1.3.6.1.2.1.1.1.0');
    expect(oidOf(printer.next(parseOid('1.3.6.1.2.1.1.1.0')))).toBe('1.3.6.1.2.1.1.2.0');
    expect(oidOf(printer.next(parseOid('1.3.6.1.2.1.1.3')))).toBe('1.3.6.1.2.1.1.3.0');
    expect(oidOf(printer.next(parseOid('1.3.6.1.4.1.1347.43.10.1.1.12.1.1')))).toBe(
      '1.3.6.1.4.1.1347.99.1.0',
    );
    expect(oidOf(printer.next(parseOid('1.3.6.1.4.1.1347.99.1.0')))).toBe('end');
    // v1 cannot carry Counter64: GETNEXT skips it.
    expect(oidOf(printer.next(parseOid('1.3.6.1.4.1.1347.43.10.1.1.12.1.1'), true))).toBe('end');
  });

  it('advances every counter of a role together when printing', () => {
    printer.print(10);
    printer.print(4, { color: true });
    printer.print(6, { copy: true });
    printer.print(2, { copy: true, color: true, duplex: true });
    const c = printer.counters;
    expect(c).toMatchObject({
      total: 22,
      mono: 16,
      color: 6,
      printTotal: 14,
      copyTotal: 8,
      duplex: 1,
    });
    expect(c.total).toBe(c.mono + c.color);
    expect(c.total).toBe(c.printTotal + c.copyTotal);
    expect(unsignedValue(get('1.3.6.1.2.1.43.10.2.1.4.1.1'))).toBe(1022);
    expect(intValue(get('1.3.6.1.4.1.1347.43.10.1.1.12.1.1'))).toBe(1022);
    const printTotal = intValue(get('1.3.6.1.4.1.1347.42.3.1.1.1.1.1'));
    const copyTotal = intValue(get('1.3.6.1.4.1.1347.42.3.1.1.1.1.2'));
    const printMono = intValue(get('1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1'));
    const printColor = intValue(get('1.3.6.1.4.1.1347.42.3.1.2.1.1.1.3'));
    const copyMono = intValue(get('1.3.6.1.4.1.1347.42.3.1.2.1.1.2.1'));
    const copyColor = intValue(get('1.3.6.1.4.1.1347.42.3.1.2.1.1.2.3'));
    expect([printTotal, copyTotal, printMono, printColor, copyMono, copyColor]).toEqual([
      614, 408, 510, 104, 306, 102,
    ]);
    expect(printMono + printColor).toBe(printTotal);
    expect(copyMono + copyColor).toBe(copyTotal);
    expect(printTotal + copyTotal).toBe(intValue(get('1.3.6.1.4.1.1347.43.10.1.1.12.1.1')));
  });

  it('prints at its configured rate with a deterministic colour/duplex/copy split', () => {
    const rated = new SimPrinter({
      address: '127.10.0.2',
      fixture: 'tiny',
      model: printer.model,
      now: () => clock,
      rate: { pagesPerMinute: 60, colorShare: 0.5, duplexShare: 0.5, copyShare: 0.2 },
    });
    for (let i = 0; i < 100; i++) rated.advance(1000);
    const c = rated.counters;
    expect(c.total).toBe(100);
    expect(c.copyTotal).toBe(20);
    expect(c.color).toBe(50);
    expect(c.duplex).toBe(25);
    expect(c.total).toBe(c.mono + c.color);
    rated.injectError('jam'); // a jammed printer stops
    rated.advance(60000);
    expect(rated.counters.total).toBe(100);
  });

  it('uses up toner with pages and refills it on replaceCartridge', () => {
    printer.print(100); // mono: black only, 10000 / 1000 per page
    expect(intValue(get('1.3.6.1.2.1.43.11.1.1.9.1.1'))).toBe(4000);
    expect(intValue(get('1.3.6.1.2.1.43.11.1.1.9.1.2'))).toBe(8000);
    printer.print(100, { color: true });
    expect(intValue(get('1.3.6.1.2.1.43.11.1.1.9.1.1'))).toBe(3000);
    expect(intValue(get('1.3.6.1.2.1.43.11.1.1.9.1.2'))).toBe(7000);
    expect(intValue(get('1.3.6.1.2.1.43.11.1.1.9.1.3'))).toBe(-3); // waste box: special value kept
    printer.print(5000);
    expect(intValue(get('1.3.6.1.2.1.43.11.1.1.9.1.1'))).toBe(0); // never negative
    expect(printer.replaceCartridge('black')).toBe(1);
    expect(intValue(get('1.3.6.1.2.1.43.11.1.1.9.1.1'))).toBe(10000);
    expect(printer.replaceCartridge('2')).toBe(1);
    expect(intValue(get('1.3.6.1.2.1.43.11.1.1.9.1.2'))).toBe(10000);
    expect(printer.replaceCartridge('purple')).toBe(0);
  });

  it('shows an injected jam in status, error bits and the alert table, and removes it on clear', () => {
    printer.injectError('jam');
    printer.injectError('doorOpen');
    expect(intValue(get('1.3.6.1.2.1.25.3.2.1.5.1'))).toBe(5); // hrDeviceStatus down
    expect(intValue(get('1.3.6.1.2.1.25.3.5.1.1.1'))).toBe(1); // hrPrinterStatus other
    expect(bytes(get('1.3.6.1.2.1.25.3.5.1.2.1'))).toEqual([0x04 | 0x08]);
    // New rows after the walk's highest alert index (7), one per error.
    expect(intValue(get('1.3.6.1.2.1.43.18.1.1.7.1.8'))).toBe(8); // prtAlertCode jam
    expect(intValue(get('1.3.6.1.2.1.43.18.1.1.4.1.8'))).toBe(13); // group mediaPath
    expect(text(get('1.3.6.1.2.1.43.18.1.1.8.1.8'))).toBe('Paper jam');
    expect(intValue(get('1.3.6.1.2.1.43.18.1.1.7.1.9'))).toBe(501); // doorOpen
    // The walk's own row and the injected ones interleave in OID order.
    expect(oidOf(printer.next(parseOid('1.3.6.1.2.1.43.18.1.1.2.1.7')))).toBe(
      '1.3.6.1.2.1.43.18.1.1.2.1.8',
    );
    expect(oidOf(printer.next(parseOid('1.3.6.1.2.1.43.18.1.1.2.1.9')))).toBe(
      '1.3.6.1.2.1.43.18.1.1.3.1.8',
    );
    printer.clearError('jam');
    expect(get('1.3.6.1.2.1.43.18.1.1.2.1.8')).toBe('noSuchInstance');
    expect(bytes(get('1.3.6.1.2.1.25.3.5.1.2.1'))).toEqual([0x08]);
    printer.clearError('doorOpen');
    expect(intValue(get('1.3.6.1.2.1.25.3.2.1.5.1'))).toBe(2);
    expect(intValue(get('1.3.6.1.2.1.25.3.5.1.1.1'))).toBe(3);
    expect(bytes(get('1.3.6.1.2.1.25.3.5.1.2.1'))).toEqual([0]);
  });

  it('serves status objects a trimmed walk lacks only while an error is active', () => {
    const trimmed = tinyColorWalk().filter((vb) => !vb.oid.startsWith('1.3.6.1.2.1.25.3.5.1.1.'));
    const p = new SimPrinter({
      address: '127.10.0.3',
      fixture: 'trimmed',
      model: compileFixture('trimmed', trimmed),
    });
    const status = parseOid('1.3.6.1.2.1.25.3.5.1.1.1');
    expect(typeof p.get(status)).toBe('string');
    p.injectError('offline');
    expect(intValue(p.get(status))).toBe(1);
    expect(bytes(p.get(parseOid('1.3.6.1.2.1.25.3.5.1.2.1')))).toEqual([0x02]);
    p.clearError('offline');
    expect(typeof p.get(status)).toBe('string');
  });

  it('reboots: silent for a moment, then uptime restarts from zero', () => {
    clock += 5000;
    expect(unsignedValue(get('1.3.6.1.2.1.1.3.0'))).toBe(100500);
    printer.reboot();
    expect(printer.isAnswering()).toBe(false);
    clock += 499;
    expect(printer.isAnswering()).toBe(false);
    clock += 1;
    expect(printer.isAnswering()).toBe(true);
    expect(unsignedValue(get('1.3.6.1.2.1.1.3.0'))).toBe(0);
    clock += 1230;
    expect(unsignedValue(get('1.3.6.1.2.1.1.3.0'))).toBe(123);
    expect(printer.engineBoots).toBe(2);
  });

  it('can be made silent', () => {
    printer.setSilent(true);
    expect(printer.isAnswering()).toBe(false);
    printer.setSilent(false);
    expect(printer.isAnswering()).toBe(true);
  });

  it('encodes the OIDs it serves', () => {
    const b = printer.next([1, 3]);
    if (!b) throw new Error('empty view');
    const t = readTlv(b.oidTlv, 0);
    expect(decodeOid(b.oidTlv, t.start, t.end).join('.')).toBe('1.3.6.1.2.1.1.1.0');
  });
});
