import {
  ESTIMATED_READ_MAX_COUNTERS,
  estimatedReadPlacementRefusal,
  estimatedReadRefusal,
  type EstimatedReadInput,
} from './estimated-read.js';
import { usageBetween } from './usage.js';

const at = (iso: string) => new Date(iso);
const now = at('2026-02-01T00:00:00Z');
const known = new Set(['total', 'mono', 'vendor:kyocera.singleColor']);
const input = (over: Partial<EstimatedReadInput> = {}): EstimatedReadInput => ({
  readAt: at('2026-01-31T00:00:00Z'),
  counters: [{ name: 'total', value: 1500 }],
  reason: 'Customer read the panel',
  ...over,
});
const refusal = (over: Partial<EstimatedReadInput>, knownCounters: ReadonlySet<string> = known) =>
  estimatedReadRefusal(input(over), { now, knownCounters });

describe('estimatedReadRefusal', () => {
  it('accepts a past read of counters the device reports, with a reason', () => {
    expect(refusal({})).toBeNull();
    expect(
      refusal({ readAt: now, counters: [{ name: 'vendor:kyocera.singleColor', value: 0 }] }),
    ).toBeNull();
  });

  it('names the rule or the limit it refuses', () => {
    expect(refusal({ reason: '  ' })).toEqual({
      field: 'reason',
      message: 'A reason is required to enter an estimated read.',
    });
    expect(refusal({ reason: 'x'.repeat(1001) })?.message).toBe(
      'The reason is 1001 characters long; at most 1000 are allowed.',
    );
    expect(refusal({ readAt: at('2026-02-01T00:00:01Z') })?.message).toBe(
      'The read time 2026-02-01T00:00:01.000Z is in the future; an estimate is for a time that has passed.',
    );
    expect(refusal({ readAt: new Date(Number.NaN) })?.field).toBe('readAt');
    expect(refusal({}, new Set())?.message).toMatch(/has no meter read yet/);
    expect(refusal({ counters: [] })?.message).toBe('Enter at least one counter to estimate.');
    const many = Array.from({ length: ESTIMATED_READ_MAX_COUNTERS + 1 }, (_, i) => ({
      name: `c${i}`,
      value: i,
    }));
    expect(refusal({ counters: many })?.message).toBe(
      'The estimate has 51 counters; at most 50 are allowed.',
    );
    expect(refusal({ counters: [{ name: 'color', value: 5 }] })?.message).toBe(
      'The device never reported a counter named color; its counters are mono, total, vendor:kyocera.singleColor.',
    );
    expect(
      refusal({
        counters: [
          { name: 'total', value: 5 },
          { name: 'total', value: 6 },
        ],
      })?.message,
    ).toBe('The counter total is given twice; give each counter once.');
    for (const value of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1])
      expect(refusal({ counters: [{ name: 'total', value }] })?.message).toBe(
        'The estimated total must be a whole number from 0 to 9,007,199,254,740,991.',
      );
  });
});

describe('estimatedReadPlacementRefusal', () => {
  const ranges = new Map([
    [
      'total',
      {
        min: { value: 1000, readAt: at('2026-01-01T00:00:00Z') },
        max: { value: 2000, readAt: at('2026-02-10T00:00:00Z') },
      },
    ],
  ]);
  const place = (
    counters: EstimatedReadInput['counters'],
    around: Partial<Parameters<typeof estimatedReadPlacementRefusal>[1]> = {},
  ) =>
    estimatedReadPlacementRefusal(
      { readAt: at('2026-01-31T00:00:00Z'), counters },
      { existing: null, nearby: [], ranges, ...around },
    )?.message ?? null;

  it('accepts a value between the billed reads around it, ends included', () => {
    expect(place([{ name: 'total', value: 1000 }])).toBeNull();
    expect(place([{ name: 'total', value: 2000 }])).toBeNull();
    expect(place([{ name: 'mono', value: 5 }])).toBeNull();
  });

  it('refuses a counter that would go down, a taken time, a repeated read', () => {
    expect(place([{ name: 'total', value: 999 }])).toBe(
      'The estimated total must be at least 1,000, the counter at 2026-01-01T00:00:00.000Z.',
    );
    expect(place([{ name: 'total', value: 2001 }])).toBe(
      'The estimated total must be at most 2,000, the counter at 2026-02-10T00:00:00.000Z.',
    );
    expect(
      place([{ name: 'total', value: 1500 }], { existing: { readAt: at('2026-01-31T00:00:00Z') } }),
    ).toBe(
      'The device already has a read at 2026-01-31T00:00:00.000Z; an estimate needs a time of its own.',
    );
    expect(
      place([{ name: 'total', value: 1000 }], {
        nearby: [null, { readAt: at('2026-01-01T00:00:00Z'), counters: { total: 1000 } }],
      }),
    ).toBe(
      'The estimate repeats the read at 2026-01-01T00:00:00.000Z (same counters and values); billing uses that read already.',
    );
    expect(
      place([{ name: 'total', value: 2000 }], {
        nearby: [{ readAt: at('2026-02-10T00:00:00Z'), counters: { total: 2000 } }],
      }),
    ).toMatch(/^The estimate repeats the read at 2026-02-10T00:00:00.000Z/);
    // Fewer counters than the read before is a read of its own.
    expect(
      place([{ name: 'total', value: 1000 }], {
        nearby: [{ readAt: at('2026-01-01T00:00:00Z'), counters: { total: 1000, mono: 900 } }],
      }),
    ).toBeNull();
  });
});

describe('usageBetween with an estimated read', () => {
  const start = { value: 1000, readAt: at('2026-01-01T00:00:00Z') };
  const end = { value: 1500, readAt: at('2026-01-31T00:00:00Z') };

  it('shows an approved or corrected estimate used as an end, not one between the ends', () => {
    const estimate = (status: 'APPROVED' | 'CORRECTED', readAt = end.readAt) => ({
      reviews: [{ status, readAt, estimated: true }],
    });
    expect(usageBetween(start, end, [], estimate('APPROVED'))).toEqual({
      delta: 500,
      flags: ['READ_APPROVED', 'READ_ESTIMATED'],
    });
    expect(
      usageBetween(start, end, [], { ...estimate('CORRECTED'), endCorrected: true }).flags,
    ).toEqual(['READ_CORRECTED', 'READ_ESTIMATED']);
    expect(
      usageBetween(start, end, [], estimate('APPROVED', at('2026-01-15T00:00:00Z'))).flags,
    ).toEqual([]);
    // Waiting: skipped like any flagged read.
    expect(
      usageBetween(start, start, [], {
        reviews: [{ status: 'PENDING', readAt: end.readAt, estimated: true }],
      }).flags,
    ).toEqual(['READ_AWAITING_REVIEW']);
  });
});
