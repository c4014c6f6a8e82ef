import {
  conditionChanges,
  conditionOf,
  DEFAULT_SUPPLY_LEVELS,
  supplyBand,
  type DeviceCondition,
} from './device-condition.js';
import { jammed, kyoceraPoll, silent, withTonerPercent } from './test-support/poll-results.js';

const levels = DEFAULT_SUPPLY_LEVELS;
const condition = (result: Parameters<typeof conditionOf>[0]): DeviceCondition => {
  const value = conditionOf(result, levels);
  if (!value) throw new Error('no condition');
  return value;
};

describe('supplyBand', () => {
  it('counts the configured levels a percentage is at or below', () => {
    expect([100, 21, 20, 15, 10, 9.5, 0].map((p) => supplyBand(p, [20, 10, 0]))).toEqual([
      0, 0, 1, 1, 2, 2, 3,
    ]);
    expect(supplyBand(5, [])).toBe(0);
  });
});

describe('conditionOf', () => {
  it('takes status, error bits, the alert table and supply bands from a full poll of a real walk', () => {
    const poll = kyoceraPoll();
    const seen = condition(poll);
    expect(seen.reachable).toBe(true);
    expect(['operating', 'other', 'unknown', null]).toContain(seen.printer);
    expect(seen.device).toBe(poll.status?.device);
    expect(seen.alerts).toHaveLength(poll.alerts.length);
    const toner = poll.supplies.find((s) => s.percent !== null)!;
    expect(seen.supplyBands[`${toner.index}|${toner.description}`]).toBe(
      supplyBand(toner.percent!, levels),
    );
  });

  it('is unreachable for an unanswered probe, and none for a poll that broke off', () => {
    expect(conditionOf(silent(), levels)).toMatchObject({ reachable: false, errors: [] });
    const broken = { ...kyoceraPoll(), error: { code: 'SNMP_TIMEOUT', message: 'x' } };
    expect(conditionOf(broken, levels)).toBeNull();
  });
});

describe('conditionChanges', () => {
  const base = condition(withTonerPercent(kyoceraPoll(), 50));

  it('sees no change on a first answer, but a first silence is one', () => {
    expect(conditionChanges(null, base)).toEqual([]);
    expect(conditionChanges(null, condition(silent()))).toEqual(['reachability']);
  });

  it('sees a jam as status, error and alert table changes, and its clearing as well', () => {
    const jam = condition(jammed(withTonerPercent(kyoceraPoll(), 50)));
    expect(conditionChanges(base, jam)).toEqual(['status', 'errors', 'alerts']);
    expect(conditionChanges(jam, base)).toEqual(['status', 'errors', 'alerts']);
    expect(conditionChanges(jam, jam)).toEqual([]);
  });

  it('sees no change when a printer only goes from idle to printing or warming up', () => {
    const as = (printer: 'idle' | 'printing' | 'warmup') => {
      const poll = kyoceraPoll();
      return condition({ ...poll, status: { ...poll.status!, printer } });
    };
    expect(conditionChanges(as('idle'), as('printing'))).toEqual([]);
    expect(conditionChanges(as('printing'), as('warmup'))).toEqual([]);
    expect(conditionChanges(as('idle'), condition(jammed(kyoceraPoll())))).toContain('status');
  });

  it('ignores an alert row that only moved to another index', () => {
    const poll = jammed(kyoceraPoll());
    const moved = {
      ...poll,
      alerts: poll.alerts.map((alert) => ({ ...alert, index: `${alert.index}0` })),
    };
    expect(conditionChanges(condition(poll), condition(moved))).toEqual([]);
  });

  it('sees a supply crossing a configured level either way, not a move within a band', () => {
    const at = (percent: number) => condition(withTonerPercent(kyoceraPoll(), percent));
    expect(conditionChanges(at(50), at(21))).toEqual([]);
    expect(conditionChanges(at(21), at(20))).toEqual(['supplyLevel']);
    expect(conditionChanges(at(12), at(11))).toEqual([]);
    expect(conditionChanges(at(11), at(0))).toEqual(['supplyLevel']);
    expect(conditionChanges(at(0), at(100))).toEqual(['supplyLevel']);
  });

  it('reports silence once and the return once', () => {
    const gone = condition(silent());
    expect(conditionChanges(base, gone)).toEqual(['reachability']);
    expect(conditionChanges(gone, gone)).toEqual([]);
    expect(conditionChanges(gone, base)).toEqual(['reachability']);
  });
});
