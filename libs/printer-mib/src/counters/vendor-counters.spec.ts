import { decodeSnapshot } from '../snapshot.js';
import type { VarBind } from '../types.js';
import { parseBrotherBlob, parseBrotherLegacyBlob } from './brother.js';
import { unnamedCounterKeys } from './counter-names.js';

const oid = (value: string): VarBind => ({
  oid: '1.3.6.1.2.1.1.2.0',
  type: 'ObjectIdentifier',
  value,
});
const int = (o: string, value: number): VarBind => ({ oid: o, type: 'Integer', value });
const counter = (o: string, value: number): VarBind => ({ oid: o, type: 'Counter32', value });
const LIFE = '1.3.6.1.2.1.43.10.2.1.4.1.1';

/**
 * Decodes synthetic VarBinds (vendors whose fixture walks are trimmed of the private MIB); every
 * key decoded must have a display name.
 */
const countersOf = (varbinds: VarBind[]) => {
  const counters = decodeSnapshot(varbinds).counters;
  expect(unnamedCounterKeys(counters)).toEqual([]);
  return counters;
};

describe('vendor counters without a fixture walk of the private MIB', () => {
  it('Ricoh: reads the self-typed engine counter table, adding the two colour types', () => {
    const T = '1.3.6.1.4.1.367.3.2.1.2.19.5.1.2';
    const V = '1.3.6.1.4.1.367.3.2.1.2.19.5.1.9';
    const rows: [number, number][] = [
      [10, 580249],
      [200, 100],
      [201, 60],
      [202, 30],
      [203, 10],
      [400, 500],
      [401, 300],
      [402, 150],
      [403, 50],
      [300, 7],
      [870, 11],
      [871, 4],
      [999, 1],
    ];
    const varbinds = [oid('1.3.6.1.4.1.367.1.1'), counter(LIFE, 580249)];
    rows.forEach(([type, value], i) =>
      varbinds.push(int(`${T}.${i + 1}`, type), int(`${V}.${i + 1}`, value)),
    );
    expect(countersOf(varbinds)).toEqual({
      total: 580249,
      copyTotal: 100,
      copyMono: 60,
      copyColor: 40,
      printTotal: 500,
      printMono: 300,
      printColor: 200,
      faxTotal: 7,
      scanTotal: 15,
      extra: { 'ricoh.type999': 1 },
    });
  });

  it('Xerox: total, black and colour impressions, copies and network scans', () => {
    const D = '1.3.6.1.4.1.253.8.53.13.2.1.6';
    expect(
      countersOf([
        oid('1.3.6.1.4.1.253.8.62.1.35.2.3.1.1'),
        counter(LIFE, 1000),
        int(`${D}.1.20.1`, 1000),
        int(`${D}.1.20.33`, 400),
        int(`${D}.1.20.34`, 600),
        int(`${D}.11.20.3`, 70),
        int(`${D}.11.20.25`, 30),
        int(`${D}.10.20.11`, 5),
        int(`${D}.10.20.12`, 6),
      ]),
    ).toEqual({
      total: 1000,
      color: 400,
      mono: 600,
      copyMono: 70,
      copyColor: 30,
      copyTotal: 100,
      scanTotal: 11,
      extra: {},
    });
  });

  it('Canon: 101 is the total and 108 black & white; other ids stay extras', () => {
    const C = '1.3.6.1.4.1.1602.1.11.1.3.1.4';
    expect(
      countersOf([
        oid('1.3.6.1.4.1.1602.4.2'),
        int(`${C}.101`, 2000),
        int(`${C}.108`, 1500),
        int(`${C}.112`, 30),
      ]),
    ).toEqual({
      total: 2000,
      mono: 1500,
      extra: { 'canon.counter112': 30 },
    });
  });

  it('HP: keeps prtMarkerLifeCount as total, colour and duplex from PML, mono by difference', () => {
    const E = '1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2';
    expect(
      countersOf([
        oid('1.3.6.1.4.1.11.2.3.9.1'),
        counter(LIFE, 900),
        int(`${E}.5.0`, 900),
        int(`${E}.7.0`, 300),
        int(`${E}.22.0`, 40),
      ]),
    ).toEqual({
      total: 900,
      color: 300,
      mono: 600,
      duplex: 40,
      extra: {},
    });
    expect(countersOf([oid('1.3.6.1.4.1.11.2.3.9.1'), int(`${E}.5.0`, 900)])).toEqual({
      total: 900,
      extra: {},
    });
  });

  it('HP: the engine mono meter when it has one, jams, and scans only as ADF + flatbed', () => {
    const E = '1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2';
    const S = '1.3.6.1.4.1.11.2.3.9.4.2.1.2.2.1';
    const hp = oid('1.3.6.1.4.1.11.2.3.9.1');
    expect(
      countersOf([
        hp,
        counter(LIFE, 900),
        int(`${E}.6.0`, 610),
        int(`${E}.7.0`, 300),
        int(`${E}.34.0`, 12),
        int(`${S}.74.0`, 40),
        int(`${S}.44.0`, 25),
        int(`${S}.43.0`, 1),
      ]),
    ).toEqual({
      total: 900,
      color: 300,
      mono: 610,
      scanTotal: 65,
      extra: {
        'hp.jamCount': 12,
        'hp.flatbedImagesScanned': 40,
        'hp.adfImagesScanned': 25,
        'hp.scannerJamCount': 1,
      },
    });
    // Flatbed alone is not every scan: no scanTotal without the ADF meter.
    expect(countersOf([hp, counter(LIFE, 900), int(`${S}.74.0`, 40)])).toEqual({
      total: 900,
      extra: { 'hp.flatbedImagesScanned': 40 },
    });
  });

  it('Konica Minolta: "Total scans" first, the per-function table as fallback', () => {
    const K = '1.3.6.1.4.1.18334.1.1.1.5.7.2';
    const km = oid('1.3.6.1.4.1.18334.1.1.1.2.1.181.2.4');
    expect(countersOf([km, int(`${K}.1.5.0`, 5653), int(`${K}.3.1.5.1`, 1)]).scanTotal).toBe(5653);
    expect(
      countersOf([km, int(`${K}.3.1.5.1`, 77), int(`${K}.3.1.7.1`, 10), int(`${K}.3.1.11.1`, 4)]),
    ).toEqual({
      scanTotal: 77,
      printMono: 10,
      printColor: 4,
      printTotal: 14,
      mono: 10,
      color: 4,
      extra: {},
    });
  });

  it('Sharp: scan rows by their label, whatever their row', () => {
    const V = '1.3.6.1.4.1.2385.1.1.19.2.1.3';
    const L = '1.3.6.1.4.1.2385.1.1.19.2.1.4';
    const text = (o: string, value: string): VarBind => ({
      oid: o,
      type: 'OctetString',
      value: new TextEncoder().encode(value),
    });
    expect(
      countersOf([
        oid('1.3.6.1.4.1.2385.3.1.1'),
        counter(`${V}.8.4.50`, 23746),
        text(`${L}.8.4.50`, 'Scan to E-mail/FTP'),
        counter(`${V}.9.4.50`, 6),
        text(`${L}.9.4.50`, 'Scan to HDD'),
        counter(`${V}.7.4.51`, 5),
        text(`${L}.7.4.51`, 'Black & White Scanner Count'),
      ]),
    ).toEqual({
      scanTotal: 23752,
      extra: {
        'sharp.scanToEMailFtp': 23746,
        'sharp.scanToHdd': 6,
        'sharp.blackAndWhiteScannerCount': 5,
      },
    });
  });

  it('Zebra: the odometer text in inches and centimetres, labels when numeric', () => {
    const O = '1.3.6.1.4.1.10642.200.17';
    const text = (o: string, value: string): VarBind => ({
      oid: o,
      type: 'OctetString',
      value: new TextEncoder().encode(value),
    });
    expect(
      countersOf([
        oid('1.3.6.1.4.1.10642.1.1'),
        text(`${O}.3.0`, '1920 INCHES, 4876 CENTIMETERS'),
        text(`${O}.2.0`, '5210'),
      ]),
    ).toEqual({
      extra: {
        'zebra.printLength.inches': 1920,
        'zebra.printLength.centimeters': 4876,
        'zebra.totalLabelCount': 5210,
      },
    });
    expect(countersOf([oid('1.3.6.1.4.1.10642.1.1'), text(`${O}.2.0`, 'n/a')])).toEqual({
      extra: {},
    });
  });

  it('keeps the power-on count apart from the lifetime total, pages and lengths alike', () => {
    const POWER_ON = '1.3.6.1.2.1.43.10.2.1.5';
    const UNIT = '1.3.6.1.2.1.43.10.2.1.3';
    expect(
      countersOf([
        int(`${UNIT}.1.1`, 7),
        counter(LIFE, 5000),
        counter(`${POWER_ON}.1.1`, 46),
        int(`${UNIT}.1.2`, 17),
        counter('1.3.6.1.2.1.43.10.2.1.4.1.2', 900),
        counter(`${POWER_ON}.1.2`, 3),
      ]),
    ).toEqual({
      total: 5000,
      extra: {
        'printerMib.powerOnCount': 46,
        'printerMib.markerLifeCount.meters.1.2': 900,
        'printerMib.markerPowerOnCount.meters.1.2': 3,
      },
    });
  });

  it('Toshiba: twin colour counts as colour', () => {
    const T = '1.3.6.1.4.1.1129.2.3.50.1.3.21.6.1';
    expect(
      countersOf([
        oid('1.3.6.1.4.1.1129.2.3.45.1'),
        counter(LIFE, 1000),
        int(`${T}.2.1.1`, 300),
        int(`${T}.2.1.2`, 20),
        int(`${T}.2.1.3`, 680),
        int(`${T}.3.1.1`, 200),
        int(`${T}.3.1.3`, 400),
        int(`${T}.4.1.1`, 100),
        int(`${T}.4.1.2`, 20),
        int(`${T}.4.1.3`, 250),
        int(`${T}.7.1.3`, 30),
      ]),
    ).toEqual({
      total: 1000,
      mono: 680,
      color: 320,
      printMono: 400,
      printColor: 200,
      printTotal: 600,
      copyMono: 250,
      copyColor: 120,
      copyTotal: 370,
      faxTotal: 30,
      extra: {},
    });
  });

  it('keeps a length-unit lifetime count out of the page total', () => {
    expect(countersOf([int('1.3.6.1.2.1.43.10.2.1.3.1.1', 17), counter(LIFE, 5120)])).toEqual({
      extra: { 'printerMib.markerLifeCount.meters.1.1': 5120 },
    });
  });

  it('Lexmark and OKI counters stay extras, never billed on a guess', () => {
    expect(
      countersOf([
        oid('1.3.6.1.4.1.641.1.5.7'),
        counter(LIFE, 50),
        int('1.3.6.1.4.1.641.6.4.2.1.1.4.1.1', 52),
      ]),
    ).toEqual({
      total: 50,
      extra: { 'lexmark.mpsCounter1': 52 },
    });
  });

  it('Lexmark: paper and scanner jams from the typed genCountTable, other types ignored', () => {
    const G = '1.3.6.1.4.1.641.6.4.1.1.1';
    expect(
      countersOf([
        oid('1.3.6.1.4.1.641.1.5.7'),
        int(`${G}.2.1`, 1),
        counter(`${G}.4.1`, 812),
        int(`${G}.2.7`, 97),
        counter(`${G}.4.7`, 14),
        int(`${G}.2.8`, 98),
        counter(`${G}.4.8`, 3),
      ]),
    ).toEqual({ extra: { 'lexmark.paperJams': 14, 'lexmark.scannerJams': 3 } });
  });
});

describe('parseBrotherBlob', () => {
  it('reads 7-byte records and skips malformed ones', () => {
    const bytes = Uint8Array.from([
      0x00, 0x01, 0x04, 0x00, 0x00, 0x13, 0x4b, 0x99, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
      0x01, 0x04, 0x00, 0x00, 0x06, 0xe2, 0x02,
    ]);
    expect([...parseBrotherBlob(bytes)]).toEqual([
      [0x00, 4939],
      [0x01, 1762],
    ]);
    expect(parseBrotherBlob(null).size).toBe(0);
  });
});

describe('parseBrotherLegacyBlob', () => {
  it('reads 5-byte records as a share of 20 steps, and nothing from another shape', () => {
    const legacy = Uint8Array.from([
      0xa1, 0x01, 0x02, 0x04, 0x14, 0xa2, 0x01, 0x02, 0x0c, 0x14, 0xa4, 0x01, 0x02, 0x0b, 0x14,
    ]);
    expect([...parseBrotherLegacyBlob(legacy)]).toEqual([
      [0xa1, 20],
      [0xa2, 60],
      [0xa4, 55],
    ]);
    // A 7-byte blob of the same length class is not legacy, nor is a record with another total.
    expect(parseBrotherLegacyBlob(Uint8Array.from([0xa1, 0x01, 0x02, 0x04, 0x10])).size).toBe(0);
    expect(parseBrotherLegacyBlob(null).size).toBe(0);
  });
});
