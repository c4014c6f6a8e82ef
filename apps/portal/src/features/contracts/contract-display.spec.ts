import { describe, expect, it } from 'vitest';
import { dayToIso, meterText, parseAllowances, parseMeters } from './contract-display';

describe('contract display', () => {
  it('lists a meter in the billed order, then the rest', () => {
    expect(meterText({ color: 340, mono: 760, extra: 1 }, ['mono', 'color'])).toMatch(
      /^mono 760 · color 340 · extra 1$/,
    );
    expect(meterText(null, ['total'])).toBe('—');
    expect(meterText({}, ['total'])).toBe('—');
  });

  it('reads billed meters separated by commas or spaces, once each', () => {
    expect(parseMeters(' total, mono  color,,mono ')).toEqual(['total', 'mono', 'color']);
    expect(parseMeters('')).toEqual([]);
  });

  it('turns a date input into the start of that day in UTC, and nothing else', () => {
    expect(dayToIso('2026-12-01')).toBe('2026-12-01T00:00:00.000Z');
    expect(dayToIso('')).toBeNull();
    expect(dayToIso('1.12.2026')).toBeNull();
  });

  it('reads allowances as meter and pages, refusing anything else', () => {
    expect(parseAllowances('mono=5000, color 1000;scanTotal: 20')).toEqual([
      { meter: 'mono', pages: 5000 },
      { meter: 'color', pages: 1000 },
      { meter: 'scanTotal', pages: 20 },
    ]);
    expect(parseAllowances('')).toEqual([]);
    expect(parseAllowances('mono=many')).toBeNull();
    expect(parseAllowances('=cmd 5')).toBeNull();
  });
});
