import { jest } from '@jest/globals';
import { createNetSnmpClientFactory } from './net-snmp-client.js';
import { compareOids } from './oid.js';
import { SharedUdpTransport } from './shared-udp-transport.js';
import { DEFAULT_REQUEST_OPTIONS, type SnmpClient, type SnmpClientFactory } from './snmp-client.js';
import {
  integer,
  octets,
  response,
  startRawResponder,
  tlv,
  varbind,
  type ParsedRequest,
  type RawResponder,
} from './test-support/raw-snmp-responder.js';

const ADDRESS = '127.31.0.1';
const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const SYS_NAME = '1.3.6.1.2.1.1.5.0';
const MARKER_LIFE = '1.3.6.1.2.1.43.10.2.1.4.1.1';
const NO_SUCH_OBJECT = Buffer.from([0x80, 0x00]);
const END_OF_MIB = Buffer.from([0x82, 0x00]);

jest.setTimeout(30_000);

describe('NetSnmpClient against hand-made answers', () => {
  let responder: RawResponder | undefined;
  let transport: SharedUdpTransport;
  let factory: SnmpClientFactory;
  let client: SnmpClient | undefined;

  beforeEach(() => {
    transport = new SharedUdpTransport({ sourceAddress: '127.0.0.1' });
  });

  afterEach(async () => {
    client?.close();
    factory.close();
    transport.close();
    await responder?.close();
    responder = undefined;
    client = undefined;
  });

  async function connect(
    reply: (request: ParsedRequest) => Buffer | null,
    options: Partial<typeof DEFAULT_REQUEST_OPTIONS> & { version?: '1' | '2c' } = {},
  ): Promise<SnmpClient> {
    responder = await startRawResponder(ADDRESS, reply);
    factory = createNetSnmpClientFactory({
      credentials: { version: options.version ?? '2c', community: 'public' },
      request: { ...DEFAULT_REQUEST_OPTIONS, timeoutMs: 300, retries: 1, ...options },
      transport,
    });
    client = factory.create({ host: ADDRESS, port: responder.port });
    return client;
  }

  it('returns real values, drops noSuchObject, decodes Counter64 and binary strings', async () => {
    const snmp = await connect((request) =>
      response(request, [
        varbind(SYS_DESCR, octets('KYOCERA Document Solutions Printing System')),
        varbind(SYS_NAME, NO_SUCH_OBJECT),
        varbind(MARKER_LIFE, tlv(0x46, Buffer.from('0100000000', 'hex'))),
        varbind('1.3.6.1.2.1.2.2.1.6.1', octets(Buffer.from('001ba9123456', 'hex'))),
      ]),
    );
    const values = await snmp.get([SYS_DESCR, SYS_NAME, MARKER_LIFE, '1.3.6.1.2.1.2.2.1.6.1']);
    expect(values.map((value) => value.oid)).toEqual([
      SYS_DESCR,
      MARKER_LIFE,
      '1.3.6.1.2.1.2.2.1.6.1',
    ]);
    expect(Buffer.from(values[0]?.value as Uint8Array).toString()).toBe(
      'KYOCERA Document Solutions Printing System',
    );
    expect(values[1]).toEqual({ oid: MARKER_LIFE, type: 'Counter64', value: 4294967296n });
    expect([...(values[2]?.value as Uint8Array)]).toEqual([0x00, 0x1b, 0xa9, 0x12, 0x34, 0x56]);
  });

  it('fails fast with SNMP_MALFORMED_RESPONSE on a datagram that is not SNMP, and keeps running', async () => {
    const snmp = await connect(() => Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'), {
      timeoutMs: 5000,
    });
    const started = Date.now();
    await expect(snmp.get([SYS_DESCR])).rejects.toMatchObject({ code: 'SNMP_MALFORMED_RESPONSE' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails with SNMP_MALFORMED_RESPONSE on a truncated answer', async () => {
    const snmp = await connect(
      (request) => response(request, [varbind(SYS_DESCR, octets('x'.repeat(60)))]).subarray(0, 40),
      {
        timeoutMs: 5000,
      },
    );
    await expect(snmp.get([SYS_DESCR])).rejects.toMatchObject({ code: 'SNMP_MALFORMED_RESPONSE' });
  });

  it('fails with SNMP_MALFORMED_RESPONSE on an unknown value type', async () => {
    const snmp = await connect(
      (request) => response(request, [varbind(SYS_DESCR, tlv(0x9f, Buffer.from([1, 2])))]),
      {
        timeoutMs: 5000,
      },
    );
    await expect(snmp.get([SYS_DESCR])).rejects.toMatchObject({
      code: 'SNMP_MALFORMED_RESPONSE',
      message: expect.stringContaining(`${ADDRESS}:`),
    });
  });

  it('drops a value that does not fit its type (9-byte Counter64) and keeps the others', async () => {
    const snmp = await connect((request) =>
      response(request, [
        varbind(MARKER_LIFE, tlv(0x46, Buffer.from('010000000000000000', 'hex'))),
        varbind(SYS_DESCR, octets('ok')),
      ]),
    );
    const values = await snmp.get([MARKER_LIFE, SYS_DESCR]);
    expect(values.map((value) => value.oid)).toEqual([SYS_DESCR]);
  });

  it('times out after the configured resends with SNMP_TIMEOUT', async () => {
    const snmp = await connect(() => null, { timeoutMs: 150, retries: 2 });
    await expect(snmp.get([SYS_DESCR])).rejects.toMatchObject({
      code: 'SNMP_TIMEOUT',
      message: expect.stringContaining('150 ms (2 retries)'),
    });
    expect(responder?.requests).toHaveLength(3);
  });

  it('walks with GETBULK until the answer leaves the subtree', async () => {
    const table = [1, 2, 3, 4, 5].map((row) => `1.3.6.1.2.1.43.11.1.1.9.1.${row}`);
    const snmp = await connect(
      (request) => {
        const from = request.oids[0] ?? '';
        const rest = table.filter(
          (name) => name.localeCompare(from, 'en', { numeric: true }) > 0 && name !== from,
        );
        const rows = rest
          .slice(0, 2)
          .map((name) => varbind(name, integer(Number(name.split('.').pop()) * 10)));
        if (rows.length < 2) rows.push(varbind('1.3.6.1.2.1.43.12.1.1.2.1.1', integer(1)));
        return response(request, rows);
      },
      { maxRepetitions: 2 },
    );
    const values = await snmp.walk('1.3.6.1.2.1.43.11.1.1.9');
    expect(values.map((value) => [value.oid, value.value])).toEqual(
      table.map((name, i) => [name, (i + 1) * 10]),
    );
    expect(responder?.requests.every((request) => request.pduType === 0xa5)).toBe(true);
    expect(responder?.requests).toHaveLength(3);
  });

  it('stops a walk at endOfMibView', async () => {
    const snmp = await connect((request) =>
      response(request, [
        varbind('1.3.6.1.2.1.43.18.1.1.8.1.1', octets('Paper jam')),
        varbind('1.3.6.1.2.1.43.18.1.1.8.1.1', END_OF_MIB),
      ]),
    );
    const values = await snmp.walk('1.3.6.1.2.1.43.18');
    expect(values).toHaveLength(1);
  });

  it('refuses a walk whose OIDs do not increase (an agent looping forever)', async () => {
    const snmp = await connect((request) =>
      response(request, [varbind('1.3.6.1.2.1.43.11.1.1.9.1.1', integer(5))]),
    );
    await expect(snmp.walk('1.3.6.1.2.1.43.11.1.1.9')).rejects.toMatchObject({
      code: 'SNMP_WALK_NOT_INCREASING',
    });
  });

  it('cuts a walk that never ends at maxWalkVarBinds', async () => {
    let next = 1;
    const snmp = await connect(
      (request) => response(request, [varbind(`1.3.6.1.4.1.99.${next++}`, integer(1))]),
      { maxWalkVarBinds: 50 },
    );
    await expect(snmp.walk('1.3.6.1.4.1.99')).rejects.toMatchObject({ code: 'SNMP_WALK_TOO_LONG' });
  });

  it('SNMPv1: drops the OID named by noSuchName and asks again for the rest', async () => {
    const snmp = await connect(
      (request) => {
        const missing = request.oids.indexOf(SYS_NAME);
        if (missing >= 0)
          return response(
            request,
            request.oids.map((name) => varbind(name, Buffer.from([0x05, 0x00]))),
            2,
            missing + 1,
          );
        return response(
          request,
          request.oids.map((name) => varbind(name, octets(`value of ${name}`))),
        );
      },
      { version: '1' },
    );
    const values = await snmp.get([SYS_DESCR, SYS_NAME, MARKER_LIFE]);
    expect(values.map((value) => value.oid)).toEqual([SYS_DESCR, MARKER_LIFE]);
    expect(responder?.requests.map((request) => request.oids.length)).toEqual([3, 2]);
    expect(responder?.requests[0]?.version).toBe(0);
  });

  it('splits a GET the agent finds too big', async () => {
    const snmp = await connect((request) =>
      request.oids.length > 2
        ? response(request, [], 1, 0)
        : response(
            request,
            request.oids.map((name) => varbind(name, integer(1))),
          ),
    );
    const oids = [
      '1.3.6.1.2.1.1.1.0',
      '1.3.6.1.2.1.1.2.0',
      '1.3.6.1.2.1.1.3.0',
      '1.3.6.1.2.1.1.4.0',
      '1.3.6.1.2.1.1.5.0',
    ];
    const values = await snmp.get(oids);
    expect(values.map((value) => value.oid)).toEqual(oids);
  });

  it('routes answers of many hosts through one shared socket', async () => {
    const responders = await Promise.all(
      [2, 3, 4].map((host) =>
        startRawResponder(`127.31.0.${host}`, (request) =>
          response(request, [varbind(SYS_DESCR, octets(`host ${host}`))]),
        ),
      ),
    );
    factory = createNetSnmpClientFactory({
      credentials: { version: '2c', community: 'public' },
      request: { ...DEFAULT_REQUEST_OPTIONS, timeoutMs: 500 },
      transport,
    });
    try {
      const clients = responders.map((peer) =>
        factory.create({ host: peer.address, port: peer.port }),
      );
      const answers = await Promise.all(clients.map((peer) => peer.get([SYS_DESCR])));
      expect(
        answers.map((values) => Buffer.from(values[0]?.value as Uint8Array).toString()),
      ).toEqual(['host 2', 'host 3', 'host 4']);
      for (const peer of clients) peer.close();
      expect(transport.getStats()).toMatchObject({ sent: 3, received: 3, unrouted: 0 });
    } finally {
      await Promise.all(responders.map((peer) => peer.close()));
    }
  });

  it('routes answers by request-id when several sessions share one agent (communities on a proxy)', async () => {
    responder = await startRawResponder(ADDRESS, (request) =>
      response(request, [varbind(SYS_DESCR, octets(`data of ${request.community}`))]),
    );
    const port = responder.port;
    const factories = ['printer-a', 'printer-b', 'printer-c'].map((community) =>
      createNetSnmpClientFactory({
        credentials: { version: '2c', community },
        request: { ...DEFAULT_REQUEST_OPTIONS, timeoutMs: 500 },
        transport,
      }),
    );
    factory = factories[0] as SnmpClientFactory;
    const clients = factories.map((each) => each.create({ host: ADDRESS, port }));
    const answers = await Promise.all(
      clients.flatMap((peer) => [peer.get([SYS_DESCR]), peer.get([SYS_DESCR])]),
    );
    expect(answers.map((values) => Buffer.from(values[0]?.value as Uint8Array).toString())).toEqual(
      [
        'data of printer-a',
        'data of printer-a',
        'data of printer-b',
        'data of printer-b',
        'data of printer-c',
        'data of printer-c',
      ],
    );
    for (const peer of clients) peer.close();
    expect(transport.getStats()).toMatchObject({ sent: 6, received: 6, unrouted: 0 });
  });

  describe('walkAll', () => {
    const MIB: Array<[string, number]> = [
      ['1.3.6.1.2.1.2.2.1.3.1', 6],
      ['1.3.6.1.2.1.2.2.1.3.2', 24],
      ['1.3.6.1.2.1.2.2.1.6.1', 0],
      ...Array.from({ length: 12 }, (_, row): [string, number] => [
        `1.3.6.1.2.1.43.11.1.1.9.1.${row + 1}`,
        100 - row,
      ]),
      ['1.3.6.1.2.1.43.12.1.1.4.1.1', 1],
      ['1.3.6.1.2.1.43.18.1.1.2.1.1', 3],
    ];
    const next = (oid: string): [string, number] | undefined =>
      MIB.find(([name]) => compareOids(name, oid) > 0);
    const bulk = (request: ParsedRequest, repetitions: number): Buffer => {
      const cursors = [...request.oids];
      const rows: Buffer[] = [];
      for (let repetition = 0; repetition < repetitions; repetition += 1) {
        cursors.forEach((cursor, column) => {
          const found = next(cursor);
          if (found === undefined) {
            rows.push(varbind(cursor, END_OF_MIB));
            return;
          }
          cursors[column] = found[0];
          rows.push(varbind(found[0], integer(found[1])));
        });
      }
      return response(request, rows);
    };
    const subtrees = ['1.3.6.1.2.1.2.2.1.3', '1.3.6.1.2.1.43.11.1.1.9', '1.3.6.1.2.1.43.18'];
    const expected = MIB.filter(([name]) =>
      subtrees.some((subtree) => name.startsWith(`${subtree}.`)),
    );

    it('walks several subtrees side by side in few GETBULKs', async () => {
      const snmp = await connect((request) => bulk(request, 4), { maxVarBindsPerBulk: 12 });
      const values = await snmp.walkAll(subtrees);
      expect(values.map((value) => [value.oid, value.value])).toEqual(expected);
      expect(responder?.requests[0]?.oids).toEqual(subtrees);
      expect(responder?.requests.length).toBeLessThanOrEqual(4);
    });

    it('falls back to one subtree at a time when the agent refuses multi-variable GETBULKs', async () => {
      const snmp = await connect((request) =>
        request.oids.length > 1 ? response(request, [], 5, 1) : bulk(request, 5),
      );
      const values = await snmp.walkAll(subtrees);
      expect(values.map((value) => [value.oid, value.value])).toEqual(expected);
      expect(responder?.requests.slice(1).every((request) => request.oids.length === 1)).toBe(true);
    });
  });
});
