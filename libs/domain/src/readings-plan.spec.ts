import { planReadings, type DeviceReadings, type TimelineRead } from './readings-plan.js';

const device = { id: 'dev-1', tenantId: 't', customerId: 'c' };
const at = (hh: string) => new Date(`2026-05-01T${hh}:00:00.000Z`);
const stored = (
  id: string,
  hh: string,
  total: number,
  lastSeen = hh,
  rejected: TimelineRead['rejected'] = [],
): TimelineRead => ({
  id,
  deviceId: device.id,
  readAt: at(hh),
  lastSeenAt: at(lastSeen),
  counters: { total },
  rejected,
});
const batch = (...readings: [string, number][]): DeviceReadings[] => [
  {
    device,
    readings: readings.map(([hh, total]) => ({
      readAt: at(hh),
      counters: { total },
      uploadId: 'u',
    })),
  },
];
let n = 0;
const ids = () => `new-${++n}`;

/** `planReadings`: an upload's readings decided in memory against the stored timeline. */
describe('planReadings', () => {
  beforeEach(() => {
    n = 0;
  });

  it('identical readings advance the last read; a drop stores the reading and opens a discontinuity', () => {
    const plan = planReadings(
      batch(['11', 100], ['12', 100], ['13', 40]),
      [stored('r10', '10', 100)],
      ids,
    );
    expect(plan.advances).toEqual([{ id: 'r10', at: at('12') }]);
    expect(plan.inserts.map((row) => [row.id, row.readAt, row.lastSeenAt, row.counters])).toEqual([
      ['new-1', at('13'), at('13'), { total: 40 }],
    ]);
    expect(plan.discontinuities).toEqual([
      {
        device,
        before: { id: 'r10', readAt: at('10') },
        after: { id: 'new-1', readAt: at('13') },
        rollbacks: [{ counter: 'total', before: 100, after: 40 }],
      },
    ]);
  });

  it('a late reading goes between its neighbours and is compared with both', () => {
    // Stored 10:00 = 100 and 14:00 = 300; a late 12:00 = 500 is above the later one.
    const plan = planReadings(
      batch(['12', 500]),
      [stored('r10', '10', 100), stored('r14', '14', 300)],
      ids,
    );
    expect(plan.inserts.map((row) => row.readAt)).toEqual([at('12')]);
    expect(plan.discontinuities.map((d) => [d.before.id, d.after.id, d.rollbacks])).toEqual([
      ['new-1', 'r14', [{ counter: 'total', before: 500, after: 300 }]],
    ]);
  });

  it('a repeat of an existing instant with other values is a conflict; a new row seen again only extends its lastSeenAt', () => {
    const plan = planReadings(
      batch(['10', 999], ['11', 150], ['12', 150]),
      [stored('r10', '10', 100)],
      ids,
    );
    expect(plan.inserts.map((row) => [row.readAt, row.lastSeenAt, row.counters])).toEqual([
      [at('11'), at('12'), { total: 150 }],
    ]);
    expect(plan.advances).toEqual([]);
    expect(plan.discontinuities).toEqual([]);
  });

  it('a value a reviewer rejected is not the baseline', () => {
    // 10:00 was rejected for total (the good value before it was 100): 90 is a drop from 100.
    const plan = planReadings(
      batch(['11', 90]),
      [stored('r10', '10', 5, '10', [{ counter: 'total', beforeValue: 100 }])],
      ids,
    );
    expect(plan.discontinuities.map((d) => d.rollbacks)).toEqual([
      [{ counter: 'total', before: 100, after: 90 }],
    ]);
  });
});
