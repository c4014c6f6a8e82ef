// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeClockOffset } from './agent-clock';

describe('describeClockOffset', () => {
  it('names the largest whole unit and the direction', () => {
    const year2100 =
      (Date.parse('2100-01-01T00:00:00Z') - Date.parse('2026-12-07T00:00:00Z')) / 1000;
    expect(describeClockOffset(year2100)).toBe('agent clock is 73 years ahead');
    expect(describeClockOffset(-3 * 86_400 - 5)).toBe('agent clock is 3 days behind');
    expect(describeClockOffset(3_600)).toBe('agent clock is 1 hour ahead');
    expect(describeClockOffset(-301)).toBe('agent clock is 5 minutes behind');
    expect(describeClockOffset(42)).toBe('agent clock is 42 seconds ahead');
    expect(describeClockOffset(0)).toBe('agent clock is 0 seconds ahead');
  });
});
