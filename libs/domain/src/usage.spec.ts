import {
  countersToList,
  customerUsageTotals,
  usageBetween,
  type UsageDiscontinuity,
} from './usage.js';

const p = (value: number, iso: string) => ({ value, readAt: new Date(iso) });
const d = (
  partial: Omit<Partial<UsageDiscontinuity>, 'afterReadAt'> & { afterReadAt: string },
): UsageDiscontinuity => ({
  status: 'OPEN',
  beforeValue: 0,
  afterValue: 0,
  offset: null,
  ...partial,
  afterReadAt: new Date(partial.afterReadAt),
});

describe('usageBetween', () => {
  it('is the plain delta without discontinuities', () => {
    expect(usageBetween(p(1000, '2026-01-01'), p(1750, '2026-02-01'), [])).toEqual({
      delta: 750,
      flags: [],
    });
  });

  it('flags missing ends and gives no usage', () => {
    expect(usageBetween(null, p(5, '2026-02-01'), [])).toEqual({
      delta: null,
      flags: ['MISSING_START'],
    });
    expect(usageBetween(p(5, '2026-01-01'), null, [])).toEqual({
      delta: null,
      flags: ['MISSING_END'],
    });
    expect(usageBetween(null, null, [])).toEqual({
      delta: null,
      flags: ['MISSING_START', 'MISSING_END'],
    });
  });

  it('counts from a fallback start (first reading in the period) but flags it', () => {
    expect(
      usageBetween(p(100, '2026-01-10'), p(300, '2026-02-01'), [], { startIsFallback: true }),
    ).toEqual({ delta: 200, flags: ['MISSING_START'] });
  });

  it('withholds usage across an open rollback', () => {
    const open = d({
      status: 'OPEN',
      beforeValue: 1500,
      afterValue: 20,
      afterReadAt: '2026-01-15',
    });
    expect(usageBetween(p(1000, '2026-01-01'), p(220, '2026-02-01'), [open])).toEqual({
      delta: null,
      flags: ['ROLLBACK_OPEN'],
    });
  });

  it('withholds usage when the end is below the start with no discontinuity on record', () => {
    expect(usageBetween(p(1000, '2026-01-01'), p(10, '2026-02-01'), [])).toEqual({
      delta: null,
      flags: ['ROLLBACK_OPEN'],
    });
  });

  it('counts across an accepted reset: before part + offset + after part', () => {
    const accepted = d({
      status: 'ACCEPTED_RESET',
      beforeValue: 1500,
      afterValue: 20,
      offset: 35,
      afterReadAt: '2026-01-15',
    });
    // 1000→1500 on the old board (500), 35 across the swap, 20→220 on the new one (200).
    expect(usageBetween(p(1000, '2026-01-01'), p(220, '2026-02-01'), [accepted])).toEqual({
      delta: 735,
      flags: ['ROLLBACK_REVIEWED'],
    });
  });

  it('takes the new counter from zero when the offset is not given', () => {
    const accepted = d({
      status: 'ACCEPTED_RESET',
      beforeValue: 1500,
      afterValue: 20,
      offset: null,
      afterReadAt: '2026-01-15',
    });
    expect(usageBetween(p(1000, '2026-01-01'), p(220, '2026-02-01'), [accepted]).delta).toBe(
      500 + 20 + 200,
    );
  });

  it('handles two accepted resets in one period, in time order whatever the input order', () => {
    const second = d({
      status: 'ACCEPTED_RESET',
      beforeValue: 400,
      afterValue: 0,
      offset: 0,
      afterReadAt: '2026-01-20',
    });
    const first = d({
      status: 'ACCEPTED_RESET',
      beforeValue: 1200,
      afterValue: 100,
      offset: 10,
      afterReadAt: '2026-01-10',
    });
    // 1000→1200 (200) + 10 + 100→400 (300) + 0 + 0→50 (50)
    expect(usageBetween(p(1000, '2026-01-01'), p(50, '2026-02-01'), [second, first]).delta).toBe(
      560,
    );
  });

  it('ignores discontinuities outside the period', () => {
    const before = d({
      status: 'OPEN',
      beforeValue: 900,
      afterValue: 5,
      afterReadAt: '2025-12-20',
    });
    const atStart = d({
      status: 'OPEN',
      beforeValue: 900,
      afterValue: 5,
      afterReadAt: '2026-01-01',
    });
    const after = d({ status: 'OPEN', beforeValue: 900, afterValue: 5, afterReadAt: '2026-02-02' });
    expect(
      usageBetween(p(5, '2026-01-01'), p(105, '2026-02-01'), [before, atStart, after]),
    ).toEqual({ delta: 100, flags: [] });
  });

  it('a rejected reading only sets a flag (the caller skipped it)', () => {
    const rejected = d({
      status: 'REJECTED',
      beforeValue: 1200,
      afterValue: 3,
      afterReadAt: '2026-01-15',
    });
    expect(usageBetween(p(1000, '2026-01-01'), p(1400, '2026-02-01'), [rejected])).toEqual({
      delta: 400,
      flags: ['READING_REJECTED'],
    });
  });

  it('an open rollback next to an accepted one still withholds usage', () => {
    const accepted = d({
      status: 'ACCEPTED_RESET',
      beforeValue: 1200,
      afterValue: 0,
      offset: 0,
      afterReadAt: '2026-01-10',
    });
    const open = d({ status: 'OPEN', beforeValue: 300, afterValue: 1, afterReadAt: '2026-01-20' });
    expect(usageBetween(p(1000, '2026-01-01'), p(50, '2026-02-01'), [accepted, open])).toEqual({
      delta: null,
      flags: ['ROLLBACK_OPEN', 'ROLLBACK_REVIEWED'],
    });
  });

  it('gives no usage when the end reading is older than the start', () => {
    expect(usageBetween(p(10, '2026-02-01'), p(20, '2026-01-01'), []).delta).toBeNull();
  });
});

describe('countersToList', () => {
  const c = (counter: string, hasValue: boolean, reported: boolean) => ({
    counter,
    hasValue,
    reported,
  });
  const defaults = ['total', 'mono', 'color'];

  it('lists counters with a value or reported by the device, never a stray one', () => {
    const all = [c('color', false, false), c('mono', false, true), c('total', true, false)];
    expect(countersToList(all, defaults).map((x) => x.counter)).toEqual(['mono', 'total']);
  });

  it('a device never read shows the first default counter, not the first by name', () => {
    const all = [c('color', false, false), c('mono', false, false), c('total', false, false)];
    expect(countersToList(all, defaults).map((x) => x.counter)).toEqual(['total']);
  });
});

describe('customerUsageTotals', () => {
  it('sums known deltas per customer and counter, counting the devices it leaves out', () => {
    const totals = customerUsageTotals(
      [
        {
          customerId: 'b',
          customerName: 'Beta',
          counters: [
            { counter: 'mono', delta: 40 },
            { counter: 'total', delta: 100 },
          ],
        },
        { customerId: 'a', customerName: 'Acme', counters: [{ counter: 'total', delta: 7 }] },
        {
          customerId: 'b',
          customerName: 'Beta',
          counters: [
            { counter: 'total', delta: null },
            { counter: 'color', delta: 5 },
          ],
        },
      ],
      ['total', 'mono', 'color'],
    );
    expect(totals).toEqual([
      {
        customerId: 'a',
        customerName: 'Acme',
        devices: 1,
        counters: [{ counter: 'total', pages: 7, devices: 1, incompleteDevices: 0 }],
      },
      {
        customerId: 'b',
        customerName: 'Beta',
        devices: 2,
        counters: [
          { counter: 'total', pages: 100, devices: 2, incompleteDevices: 1 },
          { counter: 'mono', pages: 40, devices: 1, incompleteDevices: 0 },
          { counter: 'color', pages: 5, devices: 1, incompleteDevices: 0 },
        ],
      },
    ]);
    expect(customerUsageTotals([])).toEqual([]);
  });
});
