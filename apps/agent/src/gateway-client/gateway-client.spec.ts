import { isTlsTrustFailure } from '../commands/doctor.checks.js';
import { GatewayClient, GatewayError } from './gateway-client.js';
import {
  AGENT_ID,
  sendJson,
  startTlsTestServer,
  type TlsTestServer,
} from './test-support/tls-test-server.js';
import { startConnectProxy } from '../../../../tools/testing/connect-proxy.js';

describe('GatewayClient against a real HTTPS server (mTLS)', () => {
  let server: TlsTestServer;
  let client: GatewayClient;

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
  beforeEach(() => server.requests.splice(0));

  async function failure(call: Promise<unknown>): Promise<GatewayError> {
    try {
      await call;
    } catch (error) {
      if (error instanceof GatewayError) return error;
      throw error;
    }
    throw new Error('expected the call to fail');
  }

  it('presents the client certificate and sends the upload id and zip bytes', async () => {
    server.handle((req, res) =>
      sendJson(res, 201, { uploadId: req.headers['x-upload-id'], status: 'accepted', devices: 1 }),
    );
    const ack = await client.upload('u-1', new Uint8Array([0x50, 0x4b, 3, 4]));
    expect(ack).toEqual({ uploadId: 'u-1', status: 'accepted', devices: 1 });
    const [request] = server.requests;
    expect(request).toMatchObject({
      method: 'POST',
      url: '/agent/v1/uploads',
      clientCertificateCn: AGENT_ID,
    });
    expect(request!.headers['content-type']).toBe('application/zip');
    expect([...request!.body]).toEqual([0x50, 0x4b, 3, 4]);
  });

  it('sends the facts header on authenticated calls, and none when facts fail', async () => {
    const facts = JSON.stringify({ version: '9.9.9', lockDown: true });
    let gather = () => Promise.resolve<string | null>(facts);
    const withFacts = new GatewayClient({
      centralUrl: server.url,
      caPem: server.caPem,
      identity: server.client,
      timeoutMs: 5000,
      facts: () => gather(),
    });
    server.handle((_req, res) => sendJson(res, 200, { commands: [], configVersion: 1 }));
    await withFacts.fetchCommands();
    gather = () => Promise.reject(new Error('statfs failed'));
    await withFacts.fetchCommands();
    expect(server.requests.map((r) => r.headers['x-agent-facts'])).toEqual([facts, undefined]);
  });

  it("maps 4xx to a non-retryable error carrying central's code and message", async () => {
    server.handle((_req, res) =>
      sendJson(res, 422, { error: { code: 'PAYLOAD_INVALID', message: 'bad xml' } }),
    );
    const error = await failure(client.upload('u-2', new Uint8Array([1])));
    expect(error).toMatchObject({
      code: 'PAYLOAD_INVALID',
      status: 422,
      retryable: false,
      retryAfterMs: null,
    });
    expect(error.message).toContain('422 bad xml');
  });

  it('maps 5xx and 429 to retryable errors, honouring Retry-After', async () => {
    server.handle((_req, res) =>
      sendJson(
        res,
        503,
        { error: { code: 'UNAVAILABLE', message: 'later' } },
        { 'retry-after': '7' },
      ),
    );
    expect(await failure(client.fetchCommands())).toMatchObject({
      code: 'UNAVAILABLE',
      status: 503,
      retryable: true,
      retryAfterMs: 7000,
    });
    server.handle((_req, res) => sendJson(res, 429, undefined, { 'retry-after': '2' }));
    expect(await failure(client.fetchCommands())).toMatchObject({
      code: 'HTTP_429',
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
    server.handle((_req, res) => sendJson(res, 500, 'not json at all'));
    expect(await failure(client.fetchCommands())).toMatchObject({
      code: 'HTTP_500',
      retryable: true,
      retryAfterMs: null,
    });
  });

  it("reads the config version announced with the commands; an older central's answer has none", async () => {
    server.handle((_req, res) => sendJson(res, 200, { commands: [], configVersion: 7 }));
    await expect(client.fetchCommands()).resolves.toEqual({ commands: [], configVersion: 7 });
    server.handle((_req, res) => sendJson(res, 200, { commands: [] }));
    await expect(client.fetchCommands()).resolves.toEqual({ commands: [], configVersion: null });
    server.handle((_req, res) => sendJson(res, 200, { commands: [], configVersion: '7' }));
    await expect(client.fetchCommands()).resolves.toEqual({ commands: [], configVersion: null });
  });

  it('maps a refused connection to a retryable CENTRAL_UNREACHABLE', async () => {
    const down = new GatewayClient({
      centralUrl: 'https://127.0.0.1:1',
      caPem: server.caPem,
      identity: server.client,
      timeoutMs: 2000,
    });
    const error = await failure(down.fetchCommands());
    expect(error).toMatchObject({ code: 'CENTRAL_UNREACHABLE', status: null, retryable: true });
    expect(isTlsTrustFailure(error.message)).toBe(false);
  });

  it('refuses a server whose certificate is not from the configured CA (retryable: it may be a captive proxy)', async () => {
    const other = await startTlsTestServer();
    try {
      const wrongCa = new GatewayClient({
        centralUrl: server.url,
        caPem: other.caPem,
        identity: server.client,
        timeoutMs: 5000,
      });
      const error = await failure(wrongCa.fetchCommands());
      expect(error.code).toBe('CENTRAL_UNREACHABLE');
      // doctor tells this apart from a network failure by the TLS code in the message.
      expect(isTlsTrustFailure(error.message)).toBe(true);
      expect(server.requests).toEqual([]);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('sends the config version as If-None-Match and reads 304 as "unchanged"', async () => {
    server.handle((req, res) =>
      req.headers['if-none-match'] === '"4"'
        ? res.writeHead(304).end()
        : sendJson(res, 200, { version: 5 }),
    );
    expect(await client.fetchConfig(4)).toBeNull();
    expect(await client.fetchConfig(null)).toEqual({ version: 5 });
    expect(server.requests.map((r) => r.headers['if-none-match'])).toEqual(['"4"', undefined]);
  });

  it("keeps central's Date header of the last answer, to compare clocks", async () => {
    server.handle((_req, res) =>
      res.writeHead(200, { date: 'Tue, 01 Dec 2026 10:00:00 GMT' }).end('{}'),
    );
    const fresh = new GatewayClient({
      centralUrl: server.url,
      caPem: server.caPem,
      identity: server.client,
      timeoutMs: 5000,
    });
    expect(fresh.serverDate).toBeNull();
    await fresh.fetchConfig(null);
    expect(fresh.serverDate?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('does not call central without an identity, except to enroll', async () => {
    const anonymous = new GatewayClient({ centralUrl: server.url, caPem: server.caPem });
    expect(await failure(anonymous.fetchCommands())).toMatchObject({
      code: 'NOT_ENROLLED',
      retryable: false,
    });
    server.handle((req, res) =>
      sendJson(res, 201, { agentId: 'a', csr: JSON.parse(req.body.toString()).csr }),
    );
    await expect(
      anonymous.enroll({
        registrationKey: 'k',
        csr: 'CSR',
        facts: { hostname: 'h', os: 'o', agentVersion: 'v' },
      }),
    ).resolves.toEqual({ agentId: 'a', csr: 'CSR' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      url: '/agent/v1/enroll',
      clientCertificateCn: null,
    });
  });
});

const NO_COMMANDS = { commands: [], configVersion: null };

describe('GatewayClient through an HTTPS proxy', () => {
  let server: TlsTestServer;
  let proxy: Awaited<ReturnType<typeof startConnectProxy>>;

  beforeAll(async () => {
    server = await startTlsTestServer();
    proxy = await startConnectProxy();
    server.handle((_req, res) => sendJson(res, 200, { commands: [] }));
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  const clientWith = (noProxy: string | undefined) =>
    new GatewayClient({
      centralUrl: server.url,
      caPem: server.caPem,
      identity: server.client,
      proxyUrl: proxy.url,
      noProxy,
      timeoutMs: 5000,
    });

  it('tunnels through the proxy, unless NO_PROXY names central', async () => {
    const before = proxy.tunnels();
    await expect(clientWith(undefined).fetchCommands()).resolves.toEqual(NO_COMMANDS);
    expect(proxy.tunnels()).toBe(before + 1);
    await expect(clientWith('intranet.example, 127.0.0.0/8').fetchCommands()).resolves.toEqual(
      NO_COMMANDS,
    );
    await expect(clientWith(new URL(server.url).hostname).fetchCommands()).resolves.toEqual(
      NO_COMMANDS,
    );
    expect(proxy.tunnels()).toBe(before + 1);
    await expect(clientWith('intranet.example').fetchCommands()).resolves.toEqual(NO_COMMANDS);
    expect(proxy.tunnels()).toBe(before + 2);
  });
});
