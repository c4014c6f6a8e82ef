// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  asCounterReading,
  chartedCounters,
  identityFieldLabel,
  periodFrom,
} from './device-history';

describe('device history', () => {
  it('starts a period the given number of days before now', () => {
    expect(periodFrom(new Date('2026-11-21T10:30:00Z'), 90)).toBe('2026-08-23T10:30:00.000Z');
  });

  it('charts only the billing counters some read actually has, total first', () => {
    const reads = [
      { readAt: '2026-11-01T00:00:00Z', counters: { mono: 10, 'vendor:copies': 3 } },
      { readAt: '2026-11-02T00:00:00Z', counters: { total: '12', mono: 12 } },
    ];
    expect(chartedCounters(reads)).toEqual(['total', 'mono']);
    expect(
      chartedCounters([{ readAt: '2026-11-01T00:00:00Z', counters: { color: null } }]),
    ).toEqual([]);
  });

  it('treats a read whose counters are not an object as a read without counters', () => {
    expect(asCounterReading({ readAt: 'x', counters: [1, 2] })).toEqual({
      readAt: 'x',
      counters: {},
    });
    expect(asCounterReading({ readAt: 'x', counters: null })).toEqual({
      readAt: 'x',
      counters: {},
    });
    expect(asCounterReading({ readAt: 'x', counters: { total: 5 } }).counters).toEqual({
      total: 5,
    });
  });

  it('names identity fields for people', () => {
    expect(identityFieldLabel('ipAddress')).toBe('IP address');
    expect(identityFieldLabel('macAddress')).toBe('MAC address');
    expect(identityFieldLabel('somethingNew')).toBe('somethingNew');
  });
});
