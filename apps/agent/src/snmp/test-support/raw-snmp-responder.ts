import dgram from 'node:dgram';

/**
 * A deliberately dumb SNMPv1/v2c responder for tests that need answers no real agent (or
 * net-snmp's) would send: garbage, wrong types, OIDs going backwards. It decodes just
 * enough of a request to echo its request-id, and the test builds each reply by hand.
 */
export type ParsedRequest = {
  version: number;
  community: string;
  pduType: number;
  requestId: number;
  oids: string[];
};

export type RawResponder = {
  port: number;
  address: string;
  requests: ParsedRequest[];
  close(): Promise<void>;
};

export async function startRawResponder(
  address: string,
  reply: (request: ParsedRequest) => Buffer | null,
): Promise<RawResponder> {
  const socket = dgram.createSocket('udp4');
  const requests: ParsedRequest[] = [];
  socket.on('message', (message, remote) => {
    const request = parseRequest(message);
    requests.push(request);
    const answer = reply(request);
    if (answer !== null) socket.send(answer, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  return {
    port: socket.address().port,
    address,
    requests,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

// ---- BER, only what the tests need -------------------------------------------------

export function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  const header =
    length < 0x80
      ? Buffer.from([tag, length])
      : length < 0x100
        ? Buffer.from([tag, 0x81, length])
        : Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([header, content]);
}

export function integer(value: number, tag = 0x02): Buffer {
  const bytes: number[] = [];
  let rest = BigInt(value);
  do {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  } while (rest !== 0n && rest !== -1n);
  const top = bytes[0] ?? 0;
  if (value >= 0 && top & 0x80) bytes.unshift(0);
  if (value < 0 && !(top & 0x80)) bytes.unshift(0xff);
  return tlv(tag, Buffer.from(bytes));
}

export function octets(value: string | Buffer, tag = 0x04): Buffer {
  return tlv(tag, typeof value === 'string' ? Buffer.from(value, 'latin1') : value);
}

export function oid(text: string): Buffer {
  const arcs = text.split('.').map(Number);
  const bytes: number[] = [(arcs[0] ?? 0) * 40 + (arcs[1] ?? 0)];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let rest = arc >>> 7; rest > 0; rest >>>= 7) chunk.unshift((rest & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

export const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));

export function varbind(name: string, value: Buffer): Buffer {
  return sequence(oid(name), value);
}

/** GetResponse-PDU in a community message. */
export function response(
  request: ParsedRequest,
  varbinds: Buffer[],
  errorStatus = 0,
  errorIndex = 0,
): Buffer {
  const pdu = tlv(
    0xa2,
    Buffer.concat([
      integer(request.requestId),
      integer(errorStatus),
      integer(errorIndex),
      sequence(...varbinds),
    ]),
  );
  return sequence(integer(request.version), octets(request.community), pdu);
}

function parseRequest(message: Buffer): ParsedRequest {
  const reader = new Reader(message);
  reader.enter(0x30);
  const version = reader.integer();
  const community = reader.octets().toString('latin1');
  const pduType = reader.peek();
  reader.enter(pduType);
  const requestId = reader.integer();
  reader.integer();
  reader.integer();
  reader.enter(0x30);
  const oids: string[] = [];
  while (!reader.atEnd()) {
    reader.enter(0x30);
    oids.push(reader.oid());
    reader.skip();
  }
  return { version, community, pduType, requestId, oids };
}

class Reader {
  private offset = 0;
  constructor(private readonly buffer: Buffer) {}

  peek(): number {
    return this.buffer[this.offset] ?? -1;
  }

  atEnd(): boolean {
    return this.offset >= this.buffer.length;
  }

  enter(tag: number): void {
    this.expect(tag);
    this.length();
  }

  integer(): number {
    this.expect(0x02);
    const length = this.length();
    let value = 0n;
    for (let i = 0; i < length; i += 1)
      value = (value << 8n) | BigInt(this.buffer[this.offset + i] ?? 0);
    if (length > 0 && (this.buffer[this.offset] ?? 0) & 0x80) value -= 1n << BigInt(8 * length);
    this.offset += length;
    return Number(value);
  }

  octets(): Buffer {
    this.expect(0x04);
    const length = this.length();
    const value = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  oid(): string {
    this.expect(0x06);
    const length = this.length();
    const end = this.offset + length;
    const first = this.buffer[this.offset++] ?? 0;
    const arcs = [Math.floor(first / 40), first % 40];
    let arc = 0;
    while (this.offset < end) {
      const byte = this.buffer[this.offset++] ?? 0;
      arc = arc * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) {
        arcs.push(arc);
        arc = 0;
      }
    }
    return arcs.join('.');
  }

  skip(): void {
    this.offset += 1;
    const length = this.length();
    this.offset += length;
  }

  private expect(tag: number): void {
    const found = this.buffer[this.offset++];
    if (found !== tag)
      throw new Error(`expected tag 0x${tag.toString(16)}, found 0x${(found ?? -1).toString(16)}`);
  }

  private length(): number {
    const first = this.buffer[this.offset++] ?? 0;
    if (first < 0x80) return first;
    let length = 0;
    for (let i = 0; i < (first & 0x7f); i += 1)
      length = length * 256 + (this.buffer[this.offset++] ?? 0);
    return length;
  }
}
