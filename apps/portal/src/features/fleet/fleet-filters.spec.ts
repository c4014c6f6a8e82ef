// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isDeviceStatus, modelOptions, statusBadgeClass, statusLabel } from './fleet-filters';

const models = [
  { manufacturer: 'HP', model: 'LaserJet M479', count: 2 },
  { manufacturer: 'Kyocera', model: 'TASKalfa 2553ci', count: 3 },
  { manufacturer: 'Kyocera', model: 'ECOSYS M2540dn', count: 1 },
  { manufacturer: 'Generic', model: 'LaserJet M479', count: 1 },
  { manufacturer: 'Kyocera', model: null, count: 4 },
];

describe('fleet filters', () => {
  it('offers the models of the chosen manufacturer, ignoring case, sorted', () => {
    expect(modelOptions(models, 'kyocera')).toEqual([
      { model: 'ECOSYS M2540dn', count: 1 },
      { model: 'TASKalfa 2553ci', count: 3 },
    ]);
  });

  it('offers every model once without a manufacturer, counting devices together', () => {
    expect(modelOptions(models, '')).toEqual([
      { model: 'ECOSYS M2540dn', count: 1 },
      { model: 'LaserJet M479', count: 3 },
      { model: 'TASKalfa 2553ci', count: 3 },
    ]);
  });

  it('labels statuses and accepts only known ones from a select', () => {
    expect(statusLabel('NOT_SEEN_RECENTLY')).toBe('Not seen recently');
    expect(statusBadgeClass('ERROR')).toBe('badge badge--danger');
    expect(statusBadgeClass('OK')).toBe('badge badge--ok');
    expect(isDeviceStatus('OFFLINE')).toBe(true);
    expect(isDeviceStatus('BROKEN')).toBe(false);
  });
});
