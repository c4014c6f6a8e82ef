import { counterDisagreements, counterSources } from './counter-sources.js';

describe('counter sources', () => {
  // TASKalfa 6052ci (printmaster walk): counter-page total 424,405, prtMarkerLifeCount 432,951.
  const kyocera = { total: 424_405, extra: { 'printerMib.lifeCount': 432_951 } };

  it('a kept prtMarkerLifeCount means the total came from the vendor, with both values', () => {
    expect(counterSources(kyocera)).toEqual({
      total: { source: 'vendor', alternatives: { 'printerMib.lifeCount': 432_951 } },
    });
    expect(counterSources({ total: 5_000, extra: {} })).toEqual({});
  });

  it('flags two sources of one meter further apart than the tolerance, with both values', () => {
    expect(counterDisagreements(kyocera)).toEqual([
      {
        meter: 'total',
        value: 424_405,
        source: 'vendor',
        alternativeSource: 'printerMib.lifeCount',
        alternativeValue: 432_951,
        differencePercent: 1.97,
      },
    ]);
    expect(counterDisagreements(kyocera, 2)).toEqual([]);
    expect(
      counterDisagreements({ total: 100_000, extra: { 'printerMib.lifeCount': 100_900 } }),
    ).toEqual([]);
  });

  it('never compares vendor counters that are other meters', () => {
    expect(
      counterDisagreements({
        total: 1_000,
        extra: { 'kyocera.singleColor': 10, 'brother.imageCount': 90_000, 'canon.counter112': 5 },
      }),
    ).toEqual([]);
  });
});
