import { jest } from '@jest/globals';
import { openSnmpBatch, type SnmpBatch } from './snmp-batch.js';
import { DEFAULT_REQUEST_OPTIONS, type SnmpClientFactory } from './snmp-client.js';
import {
  octets,
  response,
  startRawResponder,
  varbind,
  type RawResponder,
} from './test-support/raw-snmp-responder.js';

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const CREDENTIALS = { version: '2c', community: 'public' } as const;
const DEFAULTS = {
  ratePerSecond: 5000,
  request: { ...DEFAULT_REQUEST_OPTIONS, timeoutMs: 150, retries: 0 },
};

jest.setTimeout(30_000);

describe('openSnmpBatch over real UDP', () => {
  const responders: RawResponder[] = [];
  let batch: SnmpBatch | undefined;

  afterEach(async () => {
    batch?.close();
    batch = undefined;
    await Promise.all(responders.splice(0).map((responder) => responder.close()));
  });

  async function answering(hosts: number[]): Promise<RawResponder[]> {
    const started = await Promise.all(
      hosts.map((host) =>
        startRawResponder(`127.32.0.${host}`, (request) =>
          response(request, [varbind(SYS_DESCR, octets(`host ${host}`))]),
        ),
      ),
    );
    responders.push(...started);
    return started;
  }

  async function sysDescrOf(open: SnmpBatch, peers: RawResponder[]): Promise<string[]> {
    return Promise.all(
      peers.map(async (peer) => {
        const client = open.factory.create({ host: peer.address, port: peer.port });
        try {
          const [value] = await client.get([SYS_DESCR]);
          return Buffer.from(value?.value as Uint8Array).toString();
        } finally {
          client.close();
        }
      }),
    );
  }

  it('reads many hosts through one shared socket and counts its datagrams', async () => {
    const peers = await answering([1, 2, 3]);
    batch = openSnmpBatch({ credentials: CREDENTIALS, sourceAddress: '127.0.0.1' }, DEFAULTS);
    await expect(sysDescrOf(batch, peers)).resolves.toEqual(['host 1', 'host 2', 'host 3']);
    expect(batch.transportStats()).toEqual({ sent: 3, received: 3, unrouted: 0 });
  });

  it('takes timeout and retries from the options over the defaults', async () => {
    const silent = await startRawResponder('127.32.0.9', () => null);
    responders.push(silent);
    const target = { host: silent.address, port: silent.port };

    const sentFor = async (open: SnmpBatch): Promise<number | undefined> => {
      const client = open.factory.create(target);
      try {
        await expect(client.get([SYS_DESCR])).rejects.toMatchObject({ code: 'SNMP_TIMEOUT' });
      } finally {
        client.close();
      }
      return open.transportStats()?.sent;
    };

    batch = openSnmpBatch({ credentials: CREDENTIALS }, DEFAULTS);
    await expect(sentFor(batch)).resolves.toBe(1);
    batch.close();
    batch = openSnmpBatch({ credentials: CREDENTIALS, timeoutMs: 100, retries: 2 }, DEFAULTS);
    await expect(sentFor(batch)).resolves.toBe(3);
  });

  it('paces every datagram of the batch by its rate', async () => {
    const peers = await answering([11, 12, 13, 14, 15, 16]);
    // 4 a second with a burst of 2: the last of six requests waits for the fourth token.
    batch = openSnmpBatch({ credentials: CREDENTIALS, ratePerSecond: 4 }, DEFAULTS);
    const started = performance.now();
    await expect(sysDescrOf(batch, peers)).resolves.toHaveLength(6);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('uses a replaced client factory as it is, with no socket of its own', () => {
    let closed = 0;
    const replaced: SnmpClientFactory = {
      create: () => {
        throw new Error('not used');
      },
      close: () => {
        closed += 1;
      },
    };
    batch = openSnmpBatch({ credentials: CREDENTIALS, clientFactory: replaced }, DEFAULTS);
    expect(batch.factory).toBe(replaced);
    expect(batch.transportStats()).toBeNull();
    batch.close();
    batch = undefined;
    expect(closed).toBe(1);
  });
});
