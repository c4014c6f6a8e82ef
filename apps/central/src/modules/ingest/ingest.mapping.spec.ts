import { toCounterJson } from './ingest.mapping.js';

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
});
