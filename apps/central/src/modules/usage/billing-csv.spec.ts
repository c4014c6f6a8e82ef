import type { DeviceUsage } from './usage.model.js';
import {
  BILLING_CSV_HEADER,
  billingCsvStart,
  billingRowLine,
  billingRows,
  csvField,
  customerTotalLines,
} from './billing-csv.js';

const device: DeviceUsage = {
  deviceId: 'd1',
  customerId: 'c1',
  customerName: 'ACME, Inc.',
  siteId: null,
  siteName: 'Zürich "HQ"',
  serialNumber: 'SN1',
  manufacturer: 'Kyocera',
  model: '=TASKalfa',
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
      end: { value: 7, readAt: new Date('2026-01-20T00:00:00Z') },
      delta: null,
      flags: ['MISSING_START', 'ROLLBACK_OPEN'],
    },
  ],
};

const columnsOf = (line: string) => line.replace(/\r\n$/, '').split(',');

describe('csvField', () => {
  it('quotes separators, quotes and newlines', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12345)).toBe('12345');
  });

  it('defuses spreadsheet formulas in text, not in numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('-12')).toBe("'-12");
    expect(csvField(-12)).toBe('-12');
  });
});

describe('billingCsvStart', () => {
  it('writes the documented header, with a UTF-8 BOM only when asked', () => {
    const plain = billingCsvStart({ bom: false });
    expect(plain).toBe(
      'row_type,customer_id,customer_name,contract_reference,equipment_id,device_id,serial_number,' +
        'manufacturer,model,site,meter,start_read_at,start_value,end_read_at,end_value,delta,flags,' +
        'device_count,incomplete_devices\r\n',
    );
    const withBom = billingCsvStart({ bom: true });
    expect(withBom).toBe(`\uFEFF${plain}`);
    expect([...Buffer.from(withBom, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('billing rows', () => {
  it('gives one row per billed meter, empty contract/equipment columns when unknown', () => {
    const rows = billingRows(device, { contractReference: null, equipmentId: null });
    expect(rows.map((row) => row.meter)).toEqual(['total', 'color']);
    expect(rows.map(billingRowLine).join('')).toBe(
      'DEVICE,c1,"ACME, Inc.",,,d1,SN1,Kyocera,\'=TASKalfa,"Zürich ""HQ""",total,' +
        '2026-01-01T00:00:00.000Z,100,2026-02-01T00:00:00.000Z,250,150,,,\r\n' +
        'DEVICE,c1,"ACME, Inc.",,,d1,SN1,Kyocera,\'=TASKalfa,"Zürich ""HQ""",color,' +
        ',,2026-01-20T00:00:00.000Z,7,,MISSING_START ROLLBACK_OPEN,,\r\n',
    );
  });

  it('fills contract and equipment IDs where the device has them', () => {
    const [row] = billingRows(device, { contractReference: 'K-7', equipmentId: 'EQ,12' });
    const line = billingRowLine(row!);
    expect(line.startsWith('DEVICE,c1,"ACME, Inc.",K-7,"EQ,12",d1,')).toBe(true);
  });

  it('has as many columns in every row as in the header', () => {
    const simple = { ...device, customerName: 'Acme', siteName: 'HQ', model: 'M' };
    const header = columnsOf(billingCsvStart({ bom: false }));
    expect(header).toEqual([...BILLING_CSV_HEADER]);
    for (const row of billingRows(simple, { contractReference: null, equipmentId: null }))
      expect(columnsOf(billingRowLine(row))).toHaveLength(header.length);
    const totals = customerTotalLines([
      {
        customerId: 'c1',
        customerName: 'Acme',
        devices: 3,
        counters: [{ counter: 'total', pages: 900, devices: 3, incompleteDevices: 1 }],
      },
    ]);
    expect(columnsOf(totals)).toHaveLength(header.length);
    expect(totals).toBe('CUSTOMER_TOTAL,c1,Acme,,,,,,,,total,,,,,900,INCOMPLETE,3,1\r\n');
  });
});
