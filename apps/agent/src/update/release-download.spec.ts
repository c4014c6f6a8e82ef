import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayClient, GatewayError } from '../gateway-client/gateway-client.js';
import {
  startTlsTestServer,
  type TlsTestServer,
} from '../gateway-client/test-support/tls-test-server.js';

describe('release download with resume, against a real HTTPS server (mTLS)', () => {
  const artifact = randomBytes(256 * 1024);
  const dir = mkdtempSync(join(tmpdir(), 'pb-download-'));
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
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => server.requests.splice(0));

  /** Serves the artifact like central: Range from a byte on answers 206 with the rest. */
  function serve(options: { cutAfter?: number; ignoreRange?: boolean } = {}) {
    server.handle((req, res) => {
      const match = /^bytes=(\d+)-$/.exec(String(req.headers['range'] ?? ''));
      const start = match && !options.ignoreRange ? Number(match[1]) : 0;
      const body = artifact.subarray(start);
      res.writeHead(match && !options.ignoreRange ? 206 : 200, {
        'content-length': String(body.length),
        ...(match && !options.ignoreRange
          ? { 'content-range': `bytes ${start}-${artifact.length - 1}/${artifact.length}` }
          : {}),
      });
      if (options.cutAfter === undefined) {
        res.end(body);
        return;
      }
      res.write(body.subarray(0, options.cutAfter), () => res.socket?.destroy());
    });
  }

  it('a broken download keeps what arrived; the next one asks for the rest and completes it', async () => {
    const file = join(dir, 'resume.tar.gz.part');
    serve({ cutAfter: 100_000 });
    const error = await client.downloadArtifact('r-1', file, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('DOWNLOAD_INTERRUPTED');
    const have = statSync(file).size;
    expect(have).toBeGreaterThan(0);
    expect(have).toBeLessThan(artifact.length);
    expect(server.requests[0]?.headers['range']).toBeUndefined();

    serve();
    await client.downloadArtifact('r-1', file, have);
    expect(server.requests[1]?.url).toBe('/agent/v1/releases/r-1/artifact');
    expect(server.requests[1]?.headers['range']).toBe(`bytes=${have}-`);
    expect(readFileSync(file).equals(artifact)).toBe(true);
  });

  it('a server that answers 200 to a range request: the file starts over, not doubled', async () => {
    const file = join(dir, 'restart.tar.gz.part');
    writeFileSync(file, artifact.subarray(0, 1000));
    serve({ ignoreRange: true });
    await client.downloadArtifact('r-1', file, 1000);
    expect(readFileSync(file).equals(artifact)).toBe(true);
  });

  it('a refused download says the status', async () => {
    server.handle((_req, res) => res.writeHead(404).end());
    const error = await client
      .downloadArtifact('r-2', join(dir, 'missing.part'), 0)
      .catch((e: unknown) => e);
    expect((error as GatewayError).code).toBe('HTTP_404');
  });
});
