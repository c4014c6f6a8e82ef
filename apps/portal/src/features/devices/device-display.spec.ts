// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  counterEntries,
  counterLabel,
  counterValue,
  deviceName,
  isMarkingSupply,
  meaningfulHostname,
  supplyLabel,
} from './device-display';

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

  it('names counters as people say them, vendor extras included', () => {
    expect(counterLabel('color')).toBe('Colour');
    expect(counterLabel('vendor:kyocera.singleColor')).toBe('Single-colour pages');
    expect(counterLabel('vendor:hp.adfImagesScanned')).toBe('Scans (document feeder)');
    expect(counterLabel('vendor:canon.counter112')).toBe('Canon counter 112');
    expect(counterLabel('vendor:acme.unheardOf')).toBe('acme.unheardOf');
  });

  it('orders vendor extras by their names', () => {
    expect(
      counterEntries({
        'vendor:kyocera.singleColor': 1,
        'vendor:kyocera.copyScans': 2,
        total: 3,
      }).map(([n]) => counterLabel(n)),
    ).toEqual(['Total', 'Scans (copy)', 'Single-colour pages']);
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

describe('deviceName', () => {
  const device = {
    id: '3f2a9c1e-0000-4000-8000-000000000001',
    hostname: null,
    ipAddress: '127.0.0.7',
    model: 'ECOSYS M2540dn',
    serialNumber: null,
  };

  it('prefers the name a person gave it', () => {
    expect(deviceName({ ...device, hostname: 'printer-2f', displayName: 'Reception MFP' })).toBe(
      'Reception MFP',
    );
    expect(deviceName({ ...device, hostname: 'printer-2f', displayName: null })).toBe('printer-2f');
  });

  it('uses a real host name', () => {
    expect(deviceName({ ...device, hostname: 'printer-2f' })).toBe('printer-2f');
  });

  it('a placeholder or empty host name never hides the model', () => {
    for (const hostname of ['<private>', '', '   ', null]) {
      expect(deviceName({ ...device, hostname })).toBe('ECOSYS M2540dn · 127.0.0.7');
    }
    expect(meaningfulHostname('<private>')).toBeNull();
  });

  it('a device without a serial shows its model or IP, not an id fragment', () => {
    expect(deviceName({ ...device, ipAddress: null })).toBe('ECOSYS M2540dn');
    expect(deviceName({ ...device, model: null })).toBe('127.0.0.7');
  });

  it('falls back to the serial, and only then to an id fragment', () => {
    const bare = { ...device, ipAddress: null, model: null };
    expect(deviceName({ ...bare, serialNumber: 'VCF9X01234' })).toBe('VCF9X01234');
    expect(deviceName(bare)).toBe('3f2a9c1e');
  });
});
