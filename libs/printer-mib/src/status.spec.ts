import { decodeErrorState, encodeErrorState, ERROR_BITS } from './status.js';
import { decodeSnapshot } from './snapshot.js';
import type { VarBind } from './types.js';

describe('hrPrinterDetectedErrorState', () => {
  it('reads bit 0 as the most significant bit of the first byte', () => {
    expect(decodeErrorState(new Uint8Array([0x80]))).toEqual(['lowPaper']);
    expect(decodeErrorState(new Uint8Array([0x20, 0x00]))).toEqual(['lowToner']);
    expect(decodeErrorState(new Uint8Array([0x04]))).toEqual(['jammed']);
    expect(decodeErrorState(new Uint8Array([0x01, 0x00]))).toEqual(['serviceRequested']);
    expect(decodeErrorState(new Uint8Array([0x00, 0x80]))).toEqual(['inputTrayMissing']);
    expect(decodeErrorState(new Uint8Array([0x00, 0x02]))).toEqual([
      'overduePreventiveMaintenance',
    ]);
  });

  it('decodes several bits, ignores bits past the defined ones and empty values', () => {
    expect(decodeErrorState(new Uint8Array([0x4c, 0x0a]))).toEqual([
      'noPaper',
      'doorOpen',
      'jammed',
      'outputFull',
      'overduePreventiveMaintenance',
    ]);
    expect(decodeErrorState(new Uint8Array([0x00, 0x01, 0xff]))).toEqual([]);
    expect(decodeErrorState(new Uint8Array([]))).toEqual([]);
    expect(decodeErrorState(null)).toEqual([]);
  });

  it('round-trips every error through encodeErrorState', () => {
    for (const error of ERROR_BITS)
      expect(decodeErrorState(encodeErrorState([error]))).toEqual([error]);
    expect(decodeErrorState(encodeErrorState(['jammed', 'noToner', 'doorOpen']))).toEqual([
      'noToner',
      'doorOpen',
      'jammed',
    ]);
  });
});

describe('status, alerts and console decoding', () => {
  const int = (oid: string, value: number): VarBind => ({ oid, type: 'Integer', value });
  const str = (oid: string, value: string): VarBind => ({
    oid,
    type: 'OctetString',
    value: new TextEncoder().encode(value),
  });

  it('uses the hrDevicePrinter row and names RFC 3805 alert codes', () => {
    const snapshot = decodeSnapshot([
      { oid: '1.3.6.1.2.1.25.3.2.1.2.1', type: 'ObjectIdentifier', value: '1.3.6.1.2.1.25.3.1.3' },
      { oid: '1.3.6.1.2.1.25.3.2.1.2.2', type: 'ObjectIdentifier', value: '1.3.6.1.2.1.25.3.1.5' },
      int('1.3.6.1.2.1.25.3.2.1.5.2', 5),
      int('1.3.6.1.2.1.25.3.5.1.1.2', 1),
      { oid: '1.3.6.1.2.1.25.3.5.1.2.2', type: 'OctetString', value: new Uint8Array([0x0c]) },
      int('1.3.6.1.2.1.43.18.1.1.2.1.7', 3),
      int('1.3.6.1.2.1.43.18.1.1.4.1.7', 13),
      int('1.3.6.1.2.1.43.18.1.1.7.1.7', 8),
      str('1.3.6.1.2.1.43.18.1.1.8.1.7', 'Paper jam in tray 2'),
      int('1.3.6.1.2.1.43.18.1.1.2.1.8', 4),
      int('1.3.6.1.2.1.43.18.1.1.4.1.8', 6),
      int('1.3.6.1.2.1.43.18.1.1.7.1.8', 501),
      str('1.3.6.1.2.1.43.16.5.1.2.1.1', 'Paper jam'),
      str('1.3.6.1.2.1.43.16.5.1.2.1.2', ''),
      str('1.3.6.1.2.1.43.16.5.1.2.1.3', 'Open tray 2'),
    ]);
    expect(snapshot.status).toEqual({
      printer: 'other',
      device: 'down',
      errors: ['doorOpen', 'jammed'],
    });
    expect(snapshot.alerts).toEqual([
      {
        index: '1.7',
        severity: 'critical',
        group: 'mediaPath',
        code: 'jam',
        description: 'Paper jam in tray 2',
      },
      { index: '1.8', severity: 'warning', group: 'cover', code: 'doorOpen', description: '' },
    ]);
    expect(snapshot.console).toBe('Paper jam\nOpen tray 2');
  });
});
