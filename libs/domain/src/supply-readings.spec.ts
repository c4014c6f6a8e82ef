import {
  planSupplyReadings,
  supplyKey,
  supplyState,
  type ReportedSupply,
  type StoredSupply,
} from './supply-readings.js';

const at = (hh: string) => new Date(`2026-05-01T${hh}:00:00.000Z`);
const toner = (percent: number, fields: Partial<ReportedSupply> = {}): ReportedSupply => ({
  index: '1.1',
  description: 'TK-3160',
  type: 'toner',
  color: 'black',
  level: percent,
  maxCapacity: 100,
  percent,
  state: 'ok',
  partNumber: 'TK-3160',
  ...fields,
});
const stored = (fields: Partial<StoredSupply> = {}): StoredSupply => ({
  id: 'sup-1',
  deviceId: 'dev-1',
  supplyKey: '1.1|TK-3160',
  readAt: at('10'),
  description: 'TK-3160',
  type: 'toner',
  color: 'black',
  partNumber: 'TK-3160',
  ...fields,
});
const readings = (...list: [string, ReportedSupply[]][]) => [
  { deviceId: 'dev-1', readings: list.map(([hh, supplies]) => ({ readAt: at(hh), supplies })) },
];
let n = 0;
const ids = () => `new-${++n}`;

describe('supply readings', () => {
  beforeEach(() => {
    n = 0;
  });

  it('keys supplies by index and description, and names their states', () => {
    expect(supplyKey({ index: '1.1', description: 'TK-3160' })).toBe('1.1|TK-3160');
    expect(supplyState('someRemaining')).toBe('SOME_REMAINING');
    expect(supplyState('ok')).toBe('OK');
  });

  it('creates a supply once, with a level row per reading and the newest as current state', () => {
    const plan = planSupplyReadings(readings(['10', [toner(50)]], ['11', [toner(48)]]), [], ids);
    expect(plan.inserts.map((row) => [row.id, row.supplyKey, row.percent, row.readAt])).toEqual([
      ['new-1', '1.1|TK-3160', 48, at('11')],
    ]);
    expect(plan.levels.map((row) => [row.supplyId, row.percent, row.current])).toEqual([
      ['new-1', 50, false],
      ['new-1', 48, false],
    ]);
    expect(plan.described).toEqual([]);
  });

  it('a stored supply takes the newest reading as current; a late older one is history only', () => {
    const plan = planSupplyReadings(
      readings(['09', [toner(60)]], ['12', [toner(40, { partNumber: 'TK-3160H' })]]),
      [stored()],
      ids,
    );
    expect(plan.inserts).toEqual([]);
    expect(plan.levels.map((row) => [row.supplyId, row.percent, row.current])).toEqual([
      ['sup-1', 60, false],
      ['sup-1', 40, true],
    ]);
    // A new part number is a new description of the same supply.
    expect(plan.described.map((row) => [row.id, row.partNumber])).toEqual([['sup-1', 'TK-3160H']]);
  });

  it('the same slot under a new description renames the stored supply; another colour is a new supply', () => {
    const plan = planSupplyReadings(
      readings(['12', [toner(90, { description: 'TK-3162' })]]),
      [stored()],
      ids,
    );
    expect(plan.inserts).toEqual([]);
    expect(plan.described.map((row) => [row.id, row.supplyKey])).toEqual([
      ['sup-1', '1.1|TK-3162'],
    ]);
    const cyan = planSupplyReadings(
      readings(['12', [toner(90, { description: 'TK-5270C', color: 'cyan' })]]),
      [stored()],
      ids,
    );
    expect(cyan.inserts.map((row) => [row.id, row.supplyKey])).toEqual([['new-1', '1.1|TK-5270C']]);
  });

  it('a late reading under an old description is history of the renamed supply, not a rename', () => {
    const plan = planSupplyReadings(
      readings(['09', [toner(70, { description: 'TK-3150' })]]),
      [stored()],
      ids,
    );
    expect(plan.inserts).toEqual([]);
    expect(plan.described).toEqual([]);
    expect(plan.levels.map((row) => [row.supplyId, row.current])).toEqual([['sup-1', false]]);
  });

  it('a stored description still reported in the same reading is not renamed', () => {
    const plan = planSupplyReadings(
      readings(['12', [toner(50), toner(90, { description: 'TK-3162' })]]),
      [stored()],
      ids,
    );
    expect(plan.inserts.map((row) => row.supplyKey)).toEqual(['1.1|TK-3162']);
    expect(plan.described).toEqual([]);
  });
});
