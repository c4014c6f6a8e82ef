import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { JobsModule } from '../../platform/jobs/jobs.module.js';
import {
  inTenant,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WEBHOOK_DELIVER_JOB } from './webhook-settings.js';
import { verifyWebhook } from './webhook-signature.js';
import { WebhooksModule } from './webhooks.module.js';
import { WebhooksService } from './webhooks.service.js';

type Received = { path: string; headers: IncomingHttpHeaders; body: string; at: number };

describe('webhooks (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let b: TestDealer;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  const answers: number[] = [500, 200];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        });
        res.statusCode = answers.shift() ?? 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    t = await startDomainTestApp([JobsModule, WebhooksModule]);
    a = await t.dealer();
    b = await t.dealer();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('signs deliveries (Standard Webhooks) and retries after a 500, with a delivery log', async () => {
    const created = await t.client.ok<{
      createWebhookEndpoint: { secret: string; endpoint: { id: string; eventTypes: string[] } };
    }>(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id eventTypes } } }`,
      { input: { url: receiverUrl, eventTypes: ['ALERT_OPENED', 'SUPPLY_ORDER_CREATED'] } },
      a.adminToken,
    );
    const { secret, endpoint } = created.createWebhookEndpoint;
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint.eventTypes).toEqual(['ALERT_OPENED', 'SUPPLY_ORDER_CREATED']);
    // Stored encrypted, never in clear.
    const row = await t.prisma.webhookEndpoint.findFirstOrThrow({ where: { id: endpoint.id } });
    expect(row.secretEncrypted).not.toContain(secret.slice(6, 20));
    expect(row.secretEncrypted.startsWith('v1:')).toBe(true);

    const webhooks = t.app.get(WebhooksService);
    const ids = await t.asTenant(a.tenant.id, (tx) =>
      webhooks.emit(tx, { type: 'alert.opened', data: { id: 'alert-1', code: 'JAM' } }),
    );
    expect(ids).toHaveLength(1);
    // Not subscribed: no delivery.
    expect(
      await t.asTenant(a.tenant.id, (tx) => webhooks.emit(tx, { type: 'alert.closed', data: {} })),
    ).toEqual([]);

    const deadline = Date.now() + 30_000;
    while (received.length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toHaveLength(2);
    const [first, second] = received as [Received, Received];
    // The same event id on the retry, each attempt signed with a valid signature.
    expect(first.headers['webhook-id']).toBe(second.headers['webhook-id']);
    for (const attempt of received) {
      expect(verifyWebhook(secret, attempt.headers as Record<string, string>, attempt.body)).toBe(
        true,
      );
      expect(
        verifyWebhook(
          'whsec_' + Buffer.from('wrong-secret-wrong-secret').toString('base64'),
          attempt.headers as Record<string, string>,
          attempt.body,
        ),
      ).toBe(false);
      expect(JSON.parse(attempt.body)).toMatchObject({
        type: 'alert.opened',
        data: { id: 'alert-1', code: 'JAM' },
      });
    }
    expect(second.at - first.at).toBeGreaterThanOrEqual(900);

    let log: { status: string; attempt: number; responseCode: number; eventType: string }[] = [];
    while (Date.now() < deadline) {
      const data = await t.client.ok<{
        webhookDeliveries: { edges: { node: (typeof log)[number] }[] };
      }>(
        `query($id: ID) { webhookDeliveries(endpointId: $id) { edges { node { status attempt responseCode eventType lastError } } } }`,
        { id: endpoint.id },
        a.adminToken,
      );
      log = data.webhookDeliveries.edges.map((e) => e.node);
      if (log[0]?.status === 'SUCCEEDED') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(log).toEqual([
      {
        status: 'SUCCEEDED',
        attempt: 2,
        responseCode: 200,
        eventType: 'ALERT_OPENED',
        lastError: null,
      },
    ]);
  }, 60_000);

  it('many events go out in a few jobs, each delivery once and signed, even when two jobs hold it', async () => {
    const c = await t.dealer();
    const endpoints = [];
    for (const path of ['one', 'two']) {
      const created = await t.client.ok<{
        createWebhookEndpoint: { secret: string; endpoint: { id: string } };
      }>(
        `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [ALERT_OPENED] }) { secret endpoint { id } } }`,
        { url: `${receiverUrl}/${path}` },
        c.adminToken,
      );
      endpoints.push({ path, ...created.createWebhookEndpoint });
    }
    const jobs = t.app.get(JobQueue);
    const send0 = jobs.send.bind(jobs);
    const queued: { tenantId: string; deliveryIds: string[] }[] = [];
    jobs.send = (name, data, options) => {
      if (name === WEBHOOK_DELIVER_JOB) queued.push(data as unknown as (typeof queued)[number]);
      return send0(name, data, options);
    };
    const events = 120;
    let ids: string[];
    try {
      ids = await t.asTenant(c.tenant.id, (tx) =>
        t.app.get(WebhooksService).emitMany(
          tx,
          Array.from({ length: events }, (_, n) => ({
            type: 'alert.opened' as const,
            data: { id: `alert-${n}` },
          })),
        ),
      );
      // A second holder of every delivery (as a sweep re-queue would be), racing the queued jobs.
      const worker = t.app.get(WebhookDeliveryWorker);
      await Promise.all([
        inTenant(c.tenant.id, () => worker.deliverMany(ids)),
        inTenant(c.tenant.id, () => worker.deliverMany(ids)),
      ]);
    } finally {
      jobs.send = send0;
    }
    expect(ids).toHaveLength(2 * events);
    // Per endpoint, 50 deliveries a job: 3 jobs each, not 120.
    expect(queued.filter((job) => job.tenantId === c.tenant.id)).toHaveLength(6);

    const deadline = Date.now() + 30_000;
    const pending = () =>
      t.prisma.webhookDelivery.count({ where: { tenantId: c.tenant.id, status: 'PENDING' } });
    while ((await pending()) > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await pending()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    for (const endpoint of endpoints) {
      const got = received.filter((r) => r.path === `/hooks/${endpoint.path}`);
      expect(got).toHaveLength(events);
      // Each event once: distinct webhook ids and payloads, every one signed with this endpoint's secret.
      expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(events);
      expect(
        new Set(got.map((r) => (JSON.parse(r.body) as { data: { id: string } }).data.id)).size,
      ).toBe(events);
      for (const r of got)
        expect(verifyWebhook(endpoint.secret, r.headers as Record<string, string>, r.body)).toBe(
          true,
        );
    }
    const log = await t.prisma.webhookDelivery.findMany({ where: { tenantId: c.tenant.id } });
    expect(new Set(log.map((d) => `${d.status}/${d.attempt}/${d.responseCode}`))).toEqual(
      new Set(['SUCCEEDED/1/200']),
    );
  }, 90_000);

  it('another tenant sees none of the endpoints or deliveries, and cannot change them', async () => {
    const endpoints = await t.client.ok<{ webhookEndpoints: { edges: unknown[] } }>(
      `{ webhookEndpoints { edges { node { id } } } }`,
      {},
      b.adminToken,
    );
    expect(endpoints.webhookEndpoints.edges).toEqual([]);
    const deliveries = await t.client.ok<{ webhookDeliveries: { edges: unknown[] } }>(
      `{ webhookDeliveries { edges { node { id } } } }`,
      {},
      b.adminToken,
    );
    expect(deliveries.webhookDeliveries.edges).toEqual([]);
    const own = await t.prisma.webhookEndpoint.findFirstOrThrow({
      where: { tenantId: a.tenant.id },
    });
    const update = await t.client.request(
      `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: false }) { id } }`,
      { id: own.id },
      b.adminToken,
    );
    expect(update.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const remove = await t.client.request(
      `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`,
      { id: own.id },
      b.adminToken,
    );
    expect(remove.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }, 60_000);

  it('refuses URLs that are not http(s) or carry credentials', async () => {
    for (const url of ['ftp://127.0.0.1/x', 'http://user:pw@127.0.0.1/x', 'not a url']) {
      const result = await t.client.request(
        `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [ALERT_OPENED] }) { secret } }`,
        { url },
        a.adminToken,
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  }, 60_000);

  it('the sweep re-queues a delivery whose job got lost, and delivers it in its tenant', async () => {
    const c = await t.dealer();
    const created = await t.client.ok<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [ALERT_OPENED] }) { endpoint { id } } }`,
      { url: receiverUrl },
      c.adminToken,
    );
    const pending = (label: string, minutesAgo: number) =>
      t.prisma.webhookDelivery.create({
        data: {
          tenantId: c.tenant.id,
          endpointId: created.createWebhookEndpoint.endpoint.id,
          eventId: randomUUID(),
          eventType: 'alert.opened',
          payload: { type: 'alert.opened', timestamp: new Date().toISOString(), data: { label } },
          nextAttemptAt: new Date(Date.now() - minutesAgo * 60_000),
        },
      });
    // Written without a job, as when the process died between the commit and the send.
    const lost = await pending('lost', 10);
    const due = await pending('due', 1);

    expect(await t.app.get(WebhookDeliveryWorker).sweep()).toBeGreaterThanOrEqual(1);
    const statusOf = async (id: string) =>
      (await t.prisma.webhookDelivery.findFirstOrThrow({ where: { tenantId: c.tenant.id, id } }))
        .status;
    const deadline = Date.now() + 30_000;
    while ((await statusOf(lost.id)) !== 'SUCCEEDED' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await statusOf(lost.id)).toBe('SUCCEEDED');
    expect(received.filter((r) => r.headers['webhook-id'] === lost.eventId)).toHaveLength(1);
    // Only five minutes overdue counts as lost: the other one still waits for its own job.
    expect(await statusOf(due.id)).toBe('PENDING');
    expect(received.some((r) => r.headers['webhook-id'] === due.eventId)).toBe(false);
  }, 60_000);
});

describe('webhook targets without an allow-list (production default)', () => {
  let t: DomainTestApp;
  let a: TestDealer;

  beforeAll(async () => {
    t = await startDomainTestApp([JobsModule, WebhooksModule], { WEBHOOK_ALLOWED_TARGETS: '' });
    a = await t.dealer();
  }, 120_000);
  afterAll(() => t?.close());

  const create = `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [ALERT_OPENED] }) { endpoint { id } } }`;

  it.each([
    ['http://127.0.0.1:8080/hook', 'loopback'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://10.0.0.5/hook', 'private'],
    ['http://localhost:9/hook', 'loopback'],
  ])('refuses %s (%s) with the reason on the url field', async (url, kind) => {
    const result = await t.client.request(create, { url }, a.adminToken);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(kind);
    expect(JSON.stringify(result.errors?.[0]?.extensions)).toContain('"field":"url"');
  });

  it('accepts a public address', async () => {
    const result = await t.client.request(
      create,
      { url: 'https://203.0.113.7/hook' },
      a.adminToken,
    );
    expect(result.errors).toBeUndefined();
  });
});
