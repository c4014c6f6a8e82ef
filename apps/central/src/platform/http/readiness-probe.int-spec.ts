import { createServer, type Server, type Socket } from 'node:net';
import { READINESS_TIMEOUT_MS, ReadinessProbe } from './readiness-probe.js';

/** A TCP peer that accepts connections and never says a word: a frozen database. */
async function blackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `postgresql://nobody:nothing@127.0.0.1:${port}/none`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function timed(probe: ReadinessProbe): Promise<{ answers: boolean; ms: number }> {
  const started = performance.now();
  const answers = await probe.databaseAnswers();
  return { answers, ms: performance.now() - started };
}

describe('ReadinessProbe', () => {
  it('answers true when the database answers', async () => {
    const probe = new ReadinessProbe({ ownerUrl: process.env.PRINTBEAT_TEST_DATABASE_URL! });
    try {
      expect((await timed(probe)).answers).toBe(true);
    } finally {
      await probe.onApplicationShutdown();
    }
  });

  it('answers false within its timeout while the database is frozen, however often asked', async () => {
    const frozen = await blackHole();
    const probe = new ReadinessProbe({ ownerUrl: frozen.url });
    try {
      const results = await Promise.all([timed(probe), timed(probe), timed(probe)]);
      for (const result of results) {
        expect(result.answers).toBe(false);
        expect(result.ms).toBeLessThan(READINESS_TIMEOUT_MS + 500);
      }
    } finally {
      await probe.onApplicationShutdown();
      await frozen.close();
    }
  });
});
