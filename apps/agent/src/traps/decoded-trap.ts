import {
  decodePrinterAlertNotification,
  oids,
  type PrinterAlertNotification,
  type VarBind,
} from '@printbeat/printer-mib';
import { convertVarbind, normalizeOid } from '../snmp/varbind-conversion.js';

/** A notification as the agent understood it. Never carries the community or keys. */
export type DecodedTrap = {
  version: '1' | '2c' | '3';
  kind: 'trap' | 'inform';
  /** snmpTrapOID; for SNMPv1 traps derived per RFC 3584 §3.1. */
  notificationOid: string;
  /** sysUpTime of the sender when it sent the notification, in hundredths of a second. */
  upTimeTicks: number | null;
  varbinds: VarBind[];
  /** The Printer-MIB alert row when the notification is RFC 3805 printerV2Alert / printerV1Alert. */
  printerAlert: PrinterAlertNotification | null;
};

/** The fields of net-snmp's received PDU the agent reads (its Receiver's callback data). */
export type ReceivedPdu = {
  type: number;
  varbinds?: unknown[];
  enterprise?: string;
  agentAddr?: string;
  generic?: number;
  specific?: number;
  upTime?: number;
  /** Present for SNMPv3 (the receiver's `includeAuthentication`). */
  user?: string;
};

/** BER tags of the notification PDUs (RFC 1157 Trap-PDU, RFC 3416 InformRequest / SNMPv2-Trap). */
export const PDU_TAG = { trapV1: 0xa4, inform: 0xa6, trapV2: 0xa7 } as const;

/** RFC 3418 snmpTraps: the generic SNMPv1 traps 0..5 become snmpTraps.(generic + 1). */
const SNMP_TRAPS = '1.3.6.1.6.3.1.1.5';
const ENTERPRISE_SPECIFIC = 6;

export class TrapDecodeError extends Error {}

export function decodeTrap(pdu: ReceivedPdu): DecodedTrap {
  const varbinds = values(pdu.varbinds);
  if (pdu.type === PDU_TAG.trapV1) {
    const notificationOid = v1NotificationOid(pdu);
    return {
      version: '1',
      kind: 'trap',
      notificationOid,
      upTimeTicks: typeof pdu.upTime === 'number' ? pdu.upTime : null,
      varbinds,
      printerAlert: decodePrinterAlertNotification(notificationOid, varbinds),
    };
  }
  if (pdu.type !== PDU_TAG.trapV2 && pdu.type !== PDU_TAG.inform)
    throw new TrapDecodeError(`not a notification (PDU type 0x${pdu.type.toString(16)})`);
  // RFC 3416 §4.2.6: sysUpTime.0 and snmpTrapOID.0 are the first two bindings.
  const trapOid = varbinds.find((v) => v.oid === oids.SNMP_TRAP_OID);
  if (!trapOid || trapOid.type !== 'ObjectIdentifier')
    throw new TrapDecodeError('notification without snmpTrapOID.0');
  const upTime = varbinds.find((v) => v.oid === oids.SYS_UPTIME);
  const rest = varbinds.filter((v) => v !== trapOid && v !== upTime);
  return {
    version: pdu.user === undefined ? '2c' : '3',
    kind: pdu.type === PDU_TAG.inform ? 'inform' : 'trap',
    notificationOid: trapOid.value,
    upTimeTicks: upTime?.type === 'TimeTicks' ? upTime.value : null,
    varbinds: rest,
    printerAlert: decodePrinterAlertNotification(trapOid.value, rest),
  };
}

/** RFC 3584 §3.1 (2): generic traps map to snmpTraps, enterprise-specific ones to enterprise.0.specific. */
export function v1NotificationOid(
  pdu: Pick<ReceivedPdu, 'enterprise' | 'generic' | 'specific'>,
): string {
  const generic = pdu.generic;
  if (typeof generic !== 'number' || generic < 0 || generic > ENTERPRISE_SPECIFIC)
    throw new TrapDecodeError(`SNMPv1 trap with generic-trap ${String(generic)}`);
  if (generic !== ENTERPRISE_SPECIFIC) return `${SNMP_TRAPS}.${generic + 1}`;
  if (typeof pdu.enterprise !== 'string' || !/^\.?\d+(\.\d+)*$/.test(pdu.enterprise))
    throw new TrapDecodeError('SNMPv1 trap without an enterprise OID');
  if (typeof pdu.specific !== 'number' || pdu.specific < 0)
    throw new TrapDecodeError('SNMPv1 trap without a specific-trap number');
  return `${normalizeOid(pdu.enterprise)}.0.${pdu.specific}`;
}

function values(raw: unknown[] | undefined): VarBind[] {
  const result: VarBind[] = [];
  for (const item of raw ?? []) {
    const converted = convertVarbind(item);
    if (converted.kind === 'value') result.push(converted.varBind);
  }
  return result;
}
