import { messageId } from './shared-udp-transport.js';
import { integer, octets, response, sequence, tlv } from './test-support/raw-snmp-responder.js';

describe('messageId', () => {
  it('reads the request-id of v1/v2c messages, large ids included', () => {
    for (const requestId of [1, 127, 128, 65_535, 99_999_999, 4_294_967_294]) {
      const message = response(
        { version: 1, community: 'public', pduType: 0xa0, requestId, oids: [] },
        [],
      );
      expect(messageId(message)).toBe(requestId);
    }
  });

  it('reads the msgID of an SNMPv3 message', () => {
    const header = sequence(
      integer(31_337),
      integer(65_507),
      octets(Buffer.from([0x07])),
      integer(3),
    );
    expect(
      messageId(sequence(integer(3), header, octets('usm-parameters'), octets('encrypted'))),
    ).toBe(31_337);
  });

  it('gives undefined for bytes that are not SNMP', () => {
    expect(messageId(Buffer.from('GET / HTTP/1.1'))).toBeUndefined();
    expect(messageId(Buffer.alloc(0))).toBeUndefined();
    expect(
      messageId(sequence(integer(1), octets('public'), tlv(0x04, Buffer.from('x')))),
    ).toBeUndefined();
    expect(messageId(Buffer.from([0x30, 0x85, 1, 2, 3, 4, 5]))).toBeUndefined();
  });
});
