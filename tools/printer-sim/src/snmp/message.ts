import {
  BerError,
  Tag,
  decodeOid,
  decodeSigned,
  encodeInteger,
  encodeOctetString,
  expectTlv,
  readTlv,
  sequence,
} from './ber.js';

export const SnmpVersion = { V1: 0, V2c: 1, V3: 3 } as const;

export type RequestVarbind = {
  arcs: number[];
  /** The encoded OID TLV exactly as received, reused in answers. */
  oidTlv: Buffer;
  valueTag: number;
  /** The encoded value TLV as received (SET values, v1 error echoes). */
  valueTlv: Buffer;
};

export type Pdu = {
  type: number;
  requestId: number;
  /** errorStatus, or nonRepeaters for GETBULK. */
  field1: number;
  /** errorIndex, or maxRepetitions for GETBULK. */
  field2: number;
  varbinds: RequestVarbind[];
};

export type CommunityMessage = { version: 0 | 1; community: string; pdu: Pdu };

export type V3Message = {
  version: 3;
  msgId: number;
  msgMaxSize: number;
  msgFlags: number;
  securityModel: number;
  engineId: Buffer;
  engineBoots: number;
  engineTime: number;
  userName: string;
  authParams: Buffer;
  /** Offset of the authentication parameters' contents inside the whole message. */
  authParamsOffset: number;
  privParams: Buffer;
  /** Plain scoped PDU bytes, or the encrypted ones when msgFlags has the privacy bit. */
  msgData: Buffer;
  whole: Buffer;
};

export type IncomingMessage = CommunityMessage | V3Message;

export const MsgFlag = { Auth: 1, Priv: 2, Reportable: 4 } as const;

export function decodePdu(buf: Buffer, pos: number, limit?: number): Pdu {
  const pduTlv = readTlv(buf, pos, limit);
  let p = pduTlv.start;
  const end = pduTlv.end;
  const id = expectTlv(buf, p, Tag.Integer, end);
  const requestId = decodeSigned(buf, id.start, id.end);
  const f1 = expectTlv(buf, id.next, Tag.Integer, end);
  const f2 = expectTlv(buf, f1.next, Tag.Integer, end);
  const list = expectTlv(buf, f2.next, Tag.Sequence, end);
  const varbinds: RequestVarbind[] = [];
  p = list.start;
  while (p < list.end) {
    const vb = expectTlv(buf, p, Tag.Sequence, list.end);
    const oid = expectTlv(buf, vb.start, Tag.ObjectIdentifier, vb.end);
    const value = readTlv(buf, oid.next, vb.end);
    varbinds.push({
      arcs: decodeOid(buf, oid.start, oid.end),
      oidTlv: buf.subarray(vb.start, oid.end),
      valueTag: value.tag,
      valueTlv: buf.subarray(oid.next, value.end),
    });
    p = vb.next;
  }
  return {
    type: pduTlv.tag,
    requestId,
    field1: decodeSigned(buf, f1.start, f1.end),
    field2: decodeSigned(buf, f2.start, f2.end),
    varbinds,
  };
}

export function decodeMessage(buf: Buffer): IncomingMessage {
  const msg = expectTlv(buf, 0, Tag.Sequence);
  const ver = expectTlv(buf, msg.start, Tag.Integer, msg.end);
  const version = decodeSigned(buf, ver.start, ver.end);
  if (version === SnmpVersion.V1 || version === SnmpVersion.V2c) {
    const community = expectTlv(buf, ver.next, Tag.OctetString, msg.end);
    return {
      version,
      community: buf.toString('latin1', community.start, community.end),
      pdu: decodePdu(buf, community.next, msg.end),
    };
  }
  if (version !== SnmpVersion.V3) throw new BerError(`unsupported SNMP version ${version}`);
  const hdr = expectTlv(buf, ver.next, Tag.Sequence, msg.end);
  const id = expectTlv(buf, hdr.start, Tag.Integer, hdr.end);
  const max = expectTlv(buf, id.next, Tag.Integer, hdr.end);
  const flags = expectTlv(buf, max.next, Tag.OctetString, hdr.end);
  const model = expectTlv(buf, flags.next, Tag.Integer, hdr.end);
  const secOs = expectTlv(buf, hdr.next, Tag.OctetString, msg.end);
  const sec = expectTlv(buf, secOs.start, Tag.Sequence, secOs.end);
  const engine = expectTlv(buf, sec.start, Tag.OctetString, sec.end);
  const boots = expectTlv(buf, engine.next, Tag.Integer, sec.end);
  const time = expectTlv(buf, boots.next, Tag.Integer, sec.end);
  const user = expectTlv(buf, time.next, Tag.OctetString, sec.end);
  const auth = expectTlv(buf, user.next, Tag.OctetString, sec.end);
  const priv = expectTlv(buf, auth.next, Tag.OctetString, sec.end);
  const data = readTlv(buf, secOs.next, msg.end);
  return {
    version: 3,
    msgId: decodeSigned(buf, id.start, id.end),
    msgMaxSize: decodeSigned(buf, max.start, max.end),
    msgFlags: flags.end > flags.start ? buf[flags.start]! : 0,
    securityModel: decodeSigned(buf, model.start, model.end),
    engineId: Buffer.from(buf.subarray(engine.start, engine.end)),
    engineBoots: decodeSigned(buf, boots.start, boots.end),
    engineTime: decodeSigned(buf, time.start, time.end),
    userName: buf.toString('utf8', user.start, user.end),
    authParams: Buffer.from(buf.subarray(auth.start, auth.end)),
    authParamsOffset: auth.start,
    privParams: Buffer.from(buf.subarray(priv.start, priv.end)),
    msgData:
      data.tag === Tag.OctetString
        ? Buffer.from(buf.subarray(data.start, data.end))
        : Buffer.from(buf.subarray(secOs.next, data.end)),
    whole: buf,
  };
}

export type ScopedPdu = { contextEngineId: Buffer; contextName: string; pdu: Pdu };

export function decodeScopedPdu(buf: Buffer): ScopedPdu {
  // A decrypted DES scoped PDU may carry padding after the sequence: respect its length.
  const seq = expectTlv(buf, 0, Tag.Sequence);
  const ce = expectTlv(buf, seq.start, Tag.OctetString, seq.end);
  const cn = expectTlv(buf, ce.next, Tag.OctetString, seq.end);
  return {
    contextEngineId: Buffer.from(buf.subarray(ce.start, ce.end)),
    contextName: buf.toString('utf8', cn.start, cn.end),
    pdu: decodePdu(buf, cn.next, seq.end),
  };
}

export function encodePdu(
  type: number,
  requestId: number,
  errorStatus: number,
  errorIndex: number,
  varbinds: readonly Uint8Array[],
): Buffer {
  return sequence(type, [
    encodeInteger(requestId),
    encodeInteger(errorStatus),
    encodeInteger(errorIndex),
    sequence(Tag.Sequence, varbinds),
  ]);
}

export function encodeVarbind(oidTlv: Uint8Array, valueTlv: Uint8Array): Buffer {
  return sequence(Tag.Sequence, [oidTlv, valueTlv]);
}

export function encodeCommunityMessage(version: 0 | 1, community: string, pdu: Buffer): Buffer {
  return sequence(Tag.Sequence, [encodeInteger(version), encodeOctetString(community), pdu]);
}

export type V3Envelope = {
  msgId: number;
  msgFlags: number;
  engineId: Buffer;
  engineBoots: number;
  engineTime: number;
  userName: string;
  /** Length of the (zero-filled) authentication parameters; 0 without authentication. */
  authParamsLength: number;
  privParams: Buffer;
  /** Plain scoped PDU or encrypted bytes (then wrapped in an OCTET STRING). */
  msgData: Buffer;
  encrypted: boolean;
};

/** Encodes a v3 message; returns it with the offset where the HMAC must be written. */
export function encodeV3Message(env: V3Envelope): { message: Buffer; authOffset: number } {
  const version = encodeInteger(3);
  const headerData = sequence(Tag.Sequence, [
    encodeInteger(env.msgId),
    encodeInteger(65507),
    encodeOctetString(Buffer.from([env.msgFlags])),
    encodeInteger(3),
  ]);
  const secPrefix = Buffer.concat([
    encodeOctetString(env.engineId),
    encodeInteger(env.engineBoots),
    encodeInteger(env.engineTime),
    encodeOctetString(Buffer.from(env.userName, 'utf8')),
  ]);
  const authTlv = encodeOctetString(Buffer.alloc(env.authParamsLength));
  const secSeq = sequence(Tag.Sequence, [secPrefix, authTlv, encodeOctetString(env.privParams)]);
  const secOs = encodeOctetString(secSeq);
  const data = env.encrypted ? encodeOctetString(env.msgData) : env.msgData;
  const message = sequence(Tag.Sequence, [version, headerData, secOs, data]);
  // Offsets are computed from the tail, which does not depend on the outer length bytes.
  const afterAuthInSec = encodeOctetString(env.privParams).length;
  const authContentEnd = message.length - data.length - afterAuthInSec;
  return { message, authOffset: authContentEnd - env.authParamsLength };
}

export function encodeScopedPdu(contextEngineId: Buffer, contextName: string, pdu: Buffer): Buffer {
  return sequence(Tag.Sequence, [
    encodeOctetString(contextEngineId),
    encodeOctetString(Buffer.from(contextName, 'utf8')),
    pdu,
  ]);
}
