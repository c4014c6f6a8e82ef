import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { GatewayClient } from '../gateway-client/gateway-client.js';
import {
  sendJson,
  startTlsTestServer,
  type TlsTestServer,
} from '../gateway-client/test-support/tls-test-server.js';
import { Spool } from '../spool/spool.js';
import { drainSpool } from './uploader.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const log = pino({ level: 'silent' });

describe('drainSpool against a real HTTPS server', () => {
  let server: TlsTestServer;
  let client: GatewayClient;
  let dir: string;
  let spool: Spool;

  beforeAll(async () => {
    server = await startTlsTestServer();
    client = new GatewayClient({
      centralUrl: server.url,
      caPem: server.caPem,
      identity: server.client,
      timeoutMs: 5000,
    });
  }, 60_000);
  afterAll(() => server.close());
  beforeEach(async () => {
    server.requests.splice(0);
    dir = await mkdtemp(join(tmpdir(), 'drain-'));
    spool = new Spool(dir, 7);
    await spool.init();
    for (let n = 1; n <= 4; n++)
      await spool.add(id(n), new Uint8Array([n]), new Date(Date.UTC(2026, 10, 21, 9, n)));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const names = async (state: string) =>
    (await readdir(join(dir, state)))
      .filter((n) => n.endsWith('.zip'))
      .map((n) => n.slice(-40, -4));
  const sentIds = () => server.requests.map((r) => r.headers['x-upload-id']);

  it('sends oldest first; accepted and duplicate both leave pending, a 4xx goes to rejected with its reason', async () => {
    server.handle((req, res) => {
      const upload = req.headers['x-upload-id'];
      if (upload === id(2)) return sendJson(res, 200, { uploadId: upload, status: 'duplicate' });
      if (upload === id(3))
        return sendJson(res, 422, {
          error: { code: 'PAYLOAD_INVALID', message: 'no devices element' },
        });
      return sendJson(res, 201, { uploadId: upload, status: 'accepted' });
    });
    const outcome = await drainSpool(spool, client, log);
    expect(outcome).toEqual({ sent: 2, duplicates: 1, rejected: 1, remaining: 0, error: null });
    expect(sentIds()).toEqual([id(1), id(2), id(3), id(4)]);
    expect(server.requests.map((r) => [...r.body])).toEqual([[1], [2], [3], [4]]);
    expect(await names('pending')).toEqual([]);
    expect(await names('sent')).toEqual([id(1), id(2), id(4)]);
    expect(await names('rejected')).toEqual([id(3)]);
    const reasonFile = (await readdir(join(dir, 'rejected'))).find((n) =>
      n.endsWith('.reason.json'),
    )!;
    expect(JSON.parse(await readFile(join(dir, 'rejected', reasonFile), 'utf8'))).toMatchObject({
      code: 'PAYLOAD_INVALID',
    });
  });

  it('stops at a 5xx and keeps that file and everything after it pending, in order', async () => {
    server.handle((req, res) =>
      req.headers['x-upload-id'] === id(2)
        ? sendJson(res, 503, { error: { code: 'UNAVAILABLE', message: 'db down' } })
        : sendJson(res, 201, { uploadId: req.headers['x-upload-id'], status: 'accepted' }),
    );
    const outcome = await drainSpool(spool, client, log);
    expect(outcome).toMatchObject({ sent: 1, duplicates: 0, rejected: 0, remaining: 3 });
    expect(outcome.error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(sentIds()).toEqual([id(1), id(2)]);
    expect(await names('pending')).toEqual([id(2), id(3), id(4)]);

    // Central recovers: the next drain resumes with the oldest file.
    server.requests.splice(0);
    server.handle((req, res) =>
      sendJson(res, 201, { uploadId: req.headers['x-upload-id'], status: 'accepted' }),
    );
    expect(await drainSpool(spool, client, log)).toEqual({
      sent: 3,
      duplicates: 0,
      rejected: 0,
      remaining: 0,
      error: null,
    });
    expect(sentIds()).toEqual([id(2), id(3), id(4)]);
  });

  it('keeps files pending (not rejected) when central says the agent itself is refused (401/403)', async () => {
    server.handle((_req, res) =>
      sendJson(res, 403, { error: { code: 'AGENT_REVOKED', message: 'revoked' } }),
    );
    const outcome = await drainSpool(spool, client, log);
    expect(outcome).toMatchObject({ sent: 0, rejected: 0, remaining: 4 });
    expect(outcome.error).toMatchObject({ code: 'AGENT_REVOKED', retryable: false });
    expect(await names('pending')).toHaveLength(4);
  });

  it('stops before the next file once aborted', async () => {
    const controller = new AbortController();
    server.handle((req, res) => {
      controller.abort();
      sendJson(res, 201, { uploadId: req.headers['x-upload-id'], status: 'accepted' });
    });
    expect(await drainSpool(spool, client, log, controller.signal)).toMatchObject({
      sent: 1,
      remaining: 3,
      error: null,
    });
    expect(await names('pending')).toEqual([id(2), id(3), id(4)]);
  });
});
