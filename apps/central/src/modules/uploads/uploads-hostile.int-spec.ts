import { buildPayloadXml, packUpload } from '@printbeat/payload';
import {
  device,
  enrolledAgentOf,
  pack,
  payloadOf,
  reading,
  startChannel,
  upload,
  type AgentIdentity,
  type Channel,
  type GatewayResponse,
} from '../../gateway/test-support/agent-channel.js';
import { craftArchive } from '../../gateway/test-support/crafted-archive.js';

/** A validly signed upload whose payload.xml holds 30 MB of `<x/>`: within every size limit. */
async function elementFlood(agent: AgentIdentity): Promise<Buffer> {
  const payload = payloadOf(agent.agentId, [
    device('FLOOD-1', '127.0.60.1', [reading('2026-03-01T10:00:00.000Z', 1000, 50)]),
  ]);
  const xml = buildPayloadXml(payload).replace('<devices>', `<devices>${'<x/>'.repeat(7_500_000)}`);
  return craftArchive({ payload, signingKeyPem: agent.privateKeyPem, xml });
}

function smallUpload(agent: AgentIdentity, serial: string): Promise<Buffer> {
  return pack(
    agent,
    payloadOf(agent.agentId, [
      device(serial, '127.0.61.1', [reading('2026-03-01T10:00:00.000Z', 1000, 50)]),
    ]),
  );
}

/** Polls `/health` on the web port until stopped; resolves with the slowest answer in ms. */
function watchHealth(channel: Channel): { stop: () => Promise<number> } {
  let running = true;
  let slowest = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${channel.t.baseUrl}/health`, {
        signal: AbortSignal.timeout(5_000),
      });
      expect(response.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return slowest;
    },
  };
}

describe('hostile uploads: parsing off the event loop, with hard limits', () => {
  let channel: Channel;
  let agent: AgentIdentity;

  beforeAll(async () => {
    channel = await startChannel();
    ({ agent } = await enrolledAgentOf(channel, 'flood'));
  }, 120_000);
  afterAll(() => channel?.t.close());

  it('refuses concurrent element floods with the named limit while /health keeps answering', async () => {
    const flood = await elementFlood(agent);
    expect(flood.length).toBeLessThan(64 * 1024);
    const health = watchHealth(channel);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => upload(channel, agent, flood)),
    );
    const slowest = await health.stop();
    for (const answer of answers) {
      expect([answer.status, answer.body.error.code]).toEqual([413, 'XML_TOO_MANY_ELEMENTS']);
      expect(answer.body.error.message).toBe(
        'XML element count exceeds 1000000 (limit maxXmlElements)',
      );
    }
    expect(slowest).toBeLessThan(1_000);
    // Central still takes a good upload afterwards.
    const good = await upload(channel, agent, await smallUpload(agent, 'AFTER-FLOOD'));
    expect(good.body).toMatchObject({ status: 'accepted', devices: 1 });
  }, 300_000);

  it('echoes no more than a short excerpt of a 10 MB attribute name', async () => {
    const payload = payloadOf(agent.agentId, [
      device('ECHO-1', '127.0.60.2', [reading('2026-03-01T10:00:00.000Z', 1000, 50)]),
    ]);
    const xml = buildPayloadXml(payload).replace(
      '<upload ',
      `<upload ${'a'.repeat(10_000_000)}="1" `,
    );
    const answer = await upload(
      channel,
      agent,
      await craftArchive({ payload, signingKeyPem: agent.privateKeyPem, xml }),
    );
    expect([answer.status, answer.body.error.code]).toEqual([413, 'XML_NAME_TOO_LONG']);
    expect(answer.body.error.message).toContain('(limit maxXmlNameLength)');
    expect(JSON.stringify(answer.body).length).toBeLessThan(400);
  }, 120_000);
});

describe('the parsing pool: one worker, no queue, a small heap', () => {
  let channel: Channel;
  let agent: AgentIdentity;

  beforeAll(async () => {
    channel = await startChannel({
      UPLOAD_WORKERS: '1',
      UPLOAD_QUEUE_MAX: '0',
      UPLOAD_WORKER_HEAP_MB: '16',
      UPLOAD_RETRY_AFTER_SECONDS: '3',
    });
    ({ agent } = await enrolledAgentOf(channel, 'pool'));
  }, 120_000);
  afterAll(() => channel?.t.close());

  it('answers 503 with Retry-After when every worker is busy and the queue is full', async () => {
    const zips = await Promise.all(
      Array.from({ length: 6 }, (_, index) => smallUpload(agent, `BUSY-${index}`)),
    );
    const answers = await Promise.all(zips.map((zip) => upload(channel, agent, zip)));
    const busy = answers.filter((answer) => answer.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const answer of busy) {
      expect(answer.body.error.code).toBe('UPLOADS_BUSY');
      expect(answer.headers['retry-after']).toBe('3');
    }
    expect(answers.every((answer) => [200, 503].includes(answer.status))).toBe(true);
    // Sent again one at a time (as the agent does after Retry-After), each is taken.
    for (const [index, answer] of answers.entries()) {
      if (answer.status !== 503) continue;
      const again: GatewayResponse = await upload(channel, agent, zips[index]!);
      expect(again.body).toMatchObject({ status: 'accepted' });
    }
  }, 180_000);

  it('refuses an upload whose worker dies at its heap limit, and replaces the worker', async () => {
    const devices = Array.from({ length: 5_000 }, (_, index) =>
      device(`HEAP-${index}`, `127.0.${70 + Math.floor(index / 250)}.${(index % 250) + 1}`, [
        reading('2026-03-01T10:00:00.000Z', 1000 + index, 50),
      ]),
    );
    const big = await packUpload({
      payload: payloadOf(agent.agentId, devices),
      signManifest: agent.privateKeyPem,
    });
    const health = watchHealth(channel);
    const refused = await upload(channel, agent, Buffer.from(big.zip));
    const slowest = await health.stop();
    expect([refused.status, refused.body.error.code]).toEqual([413, 'UPLOAD_TOO_COMPLEX']);
    expect(refused.body.error.message).toContain('UPLOAD_WORKER_HEAP_MB');
    expect(slowest).toBeLessThan(1_000);
    const next = await upload(channel, agent, await smallUpload(agent, 'AFTER-HEAP'));
    expect(next.body).toMatchObject({ status: 'accepted', devices: 1 });
  }, 180_000);
});
