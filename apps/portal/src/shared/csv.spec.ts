// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

type Row = { device: string; serial: string | null; delta: number };
const columns = [
  { header: 'Device', value: (row: Row) => row.device },
  { header: 'Serial', value: (row: Row) => row.serial },
  { header: 'Pages', value: (row: Row) => row.delta },
];

describe('toCsv', () => {
  it('writes a header and CRLF-terminated rows', () => {
    expect(toCsv([{ device: 'MX-3071', serial: 'S1', delta: 1200 }], columns)).toBe(
      'Device,Serial,Pages\r\nMX-3071,S1,1200\r\n',
    );
  });

  it('quotes commas, quotes and line breaks', () => {
    const csv = toCsv([{ device: 'Hall, "left"\nfloor 2', serial: null, delta: 0 }], columns);
    expect(csv).toBe('Device,Serial,Pages\r\n"Hall, ""left""\nfloor 2",,0\r\n');
  });

  it('defuses text that a spreadsheet would run as a formula, but keeps numbers', () => {
    const csv = toCsv(
      [{ device: '=HYPERLINK("http://x")', serial: '@SUM(A1)', delta: -5 }],
      columns,
    );
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"")",'@SUM(A1),-5`);
  });
});
