import { csvField, deviceUsageLines } from './meter-csv.js';

describe('csvField', () => {
  it('quotes separators, quotes and newlines', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12345)).toBe('12345');
  });
  it('defuses spreadsheet formulas in text, not in numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-12')).toBe("'-12");
    expect(csvField(-12)).toBe('-12');
  });
});

describe('deviceUsageLines', () => {
  it('writes one line per counter', () => {
    const lines = deviceUsageLines({
      deviceId: 'd1',
      customerId: 'c1',
      customerName: 'ACME, Inc.',
      siteId: null,
      siteName: null,
      serialNumber: 'SN1',
      manufacturer: 'Kyocera',
      model: 'TASKalfa',
      counters: [
        {
          counter: 'total',
          start: { value: 100, readAt: new Date('2026-01-01T00:00:00Z') },
          end: { value: 250, readAt: new Date('2026-02-01T00:00:00Z') },
          delta: 150,
          flags: [],
        },
        {
          counter: 'color',
          start: null,
          end: null,
          delta: null,
          flags: ['MISSING_START', 'MISSING_END'],
        },
      ],
    });
    expect(lines).toBe(
      'd1,SN1,Kyocera,TASKalfa,"ACME, Inc.",,total,100,2026-01-01T00:00:00.000Z,250,2026-02-01T00:00:00.000Z,150,\r\n' +
        'd1,SN1,Kyocera,TASKalfa,"ACME, Inc.",,color,,,,,,MISSING_START MISSING_END\r\n',
    );
  });
});
