import {
  newSourceDisagreements,
  readReviewRefusal as refusalOf,
  sourcedCounters,
} from './read-review.js';
import { usageBetween } from './usage.js';

const at = (iso: string) => new Date(iso);
const range = {
  min: { value: 1000, readAt: at('2026-01-01T00:00:00Z') },
  max: { value: 2000, readAt: at('2026-01-31T00:00:00Z') },
};
const open = { min: null, max: null };
const readReviewRefusal = (...args: Parameters<typeof refusalOf>) =>
  refusalOf(...args)?.message ?? null;

describe('readReviewRefusal', () => {
  it('names the field at fault', () => {
    expect(refusalOf('EXCLUDE', { correctedValue: null, reason: null }, open)?.field).toBe(
      'reason',
    );
    expect(refusalOf('CORRECT', { correctedValue: -1, reason: 'x' }, open)?.field).toBe(
      'correctedValue',
    );
  });

  it('accepts an approval without a reason and a correction within the range', () => {
    expect(readReviewRefusal('APPROVE', { correctedValue: null, reason: null }, open)).toBeNull();
    expect(readReviewRefusal('CORRECT', { correctedValue: 1000, reason: 'x' }, range)).toBeNull();
    expect(readReviewRefusal('CORRECT', { correctedValue: 2000, reason: 'x' }, range)).toBeNull();
    expect(readReviewRefusal('EXCLUDE', { correctedValue: null, reason: 'bad' }, open)).toBeNull();
  });

  it('requires a reason to correct or exclude', () => {
    expect(readReviewRefusal('EXCLUDE', { correctedValue: null, reason: ' ' }, open)).toBe(
      'A reason is required to exclude a read.',
    );
    expect(readReviewRefusal('CORRECT', { correctedValue: 1500, reason: null }, range)).toBe(
      'A reason is required to correct a read.',
    );
    expect(
      readReviewRefusal('EXCLUDE', { correctedValue: null, reason: 'x'.repeat(1001) }, open),
    ).toBe('The reason is 1001 characters long; at most 1000 are allowed.');
  });

  it('names the limit a corrected value breaks', () => {
    expect(readReviewRefusal('CORRECT', { correctedValue: 999, reason: 'x' }, range)).toBe(
      'The corrected value must be at least 1,000, the counter at 2026-01-01T00:00:00.000Z.',
    );
    expect(readReviewRefusal('CORRECT', { correctedValue: 2001, reason: 'x' }, range)).toBe(
      'The corrected value must be at most 2,000, the counter at 2026-01-31T00:00:00.000Z.',
    );
    for (const value of [-1, 1.5, Number.MAX_SAFE_INTEGER + 2])
      expect(readReviewRefusal('CORRECT', { correctedValue: value, reason: 'x' }, open)).toBe(
        'The corrected value must be a whole number from 0 to 9,007,199,254,740,991.',
      );
    expect(readReviewRefusal('CORRECT', { correctedValue: null, reason: 'x' }, open)).toBe(
      'A corrected value is required to correct a read.',
    );
    expect(readReviewRefusal('APPROVE', { correctedValue: 5, reason: null }, open)).toBe(
      'A corrected value is only given to correct a read.',
    );
  });

  it('says when no value fits (a real reset: approve or exclude instead)', () => {
    const reset = {
      min: { value: 1000, readAt: at('2026-01-01T00:00:00Z') },
      max: { value: 10, readAt: at('2026-01-31T00:00:00Z') },
    };
    expect(readReviewRefusal('CORRECT', { correctedValue: 500, reason: 'x' }, reset)).toMatch(
      /^No value fits between the read before \(1,000 at .*\) and the read after \(10 at .*\): approve the read as a counter reset or exclude it\.$/,
    );
  });
});

describe('newSourceDisagreements', () => {
  const life = 'vendor:printerMib.lifeCount';

  it('flags the read where two sources start to disagree, not the reads after it', () => {
    const agree = { total: 1000, [life]: 1000 };
    const apart = { total: 1500, [life]: 1400 };
    expect(newSourceDisagreements(agree, apart, 1)).toEqual([
      expect.objectContaining({ meter: 'total', value: 1500, alternativeValue: 1400 }),
    ]);
    expect(newSourceDisagreements(apart, { total: 2000, [life]: 1900 }, 1)).toEqual([]);
    expect(newSourceDisagreements(null, apart, 1)).toHaveLength(1);
    expect(newSourceDisagreements(agree, { total: 1010, [life]: 1005 }, 1)).toEqual([]);
  });

  it('reads stored counters back into the upload shape', () => {
    expect(sourcedCounters({ total: 5, [life]: 4, mono: 3 })).toEqual({
      total: 5,
      mono: 3,
      extra: { 'printerMib.lifeCount': 4 },
    });
  });
});

describe('usageBetween with reviewed reads', () => {
  const start = { value: 1000, readAt: at('2026-01-01T00:00:00Z') };
  const end = { value: 1400, readAt: at('2026-01-15T00:00:00Z') };

  it('marks a corrected end, an excluded or waiting read after the start, an approved end', () => {
    expect(usageBetween(start, end, [], { endCorrected: true })).toEqual({
      delta: 400,
      flags: ['READ_CORRECTED'],
    });
    expect(
      usageBetween(start, start, [], {
        reviews: [{ status: 'EXCLUDED', readAt: at('2026-01-10T00:00:00Z') }],
      }).flags,
    ).toEqual(['READ_EXCLUDED']);
    expect(
      usageBetween(start, start, [], {
        reviews: [{ status: 'PENDING', readAt: at('2026-01-10T00:00:00Z') }],
      }).flags,
    ).toEqual(['READ_AWAITING_REVIEW']);
    expect(
      usageBetween(start, end, [], { reviews: [{ status: 'APPROVED', readAt: end.readAt }] }).flags,
    ).toEqual(['READ_APPROVED']);
  });

  it('ignores reviews before the start and approvals between the ends', () => {
    expect(
      usageBetween(start, end, [], {
        reviews: [
          { status: 'EXCLUDED', readAt: at('2025-12-20T00:00:00Z') },
          { status: 'APPROVED', readAt: at('2026-01-05T00:00:00Z') },
        ],
      }),
    ).toEqual({ delta: 400, flags: [] });
  });

  it('a corrected counter drop no longer withholds usage', () => {
    const drop = {
      status: 'CORRECTED' as const,
      beforeValue: 1000,
      afterValue: 7,
      offset: null,
      afterReadAt: end.readAt,
    };
    expect(usageBetween(start, { ...end, value: 1207 }, [drop], { endCorrected: true })).toEqual({
      delta: 207,
      flags: ['READ_CORRECTED'],
    });
  });
});

describe('usageBetween with a reviewed counter drop', () => {
  const start = { value: 1000, readAt: at('2026-01-01T00:00:00Z') };

  it('keeps the drop flags: a rejected drop read skipped as the end is READING_REJECTED', () => {
    expect(
      usageBetween(start, start, [], {
        reviews: [{ status: 'EXCLUDED', readAt: at('2026-01-10T00:00:00Z'), drop: true }],
      }).flags,
    ).toEqual(['READING_REJECTED']);
    expect(
      usageBetween(start, start, [], {
        reviews: [{ status: 'APPROVED', readAt: start.readAt, drop: true }],
      }).flags,
    ).toEqual([]);
  });
});
