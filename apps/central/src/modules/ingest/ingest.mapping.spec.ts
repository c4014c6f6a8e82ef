import { supplyKey, supplyState, toCounterJson } from './ingest.mapping.js';

describe('ingest mapping', () => {
  it('stores canonical counters as they are and vendor extras under vendor:', () => {
    expect(
      toCounterJson({ total: 5000000123, mono: 48260, extra: { 'kyocera.printerBlackA3': 17 } }),
    ).toEqual({
      total: 5000000123,
      mono: 48260,
      'vendor:kyocera.printerBlackA3': 17,
    });
  });

  it('keys supplies by index and description, and names their states', () => {
    expect(supplyKey({ index: '1.1', description: 'TK-3160' } as never)).toBe('1.1|TK-3160');
    expect(supplyState({ state: 'someRemaining' } as never)).toBe('SOME_REMAINING');
    expect(supplyState({ state: 'ok' } as never)).toBe('OK');
  });
});
