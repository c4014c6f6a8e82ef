import { oids, printerAlertVarBinds } from '@printbeat/printer-mib';
import { decodeTrap, PDU_TAG, TrapDecodeError, v1NotificationOid } from './decoded-trap.js';

// net-snmp's raw bindings: BER tag and value (TimeTicks 67, OID 6, INTEGER 2).
const alert = printerAlertVarBinds({
  hrDeviceIndex: 1,
  alertIndex: 4,
  severityLevel: 3,
  group: 11,
  groupIndex: 1,
  location: -2,
  code: 1101,
}).map((v) => ({ oid: v.oid, type: 2, value: v.value }));

describe('decodeTrap', () => {
  it('reads an SNMPv2c printerV2Alert (RFC 3805) and its alert row', () => {
    const trap = decodeTrap({
      type: PDU_TAG.trapV2,
      varbinds: [
        { oid: oids.SYS_UPTIME, type: 67, value: 4200 },
        { oid: oids.SNMP_TRAP_OID, type: 6, value: oids.PRINTER_V2_ALERT },
        ...alert,
      ],
    });
    expect(trap).toMatchObject({
      version: '2c',
      kind: 'trap',
      notificationOid: '1.3.6.1.2.1.43.18.2.0.1',
      upTimeTicks: 4200,
      printerAlert: { severity: 'critical', group: 'markerSupplies', code: 'markerTonerEmpty' },
    });
    expect(trap.varbinds).toHaveLength(6);
  });

  it('reads an SNMPv3 inform as version 3', () => {
    const trap = decodeTrap({
      type: PDU_TAG.inform,
      user: 'ops',
      varbinds: [
        { oid: oids.SYS_UPTIME, type: 67, value: 1 },
        { oid: oids.SNMP_TRAP_OID, type: 6, value: '1.3.6.1.6.3.1.1.5.1' },
      ],
    });
    expect(trap).toMatchObject({ version: '3', kind: 'inform', printerAlert: null });
  });

  it('reads an SNMPv1 printerV1Alert trap as printerV2Alert (RFC 3584 §3.1)', () => {
    const trap = decodeTrap({
      type: PDU_TAG.trapV1,
      enterprise: oids.PRINTER_V1_ALERT,
      agentAddr: '127.0.0.2',
      generic: 6,
      specific: 1,
      upTime: 99,
      varbinds: alert,
    });
    expect(trap).toMatchObject({
      version: '1',
      notificationOid: oids.PRINTER_V2_ALERT,
      upTimeTicks: 99,
      printerAlert: { alertIndex: 4, code: 'markerTonerEmpty' },
    });
  });

  it('refuses a v2 notification without snmpTrapOID.0 and other PDU types', () => {
    expect(() =>
      decodeTrap({
        type: PDU_TAG.trapV2,
        varbinds: [{ oid: oids.SYS_UPTIME, type: 67, value: 1 }],
      }),
    ).toThrow(TrapDecodeError);
    expect(() => decodeTrap({ type: 0xa0, varbinds: [] })).toThrow(/not a notification/);
  });
});

describe('v1NotificationOid (RFC 3584 §3.1)', () => {
  it('maps generic traps to snmpTraps.(generic + 1)', () => {
    expect(v1NotificationOid({ generic: 0 })).toBe('1.3.6.1.6.3.1.1.5.1');
    expect(v1NotificationOid({ generic: 3, enterprise: '1.3.6.1.4.1.11' })).toBe(
      '1.3.6.1.6.3.1.1.5.4',
    );
  });

  it('maps enterprise-specific traps to enterprise.0.specific', () => {
    expect(v1NotificationOid({ generic: 6, enterprise: '.1.3.6.1.4.1.11', specific: 7 })).toBe(
      '1.3.6.1.4.1.11.0.7',
    );
  });

  it('refuses a generic-trap out of range or an enterprise-specific trap without its enterprise', () => {
    expect(() => v1NotificationOid({ generic: 7 })).toThrow(TrapDecodeError);
    expect(() => v1NotificationOid({ generic: 6, specific: 1 })).toThrow(TrapDecodeError);
  });
});
