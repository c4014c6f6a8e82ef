import { desiredAlerts, sameCounters, supplyState, toCounterJson } from './ingest.mapping.js';

describe('ingest mapping', () => {
  it('stores canonical counters as they are and vendor extras under vendor:', () => {
    expect(toCounterJson({ total: 5000000123, mono: 48260, extra: { 'kyocera.printerBlackA3': 17 } })).toEqual({
      total: 5000000123,
      mono: 48260,
      'vendor:kyocera.printerBlackA3': 17,
    });
  });

  it('compares counter sets exactly', () => {
    expect(sameCounters({ total: 1, mono: 1 }, { mono: 1, total: 1 })).toBe(true);
    expect(sameCounters({ total: 1 }, { total: 1, mono: 0 })).toBe(false);
    expect(sameCounters({ total: 2 }, { total: 1 })).toBe(false);
    expect(sameCounters(null, {})).toBe(false);
  });

  it('turns status bits and alert-table rows into alert codes, one per code', () => {
    const alerts = desiredAlerts(['jammed', 'lowPaper'], [
      { index: '3', severity: 'warning', group: 'input', code: 'other', description: 'Paper low' },
      { index: '4', severity: 'critical', group: 'marker', code: 'markerTonerEmpty', description: 'Toner empty' },
      { index: '5', severity: 'critical', group: 'marker', code: 'markerTonerEmpty', description: 'again' },
    ]);
    expect(alerts.map((a) => [a.code, a.severity, a.source])).toEqual([
      ['JAM', 'CRITICAL', 'DEVICE_STATUS'],
      ['PAPER_LOW', 'INFO', 'DEVICE_STATUS'],
      ['PRT_INPUT_OTHER', 'WARNING', 'ALERT_TABLE'],
      ['PRT_MARKER_MARKER_TONER_EMPTY', 'CRITICAL', 'ALERT_TABLE'],
    ]);
    expect(supplyState({ state: 'someRemaining' } as never)).toBe('SOME_REMAINING');
  });
});
