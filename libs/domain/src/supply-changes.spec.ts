import { isEarlyReplacement, supplyChange } from './supply-changes.js';
import { planSupplyReadings, type ReportedSupply, type StoredSupply } from './supply-readings.js';
import { forecastSupply, type SupplySample } from './supply-forecast.js';

const reading = (percent: number | null, serialNumber: string | null = null) => ({
  percent,
  serialNumber,
});

describe('supplyChange', () => {
  it('a new serial is a swap even when the level did not jump', () => {
    expect(supplyChange(reading(62, 'SN-A'), reading(58, 'SN-B'))).toEqual({
      kind: 'SWAP',
      evidence: 'SERIAL',
      removedPercent: 62,
    });
  });

  it('the same serial rising is a refill when it jumps, and nothing when it is shaken', () => {
    expect(supplyChange(reading(5, 'SN-A'), reading(100, 'SN-A'))).toEqual({
      kind: 'REFILL',
      evidence: 'LEVEL',
      removedPercent: null,
    });
    expect(supplyChange(reading(8, 'SN-A'), reading(14, 'SN-A'))).toBeNull();
  });

  it('serials compare trimmed and case-blind', () => {
    expect(supplyChange(reading(40, ' sn-a '), reading(40, 'SN-A'))).toBeNull();
  });

  it('without a serial on either side, a level jump is a swap and a small rise is not', () => {
    expect(supplyChange(reading(6), reading(100))).toEqual({
      kind: 'SWAP',
      evidence: 'LEVEL',
      removedPercent: 6,
    });
    expect(supplyChange(reading(6, 'SN-A'), reading(100, null))?.kind).toBe('SWAP');
    expect(supplyChange(reading(6), reading(9))).toBeNull();
    expect(supplyChange(reading(null), reading(100))).toBeNull();
  });

  it('flags a swap that removed a cartridge above the threshold as early', () => {
    expect(isEarlyReplacement({ kind: 'SWAP', removedPercent: 62 })).toBe(true);
    expect(isEarlyReplacement({ kind: 'SWAP', removedPercent: 10 })).toBe(false);
    expect(isEarlyReplacement({ kind: 'SWAP', removedPercent: 30 }, 40)).toBe(false);
    expect(isEarlyReplacement({ kind: 'SWAP', removedPercent: null })).toBe(false);
    expect(isEarlyReplacement({ kind: 'REFILL', removedPercent: 80 })).toBe(false);
  });
});

describe('planSupplyReadings with cartridge serials', () => {
  const at = (hh: string) => new Date(`2026-05-01T${hh}:00:00.000Z`);
  const toner = (percent: number, serialNumber: string | null): ReportedSupply => ({
    index: '1.1',
    description: 'Black Toner',
    type: 'toner',
    color: 'black',
    level: percent,
    maxCapacity: 100,
    percent,
    state: 'ok',
    partNumber: '006R01509',
    serialNumber,
  });
  const stored: StoredSupply = {
    id: 'sup-1',
    deviceId: 'dev-1',
    supplyKey: '1.1|Black Toner',
    readAt: at('10'),
    description: 'Black Toner',
    type: 'toner',
    color: 'black',
    partNumber: '006R01509',
    percent: 60,
    serialNumber: 'SN-A',
  };
  const plan = (...list: [string, ReportedSupply][]) =>
    planSupplyReadings(
      [
        {
          deviceId: 'dev-1',
          readings: list.map(([hh, supply]) => ({ readAt: at(hh), supplies: [supply] })),
        },
      ],
      [stored],
      () => 'new',
    ).levels.map((row) => [
      row.readAt.getUTCHours(),
      row.serialNumber,
      row.change,
      row.removedPercent,
    ]);

  it('marks the reading with another serial as a swap, compared with the stored state', () => {
    expect(
      plan(['11', toner(58, 'SN-A')], ['12', toner(57, 'SN-B')], ['13', toner(56, 'SN-B')]),
    ).toEqual([
      [11, 'SN-A', null, null],
      [12, 'SN-B', 'SWAP', 58],
      [13, 'SN-B', null, null],
    ]);
    expect(plan(['11', toner(55, 'SN-B')])).toEqual([[11, 'SN-B', 'SWAP', 60]]);
  });

  it('a refill of the same cartridge is marked as such; a late older reading is history only', () => {
    expect(plan(['09', toner(5, 'SN-Z')], ['11', toner(100, 'SN-A')])).toEqual([
      [9, 'SN-Z', null, null],
      [11, 'SN-A', 'REFILL', null],
    ]);
  });
});

describe('forecastSupply with cartridge serials', () => {
  const DAY = 86_400_000;
  const t0 = Date.parse('2026-03-01T00:00:00Z');
  it('starts anew at a new serial even though the level did not jump', () => {
    // Old cartridge 80 → 62 over 9 days, then a half-used one (60 %) falling 1 %/day for 6 days.
    const samples: SupplySample[] = [
      ...Array.from({ length: 10 }, (_, i) => ({
        at: new Date(t0 + i * DAY),
        percent: 80 - 2 * i,
        serialNumber: 'SN-A',
      })),
      ...Array.from({ length: 7 }, (_, i) => ({
        at: new Date(t0 + (10 + i) * DAY),
        percent: 60 - i,
        serialNumber: 'SN-B',
      })),
    ];
    const withSerials = forecastSupply(samples);
    const withoutSerials = forecastSupply(samples.map(({ at, percent }) => ({ at, percent })));
    expect(withSerials.kind).toBe('forecast');
    expect(withoutSerials.kind).toBe('forecast');
    if (withSerials.kind !== 'forecast' || withoutSerials.kind !== 'forecast') return;
    expect(withSerials.since).toEqual(new Date(t0 + 10 * DAY));
    expect(withSerials.percentPerDay).toBeCloseTo(1, 5);
    expect(withoutSerials.since).toEqual(new Date(t0));
  });
});
