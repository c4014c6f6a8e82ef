import { createServer, type Server } from 'node:http';
import { AddressList } from '../../platform/http/address-list.js';
import { postWebhook } from './webhook-http.js';
import { WebhookTargetRefusedError, WebhookTargets } from './webhook-target.js';

describe('postWebhook (real HTTP on loopback)', () => {
  let server: Server;
  let port = 0;
  let received = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      received += 1;
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (targets: WebhookTargets, host: string) =>
    postWebhook(targets, {
      url: `http://${host}:${port}/hook`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      timeoutMs: 5_000,
    });

  it('delivers to an allowed address and returns the status', async () => {
    const before = received;
    await expect(
      post(new WebhookTargets(new AddressList(['127.0.0.0/8'])), '127.0.0.1'),
    ).resolves.toBe(204);
    expect(received).toBe(before + 1);
  });

  it('refuses a literal loopback address and a name that resolves to one, without connecting', async () => {
    const before = received;
    const strict = new WebhookTargets(new AddressList([]));
    await expect(post(strict, '127.0.0.1')).rejects.toBeInstanceOf(WebhookTargetRefusedError);
    // The name is resolved when connecting: what it resolves to then is what is judged.
    await expect(post(strict, 'localhost')).rejects.toThrow(/localhost resolves to .* loopback/);
    expect(received).toBe(before);
  });
});
