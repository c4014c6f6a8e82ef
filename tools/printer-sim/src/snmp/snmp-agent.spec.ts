import { compileFixture } from '../model/fixture-model.js';
import { SimPrinter } from '../model/sim-printer.js';
import { tinyColorWalk } from '../model/test-support/tiny-walk.js';
import {
  Tag,
  decodeSigned,
  encodeInteger,
  encodeNull,
  encodeOctetString,
  encodeOidArcs,
  readTlv,
} from './ber.js';
import {
  decodeMessage,
  decodePdu,
  encodeCommunityMessage,
  encodePdu,
  encodeVarbind,
  type Pdu,
} from './message.js';
import { parseOid } from './oid.js';
import { ErrorStatus, answerPdu, handleDatagram } from './snmp-agent.js';

const printer = (): SimPrinter =>
  new SimPrinter({
    address: '127.10.0.1',
    fixture: 'tiny',
    model: compileFixture('tiny', tinyColorWalk()),
  });

function request(type: number, oids: string[], field1 = 0, field2 = 0, values?: Buffer[]): Pdu {
  const vbs = oids.map((oid, i) =>
    encodeVarbind(encodeOidArcs(parseOid(oid)), values?.[i] ?? encodeNull()),
  );
  return decodePdu(encodePdu(type, 42, field1, field2, vbs), 0);
}

type Row = { oid: string; tag: number; value: number | null };

function rows(pdu: Pdu): Row[] {
  return pdu.varbinds.map((vb) => {
    const t = readTlv(vb.valueTlv, 0);
    const numeric =
      vb.valueTag === Tag.Integer || vb.valueTag === Tag.Counter32 || vb.valueTag === Tag.TimeTicks;
    return {
      oid: vb.arcs.join('.'),
      tag: vb.valueTag,
      value: numeric ? decodeSigned(vb.valueTlv, t.start, t.end) : null,
    };
  });
}

function answer(p: SimPrinter, req: Pdu, dialect: 'v1' | 'v2'): { pdu: Pdu; reboot: boolean } {
  const a = answerPdu(p, req, dialect);
  if (!a) throw new Error('no answer');
  return { pdu: decodePdu(a.pdu, 0), reboot: a.reboot };
}

describe('answerPdu', () => {
  it('GET v2c: values plus noSuchObject/noSuchInstance exceptions', () => {
    const { pdu } = answer(
      printer(),
      request(Tag.GetRequest, [
        '1.3.6.1.2.1.43.10.2.1.4.1.1',
        '1.3.6.1.2.1.1.5.1',
        '1.3.6.1.2.1.1.77.0',
      ]),
      'v2',
    );
    expect(pdu.type).toBe(Tag.Response);
    expect(pdu.requestId).toBe(42);
    expect(rows(pdu)).toEqual([
      { oid: '1.3.6.1.2.1.43.10.2.1.4.1.1', tag: Tag.Counter32, value: 1000 },
      { oid: '1.3.6.1.2.1.1.5.1', tag: Tag.NoSuchInstance, value: null },
      { oid: '1.3.6.1.2.1.1.77.0', tag: Tag.NoSuchObject, value: null },
    ]);
  });

  it('GET v1: noSuchName with the index of the first missing varbind, request echoed', () => {
    const { pdu } = answer(
      printer(),
      request(Tag.GetRequest, ['1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.77.0']),
      'v1',
    );
    expect([pdu.field1, pdu.field2]).toEqual([ErrorStatus.noSuchName, 2]);
    expect(rows(pdu).map((r) => [r.oid, r.tag])).toEqual([
      ['1.3.6.1.2.1.1.3.0', Tag.Null],
      ['1.3.6.1.2.1.1.77.0', Tag.Null],
    ]);
    // Counter64 does not exist for v1.
    const c64 = answer(printer(), request(Tag.GetRequest, ['1.3.6.1.4.1.1347.99.1.0']), 'v1').pdu;
    expect([c64.field1, c64.field2]).toEqual([ErrorStatus.noSuchName, 1]);
  });

  it('GETNEXT past the last OID: endOfMibView in v2c, noSuchName in v1', () => {
    const v2 = answer(
      printer(),
      request(Tag.GetNextRequest, ['1.3.6.1.4.1.1347.99.1.0', '1.3.6.1.2.1.1.5.0']),
      'v2',
    );
    expect(rows(v2.pdu).map((r) => [r.oid, r.tag])).toEqual([
      ['1.3.6.1.4.1.1347.99.1.0', Tag.EndOfMibView],
      ['1.3.6.1.2.1.2.2.1.2.1', Tag.OctetString],
    ]);
    const v1 = answer(
      printer(),
      request(Tag.GetNextRequest, ['1.3.6.1.4.1.1347.43.10.1.1.12.1.1']),
      'v1',
    );
    expect([v1.pdu.field1, v1.pdu.field2]).toEqual([ErrorStatus.noSuchName, 1]);
  });

  it('GETBULK: non-repeaters once each, then exactly max-repetitions rows of the repeaters', () => {
    const req = request(
      Tag.GetBulkRequest,
      [
        '1.3.6.1.2.1.1.1.0',
        '1.3.6.1.2.1.1.2.0',
        '1.3.6.1.2.1.43.11.1.1.9',
        '1.3.6.1.2.1.43.11.1.1.8',
      ],
      2,
      3,
    );
    const out = rows(answer(printer(), req, 'v2').pdu).map((r) => r.oid);
    expect(out).toEqual([
      '1.3.6.1.2.1.1.2.0',
      '1.3.6.1.2.1.1.3.0',
      '1.3.6.1.2.1.43.11.1.1.9.1.1',
      '1.3.6.1.2.1.43.11.1.1.8.1.1',
      '1.3.6.1.2.1.43.11.1.1.9.1.2',
      '1.3.6.1.2.1.43.11.1.1.8.1.2',
      '1.3.6.1.2.1.43.11.1.1.9.1.3',
      '1.3.6.1.2.1.43.11.1.1.8.1.3',
    ]);
  });

  it('GETBULK at the end of the view: endOfMibView for every remaining repetition, then stops', () => {
    const req = request(Tag.GetBulkRequest, ['1.3.6.1.4.1.1347.43.10.1.1.12.1.1'], 0, 10);
    const out = rows(answer(printer(), req, 'v2').pdu);
    expect(out.map((r) => [r.oid, r.tag])).toEqual([
      ['1.3.6.1.4.1.1347.99.1.0', Tag.Counter64],
      ['1.3.6.1.4.1.1347.99.1.0', Tag.EndOfMibView],
    ]);
    expect(answerPdu(printer(), req, 'v1')).toBeNull(); // no GETBULK in v1
  });

  it('SET prtGeneralReset reboots; other objects are not writable', () => {
    const p = printer();
    const ok = answer(
      p,
      request(Tag.SetRequest, ['1.3.6.1.2.1.43.5.1.1.3.1'], 0, 0, [encodeInteger(4)]),
      'v2',
    );
    expect([ok.pdu.field1, ok.reboot]).toEqual([0, true]);
    const noop = answer(
      p,
      request(Tag.SetRequest, ['1.3.6.1.2.1.43.5.1.1.3.1'], 0, 0, [encodeInteger(3)]),
      'v2',
    );
    expect([noop.pdu.field1, noop.reboot]).toEqual([0, false]);
    const wrongValue = answer(
      p,
      request(Tag.SetRequest, ['1.3.6.1.2.1.43.5.1.1.3.1'], 0, 0, [encodeInteger(9)]),
      'v2',
    );
    expect([wrongValue.pdu.field1, wrongValue.pdu.field2]).toEqual([ErrorStatus.wrongValue, 1]);
    const wrongType = answer(
      p,
      request(Tag.SetRequest, ['1.3.6.1.2.1.43.5.1.1.3.1'], 0, 0, [encodeOctetString('4')]),
      'v2',
    );
    expect(wrongType.pdu.field1).toBe(ErrorStatus.wrongType);
    const sysName = request(Tag.SetRequest, ['1.3.6.1.2.1.1.5.0'], 0, 0, [encodeOctetString('x')]);
    expect(answer(p, sysName, 'v2').pdu.field1).toBe(ErrorStatus.notWritable);
    expect(answer(p, sysName, 'v1').pdu.field1).toBe(ErrorStatus.readOnly);
    const missing = request(Tag.SetRequest, ['1.3.6.1.2.1.1.77.0'], 0, 0, [encodeInteger(1)]);
    expect(answer(p, missing, 'v2').pdu.field1).toBe(ErrorStatus.noCreation);
    expect(answer(p, missing, 'v1').pdu.field1).toBe(ErrorStatus.noSuchName);
  });
});

describe('handleDatagram', () => {
  const get = (community: string, version: 0 | 1): Buffer =>
    encodeCommunityMessage(
      version,
      community,
      encodePdu(Tag.GetRequest, 7, 0, 0, [
        encodeVarbind(encodeOidArcs(parseOid('1.3.6.1.2.1.1.3.0')), encodeNull()),
      ]),
    );

  it('answers the right community with the same version and drops the wrong one', () => {
    const reply = handleDatagram(printer(), get('public', 1));
    if (!reply.response) throw new Error('no reply');
    const msg = decodeMessage(reply.response);
    expect(msg.version).toBe(1);
    expect(msg.version !== 3 && msg.community).toBe('public');
    expect(handleDatagram(printer(), get('private', 1)).response).toBeNull();
  });

  it('drops garbage', () => {
    expect(handleDatagram(printer(), Buffer.from([0x30, 0x03, 0x02, 0x01])).response).toBeNull();
    expect(handleDatagram(printer(), Buffer.from('hello')).response).toBeNull();
  });
});

describe('write community', () => {
  const strict = (): SimPrinter =>
    new SimPrinter({
      address: '127.10.0.1',
      fixture: 'tiny',
      model: compileFixture('tiny', tinyColorWalk()),
      writeCommunity: 'private-rw',
    });
  const reset = (community: string, version: 0 | 1): Buffer =>
    encodeCommunityMessage(
      version,
      community,
      encodePdu(Tag.SetRequest, 9, 0, 0, [
        encodeVarbind(encodeOidArcs(parseOid('1.3.6.1.2.1.43.5.1.1.3.1')), encodeInteger(4)),
      ]),
    );
  const status = (reply: { response: Buffer | null }): number => {
    if (!reply.response) throw new Error('no reply');
    const msg = decodeMessage(reply.response);
    if (msg.version === 3) throw new Error('v3 reply');
    return msg.pdu.field1;
  };

  it('refuses a SET with the read community (noAccess; noSuchName in v1) and does not reboot', () => {
    const v2 = handleDatagram(strict(), reset('public', 1));
    expect([status(v2), v2.reboot]).toEqual([ErrorStatus.noAccess, false]);
    const v1 = handleDatagram(strict(), reset('public', 0));
    expect([status(v1), v1.reboot]).toEqual([ErrorStatus.noSuchName, false]);
  });

  it('accepts the SET with the write community, and both communities read', () => {
    const ok = handleDatagram(strict(), reset('private-rw', 1));
    expect([status(ok), ok.reboot]).toEqual([0, true]);
    const get = (community: string) =>
      encodeCommunityMessage(
        1,
        community,
        encodePdu(Tag.GetRequest, 7, 0, 0, [
          encodeVarbind(encodeOidArcs(parseOid('1.3.6.1.2.1.1.3.0')), encodeNull()),
        ]),
      );
    expect(status(handleDatagram(strict(), get('public')))).toBe(0);
    expect(status(handleDatagram(strict(), get('private-rw')))).toBe(0);
    expect(handleDatagram(strict(), get('other')).response).toBeNull();
  });

  it('without a write community the one community still resets (as before)', () => {
    const reply = handleDatagram(printer(), reset('public', 1));
    expect([status(reply), reply.reboot]).toEqual([0, true]);
  });
});
