import { CANONICAL_COUNTERS } from '@printbeat/domain';
import { counterDisplayName, unnamedCounterKeys } from './counter-names.js';

describe('counterDisplayName', () => {
  it('names every canonical counter', () => {
    for (const key of CANONICAL_COUNTERS)
      expect(counterDisplayName(key)).toEqual(expect.any(String));
    expect(counterDisplayName('color')).toBe('Colour');
  });

  it('names fixed vendor keys next to their decoder', () => {
    expect(counterDisplayName('kyocera.singleColor')).toBe('Single-colour pages');
    expect(counterDisplayName('hp.adfImagesScanned')).toBe('Scans (document feeder)');
    expect(counterDisplayName('brother.counter06')).toBe('Duplex unit pages');
    expect(counterDisplayName('printerMib.powerOnCount')).toBe('Pages since power-on');
  });

  it('names the key families built from what the device says', () => {
    expect(counterDisplayName('canon.counter112')).toBe('Canon counter 112');
    expect(counterDisplayName('ricoh.type999')).toBe('Ricoh counter type 999');
    expect(counterDisplayName('brother.counter07')).toBe('Brother counter 07');
    expect(counterDisplayName('lexmark.mpsCounter3')).toBe('Lexmark page counter 3');
    expect(counterDisplayName('sharp.blackAndWhiteScanToHddCount')).toBe(
      'Black and white scan to HDD count',
    );
    expect(counterDisplayName('printerMib.markerLifeCount.meters.1.2')).toBe(
      'Printed length (metres, marker 1.2)',
    );
    expect(counterDisplayName('printerMib.markerPowerOnCount.unit19.1')).toBe(
      'Printed length since power-on (unit 19, marker 1)',
    );
  });

  it('knows no key that no decoder makes', () => {
    expect(counterDisplayName('kyocera.somethingNew')).toBeNull();
    expect(counterDisplayName('constructor')).toBeNull();
    expect(counterDisplayName('canon.counter')).toBeNull();
    expect(unnamedCounterKeys({ total: 1, extra: { 'hp.jamCount': 2, 'hp.newMeter': 3 } })).toEqual(
      ['hp.newMeter'],
    );
  });
});
