import { decodePrinterAlertNotification, printerAlertVarBinds } from './alert-notification.js';
import { PRINTER_V2_ALERT, SYS_UPTIME } from './oids.js';
import type { VarBind } from './types.js';

const jam = printerAlertVarBinds({
  hrDeviceIndex: 1,
  alertIndex: 7,
  severityLevel: 3,
  group: 13,
  groupIndex: 1,
  location: -1,
  code: 8,
});

describe('decodePrinterAlertNotification (RFC 3805 printerV2Alert)', () => {
  it('binds the six alert columns of one row in RFC 3805 order', () => {
    expect(jam.map((v) => v.oid)).toEqual([
      '1.3.6.1.2.1.43.18.1.1.1.1.7',
      '1.3.6.1.2.1.43.18.1.1.2.1.7',
      '1.3.6.1.2.1.43.18.1.1.4.1.7',
      '1.3.6.1.2.1.43.18.1.1.5.1.7',
      '1.3.6.1.2.1.43.18.1.1.6.1.7',
      '1.3.6.1.2.1.43.18.1.1.7.1.7',
    ]);
  });

  it('names severity, group and code of a jam', () => {
    const uptime: VarBind = { oid: SYS_UPTIME, type: 'TimeTicks', value: 100 };
    expect(decodePrinterAlertNotification(PRINTER_V2_ALERT, [uptime, ...jam])).toEqual({
      hrDeviceIndex: 1,
      alertIndex: 7,
      severity: 'critical',
      group: 'mediaPath',
      groupIndex: 1,
      location: -1,
      code: 'jam',
    });
  });

  it('reads the row from the columns when prtAlertIndex is not bound', () => {
    const withoutIndex = jam.slice(1);
    expect(decodePrinterAlertNotification(PRINTER_V2_ALERT, withoutIndex)?.alertIndex).toBe(7);
  });

  it('is null for another notification or a row without severity and code', () => {
    expect(decodePrinterAlertNotification('1.3.6.1.6.3.1.1.5.3', jam)).toBeNull();
    expect(decodePrinterAlertNotification(PRINTER_V2_ALERT, jam.slice(0, 1))).toBeNull();
    expect(decodePrinterAlertNotification(PRINTER_V2_ALERT, [])).toBeNull();
  });

  it('ignores alert-column bindings whose instance is not hrDeviceIndex.prtAlertIndex', () => {
    const odd: VarBind = { oid: '1.3.6.1.2.1.43.18.1.1.2.1', type: 'Integer', value: 3 };
    expect(decodePrinterAlertNotification(PRINTER_V2_ALERT, [odd, ...jam])?.alertIndex).toBe(7);
  });
});
