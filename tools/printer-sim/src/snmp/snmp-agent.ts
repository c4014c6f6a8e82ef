import { netSnmp as snmp } from './net-snmp.js';
import type { Binding, SimPrinter, V3User } from '../model/sim-printer.js';
import { GeneralReset } from '../model/printer-oids.js';
import { Tag, decodeSigned, encodeNull, encodeOidArcs, encodeUnsigned, readTlv } from './ber.js';
import {
  MsgFlag,
  SnmpVersion,
  decodeMessage,
  decodeScopedPdu,
  encodeCommunityMessage,
  encodePdu,
  encodeScopedPdu,
  encodeV3Message,
  encodeVarbind,
  type Pdu,
  type RequestVarbind,
  type V3Message,
} from './message.js';
import { compareArcs, parseOid, type Arcs } from './oid.js';

export const ErrorStatus = {
  noError: 0,
  tooBig: 1,
  noSuchName: 2,
  badValue: 3,
  readOnly: 4,
  genErr: 5,
  noAccess: 6,
  wrongType: 7,
  wrongValue: 10,
  noCreation: 11,
  notWritable: 17,
} as const;

/** What to send back, and whether the printer must reboot once the answer is out. */
export type AgentReply = { response: Buffer | null; reboot: boolean };

const NO_REPLY: AgentReply = { response: null, reboot: false };
/** Keep GETBULK answers inside one UDP datagram. */
const MAX_RESPONSE_BYTES = 65000;
const MAX_BULK_VARBINDS = 5000;

const USM_STATS = {
  unsupportedSecLevels: '1.3.6.1.6.3.15.1.1.1.0',
  unknownUserNames: '1.3.6.1.6.3.15.1.1.3.0',
  unknownEngineIDs: '1.3.6.1.6.3.15.1.1.4.0',
  wrongDigests: '1.3.6.1.6.3.15.1.1.5.0',
  decryptionErrors: '1.3.6.1.6.3.15.1.1.6.0',
} as const;

type Dialect = 'v1' | 'v2';

type PduAnswer = { pdu: Buffer; reboot: boolean } | null;

function exception(vb: { oidTlv: Buffer }, tag: number): Buffer {
  return encodeVarbind(vb.oidTlv, encodeNull(tag));
}

function echo(varbinds: readonly RequestVarbind[]): Buffer[] {
  return varbinds.map((vb) => encodeVarbind(vb.oidTlv, vb.valueTlv));
}

function bound(b: Binding): Buffer {
  return encodeVarbind(b.oidTlv, b.valueTlv);
}

function isCounter64(b: Binding): boolean {
  return b.valueTlv[0] === Tag.Counter64;
}

/** What the community or user of a request may do. */
export type Access = 'read-only' | 'read-write';

/** GET / GETNEXT / GETBULK / SET against one printer's MIB view (RFC 3416, RFC 1157 for v1). */
export function answerPdu(
  printer: SimPrinter,
  pdu: Pdu,
  dialect: Dialect,
  maxBytes = MAX_RESPONSE_BYTES,
  access: Access = 'read-write',
): PduAnswer {
  const v1 = dialect === 'v1';
  const fail = (status: number, index: number): Buffer =>
    encodePdu(Tag.Response, pdu.requestId, status, index, echo(pdu.varbinds));
  switch (pdu.type) {
    case Tag.GetRequest: {
      const out: Buffer[] = [];
      for (let i = 0; i < pdu.varbinds.length; i++) {
        const vb = pdu.varbinds[i]!;
        const b = printer.get(vb.arcs);
        if (typeof b === 'string' || (v1 && isCounter64(b))) {
          if (v1) return { pdu: fail(ErrorStatus.noSuchName, i + 1), reboot: false };
          out.push(exception(vb, b === 'noSuchInstance' ? Tag.NoSuchInstance : Tag.NoSuchObject));
        } else {
          out.push(encodeVarbind(vb.oidTlv, b.valueTlv));
        }
      }
      return { pdu: encodePdu(Tag.Response, pdu.requestId, 0, 0, out), reboot: false };
    }
    case Tag.GetNextRequest: {
      const out: Buffer[] = [];
      for (let i = 0; i < pdu.varbinds.length; i++) {
        const vb = pdu.varbinds[i]!;
        const b = printer.next(vb.arcs, v1);
        if (!b) {
          if (v1) return { pdu: fail(ErrorStatus.noSuchName, i + 1), reboot: false };
          out.push(exception(vb, Tag.EndOfMibView));
        } else {
          out.push(bound(b));
        }
      }
      return { pdu: encodePdu(Tag.Response, pdu.requestId, 0, 0, out), reboot: false };
    }
    case Tag.GetBulkRequest: {
      if (v1) return null;
      return {
        pdu: encodePdu(Tag.Response, pdu.requestId, 0, 0, bulk(printer, pdu, maxBytes)),
        reboot: false,
      };
    }
    case Tag.SetRequest:
      // RFC 3416 noAccess; RFC 3584 §4.4 maps it to noSuchName for SNMPv1.
      if (access === 'read-only')
        return { pdu: fail(v1 ? ErrorStatus.noSuchName : ErrorStatus.noAccess, 1), reboot: false };
      return set(printer, pdu, v1);
    default:
      return null;
  }
}

function bulk(printer: SimPrinter, pdu: Pdu, maxBytes: number): Buffer[] {
  const vbs = pdu.varbinds;
  const nonRepeaters = Math.min(Math.max(pdu.field1, 0), vbs.length);
  const maxRepetitions = Math.max(pdu.field2, 0);
  const out: Buffer[] = [];
  // Room for the PDU header and message envelope around the varbinds.
  let size = 200;
  for (let i = 0; i < nonRepeaters; i++) {
    const vb = vbs[i]!;
    const b = printer.next(vb.arcs);
    const enc = b ? bound(b) : exception(vb, Tag.EndOfMibView);
    size += enc.length;
    out.push(enc);
  }
  const repeaters = vbs.slice(nonRepeaters);
  if (repeaters.length === 0) return out;
  const cursor: { arcs: Arcs; oidTlv: Buffer; ended: boolean }[] = repeaters.map((vb) => ({
    arcs: vb.arcs,
    oidTlv: vb.oidTlv,
    ended: false,
  }));
  for (let r = 0; r < maxRepetitions; r++) {
    if (out.length + cursor.length > MAX_BULK_VARBINDS) break;
    const row: Buffer[] = [];
    let rowSize = 0;
    let anyLive = false;
    for (const c of cursor) {
      let enc: Buffer;
      if (!c.ended) {
        const b = printer.next(c.arcs);
        if (b) {
          c.arcs = b.arcs;
          c.oidTlv = b.oidTlv;
          enc = bound(b);
          anyLive = true;
        } else {
          c.ended = true;
          enc = exception(c, Tag.EndOfMibView);
        }
      } else {
        enc = exception(c, Tag.EndOfMibView);
      }
      row.push(enc);
      rowSize += enc.length;
    }
    if (size + rowSize > maxBytes && r > 0) break;
    out.push(...row);
    size += rowSize;
    // Once every repeater is past the end, further rows would repeat endOfMibView only.
    if (!anyLive) break;
  }
  return out;
}

function set(printer: SimPrinter, pdu: Pdu, v1: boolean): PduAnswer {
  const reset = parseOid(printer.model.resetOid);
  let reboot = false;
  const fail = (status: number, index: number): PduAnswer => ({
    pdu: encodePdu(Tag.Response, pdu.requestId, status, index, echo(pdu.varbinds)),
    reboot: false,
  });
  for (let i = 0; i < pdu.varbinds.length; i++) {
    const vb = pdu.varbinds[i]!;
    if (compareArcs(vb.arcs, reset) === 0 && printer.has(reset)) {
      if (vb.valueTag !== Tag.Integer)
        return fail(v1 ? ErrorStatus.badValue : ErrorStatus.wrongType, i + 1);
      const t = readTlv(vb.valueTlv, 0);
      const value = decodeSigned(vb.valueTlv, t.start, t.end);
      if (value < GeneralReset.notResetting || value > GeneralReset.resetToFactoryDefaults) {
        return fail(v1 ? ErrorStatus.badValue : ErrorStatus.wrongValue, i + 1);
      }
      if (value !== GeneralReset.notResetting) reboot = true;
      continue;
    }
    if (printer.has(vb.arcs))
      return fail(v1 ? ErrorStatus.readOnly : ErrorStatus.notWritable, i + 1);
    return fail(v1 ? ErrorStatus.noSuchName : ErrorStatus.noCreation, i + 1);
  }
  return { pdu: encodePdu(Tag.Response, pdu.requestId, 0, 0, echo(pdu.varbinds)), reboot };
}

// ---- message level -----------------------------------------------------------------------

export function handleDatagram(printer: SimPrinter, datagram: Buffer): AgentReply {
  let msg;
  try {
    msg = decodeMessage(datagram);
  } catch {
    return NO_REPLY; // Malformed datagrams are dropped, as real agents do.
  }
  if (msg.version === 3) {
    try {
      return handleV3(printer, msg);
    } catch {
      // e.g. DES without OpenSSL's legacy provider: no answer rather than a crashed fleet.
      return NO_REPLY;
    }
  }
  const access = communityAccess(printer, msg.community);
  if (!access) return NO_REPLY;
  const answer = answerPdu(
    printer,
    msg.pdu,
    msg.version === SnmpVersion.V1 ? 'v1' : 'v2',
    MAX_RESPONSE_BYTES,
    access,
  );
  if (!answer) return NO_REPLY;
  return {
    response: encodeCommunityMessage(msg.version, msg.community, answer.pdu),
    reboot: answer.reboot,
  };
}

/** Without a write community the one community reads and writes; with one, it only reads. */
function communityAccess(printer: SimPrinter, community: string): Access | null {
  if (printer.writeCommunity !== null && community === printer.writeCommunity) return 'read-write';
  if (community !== printer.community) return null;
  return printer.writeCommunity === null ? 'read-write' : 'read-only';
}

function authNumber(user: V3User): number {
  return snmp.AuthProtocols[user.authProtocol]!;
}

function privNumber(user: V3User): number {
  return snmp.PrivProtocols[user.privProtocol]!;
}

function report(
  printer: SimPrinter,
  msg: V3Message,
  requestId: number,
  statOid: string,
): AgentReply {
  const counter = encodeVarbind(encodeOidArcs(parseOid(statOid)), encodeUnsigned(1, Tag.Counter32));
  const pdu = encodePdu(Tag.Report, requestId, 0, 0, [counter]);
  const { message } = encodeV3Message({
    msgId: msg.msgId,
    msgFlags: 0,
    engineId: printer.engineId,
    engineBoots: printer.engineBoots,
    engineTime: printer.engineTime(),
    userName: msg.userName,
    authParamsLength: 0,
    privParams: Buffer.alloc(0),
    msgData: encodeScopedPdu(printer.engineId, '', pdu),
    encrypted: false,
  });
  return { response: message, reboot: false };
}

function plainRequestId(msg: V3Message): number {
  if (msg.msgFlags & MsgFlag.Priv) return 0;
  try {
    return decodeScopedPdu(msg.msgData).pdu.requestId;
  } catch {
    return 0;
  }
}

function handleV3(printer: SimPrinter, msg: V3Message): AgentReply {
  if (msg.securityModel !== 3) return NO_REPLY;
  const reportable = (msg.msgFlags & MsgFlag.Reportable) !== 0;
  if (!msg.engineId.equals(printer.engineId)) {
    return reportable
      ? report(printer, msg, plainRequestId(msg), USM_STATS.unknownEngineIDs)
      : NO_REPLY;
  }
  const user = printer.v3Users.get(msg.userName);
  if (!user)
    return reportable
      ? report(printer, msg, plainRequestId(msg), USM_STATS.unknownUserNames)
      : NO_REPLY;
  if (!(msg.msgFlags & MsgFlag.Auth) || !(msg.msgFlags & MsgFlag.Priv)) {
    return reportable
      ? report(printer, msg, plainRequestId(msg), USM_STATS.unsupportedSecLevels)
      : NO_REPLY;
  }
  const auth = authNumber(user);
  const priv = privNumber(user);
  const zeroed = Buffer.from(msg.whole);
  zeroed.fill(0, msg.authParamsOffset, msg.authParamsOffset + msg.authParams.length);
  const digest = snmp.Authentication.calculateDigest(zeroed, auth, user.authKey, printer.engineId);
  if (!digest.equals(msg.authParams))
    return reportable ? report(printer, msg, 0, USM_STATS.wrongDigests) : NO_REPLY;

  let scoped;
  try {
    const plain = snmp.Encryption.decryptPdu(
      priv,
      msg.msgData,
      msg.privParams,
      user.privKey,
      auth,
      {
        engineID: printer.engineId,
        engineBoots: msg.engineBoots,
        engineTime: msg.engineTime,
      },
    );
    scoped = decodeScopedPdu(plain);
  } catch {
    return reportable ? report(printer, msg, 0, USM_STATS.decryptionErrors) : NO_REPLY;
  }
  const maxBytes = Math.min(MAX_RESPONSE_BYTES, Math.max(484, msg.msgMaxSize) - 120);
  const answer = answerPdu(
    printer,
    scoped.pdu,
    'v2',
    maxBytes,
    user.readOnly ? 'read-only' : 'read-write',
  );
  if (!answer) return NO_REPLY;

  const engine = {
    engineID: printer.engineId,
    engineBoots: printer.engineBoots,
    engineTime: printer.engineTime(),
  };
  const scopedResponse = encodeScopedPdu(printer.engineId, scoped.contextName, answer.pdu);
  const encrypted = snmp.Encryption.encryptPdu(priv, scopedResponse, user.privKey, auth, engine);
  const authLength = snmp.Authentication.getParametersLength(auth);
  const { message, authOffset } = encodeV3Message({
    msgId: msg.msgId,
    msgFlags: MsgFlag.Auth | MsgFlag.Priv,
    engineId: printer.engineId,
    engineBoots: engine.engineBoots,
    engineTime: engine.engineTime,
    userName: user.name,
    authParamsLength: authLength,
    privParams: encrypted.msgPrivacyParameters,
    msgData: encrypted.encryptedPdu,
    encrypted: true,
  });
  snmp.Authentication.calculateDigest(message, auth, user.authKey, printer.engineId).copy(
    message,
    authOffset,
  );
  return { response: message, reboot: answer.reboot };
}
