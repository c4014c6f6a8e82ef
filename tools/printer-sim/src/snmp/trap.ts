import { oids, printerAlertVarBinds } from '@printbeat/printer-mib';
import type { SimPrinter } from '../model/sim-printer.js';
import {
  Tag,
  encodeInteger,
  encodeIpAddress,
  encodeOidArcs,
  encodeUnsigned,
  sequence,
} from './ber.js';
import {
  MsgFlag,
  SnmpVersion,
  encodeCommunityMessage,
  encodePdu,
  encodeScopedPdu,
  encodeV3Message,
  encodeVarbind,
} from './message.js';
import { netSnmp as snmp } from './net-snmp.js';
import { parseOid } from './oid.js';

/** Where and how a printer sends its traps. */
export type TrapTarget = {
  host: string;
  port: number;
  version: '1' | '2c' | '3';
  /** v1/v2c; the printer's own community when absent. */
  community?: string;
  /** v3: the name of one of the printer's v3 users (authPriv with its keys). */
  user?: string;
};

export type AlertRow = NonNullable<ReturnType<SimPrinter['alertRow']>>;

export class TrapEncodeError extends Error {
  readonly code = 'PRINTER_SIM_TRAP_USER';
}

let requestIds = Math.floor(Math.random() * 0x7fff_ffff);
const nextRequestId = (): number => (requestIds = (requestIds + 1) & 0x7fff_ffff);

/**
 * The Printer-MIB alert notification for one prtAlertTable row (RFC 3805: printerV2Alert,
 * OBJECTS prtAlertIndex, prtAlertSeverityLevel, prtAlertGroup, prtAlertGroupIndex,
 * prtAlertLocation, prtAlertCode), as one datagram for the target's SNMP version: an SNMPv1
 * Trap-PDU with enterprise printerV1Alert and specific-trap 1 (RFC 3805 / RFC 3584 §3.2), or
 * an SNMPv2-Trap-PDU led by sysUpTime.0 and snmpTrapOID.0 (RFC 3416 §4.2.6), in SNMPv3 sent
 * authPriv with the printer as the authoritative engine (RFC 3414 §3.1.1 for unacknowledged
 * notifications).
 */
export function encodePrinterAlertTrap(
  printer: SimPrinter,
  target: TrapTarget,
  row: AlertRow,
): Buffer {
  const alertBindings = printerAlertVarBinds(row).map((v) =>
    encodeVarbind(encodeOidArcs(parseOid(v.oid)), encodeInteger(v.value as number)),
  );
  const upTime = printer.counters.uptimeTicks;
  const community = target.community ?? printer.community;
  if (target.version === '1') {
    const pdu = sequence(Tag.TrapV1, [
      encodeOidArcs(parseOid(oids.PRINTER_V1_ALERT)),
      encodeIpAddress(printer.address),
      encodeInteger(6),
      encodeInteger(1),
      encodeUnsigned(upTime, Tag.TimeTicks),
      sequence(Tag.Sequence, alertBindings),
    ]);
    return encodeCommunityMessage(SnmpVersion.V1, community, pdu);
  }
  const pdu = encodePdu(Tag.TrapV2, nextRequestId(), 0, 0, [
    encodeVarbind(encodeOidArcs(parseOid(oids.SYS_UPTIME)), encodeUnsigned(upTime, Tag.TimeTicks)),
    encodeVarbind(
      encodeOidArcs(parseOid(oids.SNMP_TRAP_OID)),
      encodeOidArcs(parseOid(oids.PRINTER_V2_ALERT)),
    ),
    ...alertBindings,
  ]);
  if (target.version === '2c') return encodeCommunityMessage(SnmpVersion.V2c, community, pdu);
  return encodeV3Trap(printer, target.user, pdu);
}

function encodeV3Trap(printer: SimPrinter, userName: string | undefined, pdu: Buffer): Buffer {
  const user = userName === undefined ? undefined : printer.v3Users.get(userName);
  if (!user)
    throw new TrapEncodeError(
      `an SNMPv3 trap needs one of ${printer.address}'s v3 users (got ${userName ?? 'none'})`,
    );
  const auth = snmp.AuthProtocols[user.authProtocol]!;
  const priv = snmp.PrivProtocols[user.privProtocol]!;
  const engine = {
    engineID: printer.engineId,
    engineBoots: printer.engineBoots,
    engineTime: printer.engineTime(),
  };
  const scoped = encodeScopedPdu(printer.engineId, '', pdu);
  const encrypted = snmp.Encryption.encryptPdu(priv, scoped, user.privKey, auth, engine);
  const { message, authOffset } = encodeV3Message({
    msgId: nextRequestId(),
    msgFlags: MsgFlag.Auth | MsgFlag.Priv,
    engineId: printer.engineId,
    engineBoots: engine.engineBoots,
    engineTime: engine.engineTime,
    userName: user.name,
    authParamsLength: snmp.Authentication.getParametersLength(auth),
    privParams: encrypted.msgPrivacyParameters,
    msgData: encrypted.encryptedPdu,
    encrypted: true,
  });
  snmp.Authentication.calculateDigest(message, auth, user.authKey, printer.engineId).copy(
    message,
    authOffset,
  );
  return message;
}
