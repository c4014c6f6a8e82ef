import { buildPayloadXml, packUpload } from '@printbeat/payload';
import {
  device,
  enrolledAgentOf,
  gatewayRequest,
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

/** A validly signed upload whose payload.xml is `xml` with `flood` right after `<devices>`. */
async function floodOf(agent: AgentIdentity, flood: string): Promise<Buffer> {
  const payload = payloadOf(agent.agentId, [
    device('FLOOD-1', '127.0.60.1', [reading('2026-03-01T10:00:00.000Z', 1000, 50)]),
  ]);
  const xml = buildPayloadXml(payload).replace('<devices>', `<devices>${flood}`);
  return craftArchive({ payload, signingKeyPem: agent.privateKeyPem, xml });
}

/** 30 MB of `<x/>`: within every size limit, and no element the format knows. */
const unknownFlood = () => '<x/>'.repeat(7_500_000);

/** 28 MB of structurally legal devices of minimal readings: only the element count stops it. */
function knownFlood(): string {
  const minimal = '<reading takenAt="t"><counters/><supplies/><status/><alerts/></reading>';
  const readings = minimal.repeat(1_000);
  return Array.from(
    { length: 400 },
    (_, index) =>
      `<device address="d${index}"><identity/><readings>${readings}</readings></device>`,
  ).join('');
}

/** A flood waits for a worker behind the others on a loaded machine: more than the usual 30 s. */
function uploadSlowly(
  channel: Channel,
  agent: AgentIdentity,
  zip: Buffer,
): Promise<GatewayResponse> {
  return gatewayRequest(channel, 'POST', 'uploads', {
    body: zip,
    headers: { 'content-type': 'application/zip' },
    identity: agent,
    timeoutMs: 240_000,
  });
}

function smallUpload(agent: AgentIdentity, serial: string): Promise<Buffer> {
  return pack(
    agent,
    payloadOf(agent.agentId, [
      device(serial, '127.0.61.1', [reading('2026-03-01T10:00:00.000Z', 1000, 50)]),
    ]),
  );
}

const watchers = new Set<() => Promise<number>>();

/**
 * How much of the watched time the slowest /health answer took (0 when every answer came within
 * a second): an event loop held by a parse answers nothing for about the whole parse (near 1),
 * while a loaded machine slows every answer alike without one swallowing the rest.
 */
function stalledShare(slowestMs: number, watchedMs: number): number {
  return slowestMs < 1_000 ? 0 : slowestMs / watchedMs;
}

/**
 * Polls `/health` on the web port until stopped; resolves with `stalledShare` (an answer other
 * than 200 counts as infinitely slow; one that never came counts for the time waited).
 */
function watchHealth(channel: Channel): { stop: () => Promise<number> } {
  let running = true;
  let slowest = 0;
  const since = performance.now();
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const status = await fetch(`${channel.t.baseUrl}/health`, {
        signal: AbortSignal.timeout(30_000),
      })
        .then((response) => response.status)
        .catch(() => null);
      slowest =
        status === 200 || status === null
          ? Math.max(slowest, performance.now() - started)
          : Infinity;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const stop = async () => {
    running = false;
    watchers.delete(stop);
    await loop;
    return stalledShare(slowest, performance.now() - since);
  };
  watchers.add(stop);
  return { stop };
}

/** A test that failed half-way leaves no poller running into the next one. */
afterEach(async () => {
  await Promise.all([...watchers].map((stop) => stop()));
});

describe('hostile uploads: parsing off the event loop, with hard limits', () => {
  let channel: Channel;
  let agent: AgentIdentity;

  beforeAll(async () => {
    channel = await startChannel();
    ({ agent } = await enrolledAgentOf(channel, 'flood'));
  }, 120_000);
  afterAll(() => channel?.t.close());

  it('refuses concurrent element floods with the named limit while /health keeps answering', async () => {
    const flood = await floodOf(agent, knownFlood());
    expect(flood.length).toBeLessThan(256 * 1024);
    const health = watchHealth(channel);
    // As many as there are workers: each parses a million elements while /health is polled.
    const answers = await Promise.all(
      Array.from({ length: 2 }, () => uploadSlowly(channel, agent, flood)),
    );
    const stalled = await health.stop();
    for (const answer of answers) {
      expect([answer.status, answer.body.error.code]).toEqual([413, 'XML_TOO_MANY_ELEMENTS']);
      expect(answer.body.error.message).toBe(
        'XML element count exceeds 1000000 (limit maxXmlElements)',
      );
    }
    expect(stalled).toBeLessThan(0.5);
    // Central still takes a good upload afterwards.
    const good = await upload(channel, agent, await smallUpload(agent, 'AFTER-FLOOD'));
    expect(good.body).toMatchObject({ status: 'accepted', devices: 1 });
  }, 300_000);

  it('refuses a flood of unknown elements at the first one', async () => {
    const flood = await floodOf(agent, unknownFlood());
    expect(flood.length).toBeLessThan(64 * 1024);
    const health = watchHealth(channel);
    // As many as there are workers: each parses a million elements while /health is polled.
    const answers = await Promise.all(
      Array.from({ length: 2 }, () => uploadSlowly(channel, agent, flood)),
    );
    const stalled = await health.stop();
    for (const answer of answers) {
      expect([answer.status, answer.body.error]).toEqual([
        422,
        {
          code: 'SCHEMA_VIOLATION',
          message: 'devices: unexpected element <x> in <devices>',
          requestId: expect.any(String),
        },
      ]);
    }
    expect(stalled).toBeLessThan(0.5);
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

  /** 5,000 devices: more than a 16 MB worker heap can parse. */
  async function bigUpload(): Promise<Buffer> {
    const devices = Array.from({ length: 5_000 }, (_, index) =>
      device(`HEAP-${index}`, `127.0.${70 + Math.floor(index / 250)}.${(index % 250) + 1}`, [
        reading('2026-03-01T10:00:00.000Z', 1000 + index, 50),
      ]),
    );
    const packed = await packUpload({
      payload: payloadOf(agent.agentId, devices),
      signManifest: agent.privateKeyPem,
    });
    return Buffer.from(packed.zip);
  }

  it('answers 503 with Retry-After when every worker is busy and the queue is full', async () => {
    // The big upload keeps the only worker busy while the small ones arrive.
    const big = await bigUpload();
    const zips = await Promise.all(
      Array.from({ length: 8 }, (_, index) => smallUpload(agent, `BUSY-${index}`)),
    );
    const [bigAnswer, ...answers] = await Promise.all([
      uploadSlowly(channel, agent, big),
      ...zips.map((zip) => upload(channel, agent, zip)),
    ]);
    expect([413, 503]).toContain(bigAnswer.status);
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
    const big = await bigUpload();
    const health = watchHealth(channel);
    const refused = await uploadSlowly(channel, agent, big);
    const stalled = await health.stop();
    expect([refused.status, refused.body.error.code]).toEqual([413, 'UPLOAD_TOO_COMPLEX']);
    expect(refused.body.error.message).toContain('UPLOAD_WORKER_HEAP_MB');
    expect(stalled).toBeLessThan(0.5);
    const next = await upload(channel, agent, await smallUpload(agent, 'AFTER-HEAP'));
    expect(next.body).toMatchObject({ status: 'accepted', devices: 1 });
  }, 180_000);
});
