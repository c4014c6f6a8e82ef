// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { counterEntries, counterValue, isMarkingSupply, supplyLabel } from './device-display';

describe('device display helpers', () => {
  it('reads counters from the JSON of a meter read', () => {
    expect(counterValue({ total: 120_345, mono: '100000' }, 'total')).toBe(120_345);
    expect(counterValue({ total: 120_345, mono: '100000' }, 'mono')).toBe(100_000);
    expect(counterValue({ total: 'n/a' }, 'total')).toBeNull();
    expect(counterValue(null, 'total')).toBeNull();
  });

  it('lists canonical counters first, vendor extras after', () => {
    expect(
      counterEntries({ 'vendor:kyocera.a3': 5, color: 20, total: 100, mono: 80 }).map(([n]) => n),
    ).toEqual(['total', 'mono', 'color', 'vendor:kyocera.a3']);
  });

  it('shows toner and ink as bars, not drums or waste boxes', () => {
    const base = { description: null, color: 'black', percent: 50, state: 'OK' };
    expect(isMarkingSupply({ ...base, type: 'toner' })).toBe(true);
    expect(isMarkingSupply({ ...base, type: 'inkCartridge' })).toBe(true);
    expect(isMarkingSupply({ ...base, type: 'opc' })).toBe(false);
    expect(isMarkingSupply({ ...base, type: 'wasteToner' })).toBe(false);
    expect(isMarkingSupply({ ...base, type: null, description: 'Cyan Toner' })).toBe(true);
    expect(supplyLabel({ ...base, type: 'toner' })).toBe('black toner');
  });
});
