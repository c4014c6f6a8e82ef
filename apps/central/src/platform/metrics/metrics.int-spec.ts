import { randomBytes } from 'node:crypto';
import PgBoss from 'pg-boss';
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
  type DealerSite,
} from '../../gateway/test-support/agent-channel.js';
import { startTestApp, type TestApp } from '../graphql/test-support/test-app.js';
import { ForbiddenError } from '../errors/domain.errors.js';
import { MetricsController } from './metrics.controller.js';

/** The value of one sample of the Prometheus text, e.g. `sample(text, 'x_total', { a: 'b' })`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.length === present.length && wanted.every((pair) => present.includes(pair)))
      return Number(match[3]);
  }
  return 0;
}

async function scrape(
  baseUrl: string,
  token?: string,
): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
}

describe('GET /metrics', () => {
  let channel: Channel;
  let fleet: DealerSite & { agent: AgentIdentity };

  beforeAll(async () => {
    channel = await startChannel({ UPLOAD_MAX_BYTES: String(256 * 1024) });
    fleet = await enrolledAgentOf(channel, 'metrics');
  }, 120_000);
  afterAll(() => channel?.t.close());

  it('counts accepted, duplicate and refused uploads, readings, ingest time and gateway refusals', async () => {
    const before = await scrape(channel.t.baseUrl);
    expect(before.status).toBe(200);
    expect(before.type).toContain('text/plain');
    expect(sample(before.text, 'printbeat_enrollments_total', { outcome: 'enrolled' })).toBe(1);
    expect(sample(before.text, 'printbeat_uploads_total', { outcome: 'accepted' })).toBe(0);
    // Default process metrics are there too.
    expect(before.text).toContain('process_cpu_user_seconds_total');

    const { agent } = fleet;
    const payload = payloadOf(agent.agentId, [
      device('MTR0001', '127.10.9.1', [
        reading('2026-04-01T10:00:00.000Z', 1000, 80),
        reading('2026-04-01T11:00:00.000Z', 1010, 79),
      ]),
      device('MTR0002', '127.10.9.2', [reading('2026-04-01T10:00:00.000Z', 2000, 50)]),
    ]);
    const zip = await pack(agent, payload);
    expect((await upload(channel, agent, zip)).body).toMatchObject({
      status: 'accepted',
      readings: 3,
    });
    expect((await upload(channel, agent, zip)).body).toMatchObject({ status: 'duplicate' });
    const garbage = await upload(channel, agent, Buffer.from('not a zip at all'));
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    const garbageCode = (garbage.body as { error: { code: string } }).error.code;
    // No client certificate: refused before the body is read.
    const anonymous = await gatewayRequest(channel, 'POST', 'uploads', { body: zip });
    expect(anonymous.body.error.code).toBe('CERTIFICATE_REQUIRED');
    const badKey = await gatewayRequest(channel, 'POST', 'enroll', {
      json: { registrationKey: 'pbk_nope', csr: 'x', facts: {} },
    });
    const badKeyCode = (badKey.body as { error: { code: string } }).error.code;

    const after = (await scrape(channel.t.baseUrl)).text;
    expect(sample(after, 'printbeat_uploads_total', { outcome: 'accepted' })).toBe(1);
    expect(sample(after, 'printbeat_uploads_total', { outcome: 'duplicate' })).toBe(1);
    expect(sample(after, 'printbeat_uploads_total', { outcome: 'refused' })).toBe(2);
    expect(sample(after, 'printbeat_upload_refusals_total', { code: garbageCode })).toBe(1);
    expect(sample(after, 'printbeat_upload_refusals_total', { code: 'CERTIFICATE_REQUIRED' })).toBe(
      1,
    );
    expect(
      sample(after, 'printbeat_gateway_refusals_total', { reason: 'CERTIFICATE_REQUIRED' }),
    ).toBe(1);
    expect(sample(after, 'printbeat_gateway_refusals_total', { reason: badKeyCode })).toBe(1);
    expect(sample(after, 'printbeat_enrollments_total', { outcome: 'refused' })).toBe(1);
    expect(sample(after, 'printbeat_ingest_device_readings_total')).toBe(3);
    expect(sample(after, 'printbeat_ingest_duration_seconds_count')).toBe(1);
    expect(sample(after, 'printbeat_ingest_duration_seconds_sum')).toBeGreaterThan(0);
    // Cross-tenant device count, read from the database at scrape time (other suites share it).
    expect(sample(after, 'printbeat_devices')).toBeGreaterThanOrEqual(2);
    // The web port's own requests, by route pattern.
    expect(
      sample(after, 'printbeat_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/metrics',
        status: '200',
      }),
    ).toBe(1);
    expect(
      sample(after, 'printbeat_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/graphql',
        status: '200',
      }),
    ).toBeGreaterThan(0);
  }, 90_000);

  it('reports the pg-boss queue depth and oldest overdue job per queue, read from its tables at scrape time', async () => {
    // A second client of central's own queue schema (each test app has its own).
    const boss = new PgBoss({
      connectionString: process.env['PRINTBEAT_TEST_DATABASE_URL']!,
      schema: channel.t.config.jobQueueSchema,
      max: 2,
      supervise: false,
      schedule: false,
    });
    await boss.start();
    try {
      const queue = `metrics-test-${randomBytes(4).toString('hex')}`;
      await boss.createQueue(queue);
      expect(
        sample((await scrape(channel.t.baseUrl)).text, 'printbeat_job_queue_depth', { queue }),
      ).toBe(0);
      expect(
        sample((await scrape(channel.t.baseUrl)).text, 'printbeat_job_queue_oldest_seconds', {
          queue,
        }),
      ).toBe(0);
      await boss.send(queue, { n: 1 });
      await boss.send(queue, { n: 2 });
      // Not due for an hour: waiting, but not overdue.
      await boss.send(queue, { n: 3 }, { startAfter: 3600 });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const text = (await scrape(channel.t.baseUrl)).text;
      expect(text).toContain(`printbeat_job_queue_depth{queue="${queue}"} 3`);
      const oldest = sample(text, 'printbeat_job_queue_oldest_seconds', { queue });
      expect(oldest).toBeGreaterThanOrEqual(1.4);
      expect(oldest).toBeLessThan(60);
      await boss.purgeQueue(queue);
      expect(
        sample((await scrape(channel.t.baseUrl)).text, 'printbeat_job_queue_depth', { queue }),
      ).toBe(0);
      await boss.deleteQueue(queue);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 60_000);

  it('answers only loopback callers when no token is configured', async () => {
    const controller = channel.t.app.get(MetricsController);
    const remote = { headers: {}, socket: { remoteAddress: '::ffff:192.0.2.10' } };
    // A non-loopback socket cannot be opened in tests (loopback only): call the handler as Express would.
    await expect(controller.scrape(remote as never, {} as never)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = randomBytes(24).toString('hex');
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: token });
  }, 120_000);
  afterAll(() => t?.close());

  it('requires the bearer token, from loopback too', async () => {
    expect((await scrape(t.baseUrl)).status).toBe(401);
    expect((await scrape(t.baseUrl, `${token}x`)).status).toBe(401);
    const ok = await scrape(t.baseUrl, token);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('# TYPE printbeat_uploads_total counter');
  });
});
