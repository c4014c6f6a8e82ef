import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSnapshot, parseWalk } from '@printbeat/printer-mib';
import { parseOid } from '../snmp/oid.js';
import { walkView } from '../model/test-support/view-walk.js';
import { SimPrinter } from '../model/sim-printer.js';
import { DEFAULT_FIXTURES, FixtureNotFoundError, fixturesDir, loadFixture } from './fixtures.js';

const big = (_key: string, v: unknown): unknown =>
  typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v;

function allFixtureFiles(): string[] {
  const root = fixturesDir();
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'licenses')
    .flatMap((d) => readdirSync(join(root, d.name)).map((f) => `${d.name}/${f}`));
}

describe('fixtures', () => {
  it('resolves the repository fixtures directory independent of cwd', () => {
    expect(existsSync(join(fixturesDir(), 'SOURCES.md'))).toBe(true);
  });

  it('compiles every fixture file into a view sorted by OID', () => {
    const files = allFixtureFiles();
    expect(files.length).toBeGreaterThan(80);
    for (const f of files) {
      const m = loadFixture(f);
      expect(m.oids.length).toBeGreaterThan(0);
      expect(new Set(m.oids).size).toBe(m.oids.length);
    }
  });

  it('serves every fixture exactly as recorded while untouched', () => {
    for (const f of allFixtureFiles()) {
      const text = readFileSync(join(fixturesDir(), f), 'utf8');
      const recorded = parseWalk(f, text);
      const p = new SimPrinter({
        address: '127.10.0.9',
        fixture: f,
        model: loadFixture(f),
        now: () => 0,
      });
      // An empty OBJECT IDENTIFIER value cannot be encoded; it is served as 0.0.
      const expected = recorded.map((vb) =>
        vb.type === 'ObjectIdentifier' && vb.value === '' ? { ...vb, value: '0.0' } : vb,
      );
      const served = walkView(p);
      expect({ f, count: served.length }).toEqual({ f, count: expected.length });
      if (JSON.stringify(served, big) !== JSON.stringify(expected, big))
        expect({ f, served }).toEqual({ f, served: expected });
    }
  });

  it.each(DEFAULT_FIXTURES)(
    'default fleet fixture %s is a printer with counters and supplies',
    (f) => {
      const m = loadFixture(f);
      expect(m.hasPrinterMib).toBe(true);
      const kinds = [...m.dynamic.values()].map((d) => d.kind);
      expect(kinds).toContain('counter');
      expect(kinds).toContain('errorState');
      expect(m.supplies.length).toBeGreaterThan(0);
    },
  );

  it('refuses paths outside the fixtures directory and unknown files', () => {
    expect(() => loadFixture('../../package.json')).toThrow(FixtureNotFoundError);
    expect(() => loadFixture('librenms/nope.snmprec')).toThrow(FixtureNotFoundError);
  });

  it('keeps the Kyocera TASKalfa 6052ci counters consistent while it prints', () => {
    const model = loadFixture('printmaster/parse_debug_172_52_105_95.json');
    expect(model.colorCapable).toBe(true);
    const p = new SimPrinter({ address: '127.10.0.9', fixture: model.name, model });
    const read = (oid: string): number => {
      const b = p.get(parseOid(oid));
      if (typeof b === 'string') throw new Error(`${oid}: ${b}`);
      let v = 0;
      const len = b.valueTlv[1]!;
      for (let i = 2; i < 2 + len; i++) v = v * 256 + b.valueTlv[i]!;
      return v;
    };
    const kyocera = '1.3.6.1.4.1.1347.42.3.1';
    const oids = {
      life: '1.3.6.1.2.1.43.10.2.1.4.1.1',
      engineTotal: '1.3.6.1.4.1.1347.43.10.1.1.12.1.1',
      printTotal: `${kyocera}.1.1.1.1`,
      copyTotal: `${kyocera}.1.1.1.2`,
      printBlack: `${kyocera}.2.1.1.1.1`,
      printColor: `${kyocera}.2.1.1.1.3`,
      copyBlack: `${kyocera}.2.1.1.2.1`,
      copyColor: `${kyocera}.2.1.1.2.3`,
    };
    const before = Object.fromEntries(Object.entries(oids).map(([k, o]) => [k, read(o)]));
    // The walk's own relations (read from the real device).
    expect(before.printBlack! + before.printColor!).toBe(before.printTotal);
    expect(before.copyBlack! + before.copyColor!).toBe(before.copyTotal);
    p.print(30);
    p.print(20, { color: true, duplex: true });
    p.print(7, { copy: true });
    p.print(3, { copy: true, color: true });
    const after = Object.fromEntries(Object.entries(oids).map(([k, o]) => [k, read(o)]));
    const delta = (k: keyof typeof oids): number => after[k]! - before[k]!;
    expect(delta('life')).toBe(60);
    expect(delta('engineTotal')).toBe(60);
    expect([delta('printTotal'), delta('copyTotal')]).toEqual([50, 10]);
    expect([
      delta('printBlack'),
      delta('printColor'),
      delta('copyBlack'),
      delta('copyColor'),
    ]).toEqual([30, 20, 7, 3]);
    expect(after.printBlack! + after.printColor!).toBe(after.printTotal);
    expect(after.copyBlack! + after.copyColor!).toBe(after.copyTotal);
  });
});

describe('counters as the agent decodes them', () => {
  it.each(DEFAULT_FIXTURES)(
    '%s: printed pages show up in every decoded counter, consistently',
    (f) => {
      const model = loadFixture(f);
      expect(model.countersMatchDecoder).toBe(true);
      const p = new SimPrinter({ address: '127.10.0.9', fixture: f, model });
      const before = decodeSnapshot(walkView(p)).counters;
      p.print(30);
      p.print(20, { color: true, duplex: true });
      p.print(7, { copy: true });
      p.print(3, { copy: true, color: true });
      const after = decodeSnapshot(walkView(p)).counters;
      const color = model.colorCapable ? 23 : 0;
      const expected: Record<string, number> = {
        total: 60,
        mono: 60 - color,
        color,
        printTotal: 50,
        printMono: model.colorCapable ? 30 : 50,
        printColor: model.colorCapable ? 20 : 0,
        copyTotal: 10,
        copyMono: model.colorCapable ? 7 : 10,
        copyColor: model.colorCapable ? 3 : 0,
        duplex: 10,
        faxTotal: 0,
        scanTotal: 0,
        large: 0,
      };
      const { extra: _b, ...b } = before;
      const { extra: _a, ...a } = after;
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
      expect(a.total! - b.total!).toBe(60);
      for (const [name, value] of Object.entries(a)) {
        expect([name, value - (b as Record<string, number>)[name]!]).toEqual([
          name,
          expected[name],
        ]);
      }
    },
  );
});
