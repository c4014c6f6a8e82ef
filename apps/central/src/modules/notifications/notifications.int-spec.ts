import type { NotificationMessage } from '@prisma/client';
import type { Reading } from '@printbeat/payload';
import { loadConfig } from '../../config/config.js';
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
  type DealerSite,
} from '../../gateway/test-support/agent-channel.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { Mailer } from '../../platform/mail/mailer.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import {
  startSmtpSinkProcess,
  type SmtpSinkProcess,
} from '../../../../../tools/testing/smtp-sink-process.js';
import { localParts } from './local-time.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { NotificationDigest } from './notification-digest.js';
import { NotificationRecorder } from './notification-recorder.js';
import { NotificationJobs } from './notification-jobs.js';
import { MESSAGE_RETRY_LIMIT } from './notification-settings.js';
import { NotificationSenderWorker } from './notification-sender.worker.js';
import { NotificationsRepository } from './notifications.repository.js';

type Fleet = DealerSite & { agent: AgentIdentity };

const PUBLIC_URL = 'https://portal.dealer.test';

/**
 * E-mail notifications end to end in one central: agents upload over mTLS, ingest opens and
 * closes alerts, policies turn them into e-mails that a real SMTP server process on loopback
 * receives.
 */
describe('e-mail notifications (integration, real SMTP sink)', () => {
  let sink: SmtpSinkProcess;
  let channel: Channel;
  let serial = 0;

  beforeAll(async () => {
    sink = await startSmtpSinkProcess();
    channel = await startChannel({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      SMTP_FROM: 'Printbeat <alerts@dealer.test>',
      PUBLIC_URL,
    });
  }, 120_000);
  afterAll(async () => {
    await channel?.t.close();
    await sink?.stop();
  });

  const gql = <T>(fleet: Fleet, query: string, variables: Record<string, unknown> = {}) =>
    channel.t.client.ok<T>(query, variables, fleet.dealer.adminToken);
  const inTenant = <T>(fleet: Fleet, fn: () => Promise<T>) =>
    tenantContext.run(
      {
        tenantId: fleet.dealer.tenantId,
        customerId: null,
        actor: { kind: 'system', name: 'test' },
      },
      fn,
    );

  async function createPolicy(fleet: Fleet, input: Record<string, unknown>): Promise<string> {
    const data = await gql<{ createNotificationPolicy: { id: string } }>(
      fleet,
      `mutation($input: CreateNotificationPolicyInput!) { createNotificationPolicy(input: $input) { id } }`,
      { input },
    );
    return data.createNotificationPolicy.id;
  }

  async function send(fleet: Fleet, serialNumber: string, address: string, read: Reading) {
    const response = await upload(
      channel,
      fleet.agent,
      await pack(
        fleet.agent,
        payloadOf(fleet.agent.agentId, [device(serialNumber, address, [read])]),
      ),
    );
    expect(response.status).toBe(200);
  }

  const jammed = (minutesAgo: number) =>
    reading(new Date(Date.now() - minutesAgo * 60_000).toISOString(), 10_000 + serial, 80, [
      'jammed',
    ]);
  const cleared = (minutesAgo: number) =>
    reading(new Date(Date.now() - minutesAgo * 60_000).toISOString(), 10_050 + serial, 80);

  async function messagesOf(fleet: Fleet, minimum: number): Promise<NotificationMessage[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = await channel.t.prisma.notificationMessage.findMany({
        where: { tenantId: fleet.dealer.tenantId },
        orderBy: { createdAt: 'asc' },
      });
      if (rows.length >= minimum || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function newFleet(label: string): Promise<{ fleet: Fleet; serial: string; ip: string }> {
    serial += 1;
    const fleet = await enrolledAgentOf(channel, label);
    return { fleet, serial: `NOTIFY${serial}`, ip: `127.20.0.${serial}` };
  }

  it('e-mails an alert opened by an upload, with the device and its portal link, and its clearing', async () => {
    const { fleet, serial: sn, ip } = await newFleet('notify-open');
    await createPolicy(fleet, {
      name: 'Jams to the desk',
      eventTypes: ['ALERT_OPENED', 'ALERT_CLOSED'],
      alertSeverities: ['CRITICAL'],
      recipientRoles: ['DEALER_ADMIN'],
      recipientEmails: ['desk@dealer.test'],
    });

    await send(fleet, sn, ip, jammed(5));
    const printer = await channel.t.prisma.device.findFirstOrThrow({
      where: { tenantId: fleet.dealer.tenantId, serialNumber: sn },
    });
    const link = `${PUBLIC_URL}/devices/${printer.id}`;
    const opened = await sink.waitForMessage(
      (m) => m.to.includes('desk@dealer.test') && (m.subject ?? '').includes(sn),
    );
    expect(opened.subject).toBe(`Alert: Paper jam on Kyocera ECOSYS P3145dn (SN ${sn}, ${ip})`);
    expect(opened.from).toBe('alerts@dealer.test');
    expect(opened.text).toContain(`Open in Printbeat: ${link}`);
    expect(opened.text).toContain('Severity: CRITICAL');
    expect(opened.html).toContain(`<a href="${link}">`);
    // The dealer admin, by role, gets their own copy.
    await sink.waitForMessage(
      (m) => m.to.includes(fleet.dealer.adminEmail) && (m.subject ?? '').startsWith('Alert:'),
    );

    await send(fleet, sn, ip, cleared(1));
    const closed = await sink.waitForMessage(
      (m) => m.to.includes('desk@dealer.test') && (m.subject ?? '').startsWith('Cleared:'),
    );
    expect(closed.subject).toContain(sn);
    expect(closed.text).toContain(link);
    await sink.waitForMessage(
      (m) => m.to.includes(fleet.dealer.adminEmail) && (m.subject ?? '').startsWith('Cleared:'),
    );

    const log = await gql<{
      notificationMessages: {
        edges: {
          node: {
            eventType: string;
            recipient: string;
            status: string;
            attempts: number;
            sentAt: string | null;
          };
        }[];
      };
    }>(
      fleet,
      `{ notificationMessages(first: 10) { edges { node { eventType recipient status attempts sentAt } } } }`,
    );
    const entries = log.notificationMessages.edges.map((edge) => edge.node);
    expect(entries).toHaveLength(4);
    expect(
      entries.every((entry) => entry.status === 'SENT' && entry.attempts === 1 && entry.sentAt),
    ).toBe(true);
    expect(entries.map((entry) => entry.eventType).sort()).toEqual([
      'alert.closed',
      'alert.closed',
      'alert.opened',
      'alert.opened',
    ]);
  }, 90_000);

  it('holds a message inside quiet hours (in the site time zone) and sends it when they end', async () => {
    const { fleet, serial: sn, ip } = await newFleet('notify-quiet');
    // Tokyo is 9 hours off UTC: quiet hours read in UTC would not hold this message.
    await channel.t.prisma.site.updateMany({
      where: { id: fleet.siteId },
      data: { timeZone: 'Asia/Tokyo' },
    });
    const local = localParts(new Date(), 'Asia/Tokyo').minuteOfDay;
    await createPolicy(fleet, {
      name: 'Quiet nights',
      eventTypes: ['ALERT_OPENED'],
      recipientEmails: ['night@dealer.test'],
      quietStartMinute: (local + 1440 - 1) % 1440,
      quietEndMinute: (local + 10) % 1440,
    });

    await send(fleet, sn, ip, jammed(2));
    const [held] = await messagesOf(fleet, 1);
    expect(held?.status).toBe('HELD');
    const release = held!.nextAttemptAt!;
    expect(release.getTime() - Date.now()).toBeGreaterThan(8 * 60_000);
    expect(release.getTime() - Date.now()).toBeLessThan(11 * 60_000);

    const sender = channel.t.app.get(NotificationSenderWorker);
    // Before the end of the quiet hours nothing goes out …
    expect((await inTenant(fleet, () => sender.sendMany([held!.id]))).size).toBe(0);
    expect((await sink.messages()).some((m) => m.to.includes('night@dealer.test'))).toBe(false);
    // … once they end, the sweep finds it due and it goes.
    await sender.sweep(new Date(release.getTime() + 1_000));
    const outcome = await inTenant(fleet, () =>
      sender.sendMany([held!.id], new Date(release.getTime() + 1_000)),
    );
    expect([...outcome.values()]).toEqual(['sent']);
    const received = await sink.waitForMessage((m) => m.to.includes('night@dealer.test'));
    expect(received.text).toContain('(Asia/Tokyo)');
  }, 90_000);

  it('gathers a day of events into one digest per recipient', async () => {
    const { fleet, serial: sn, ip } = await newFleet('notify-digest');
    const now = new Date();
    const policyId = await createPolicy(fleet, {
      name: 'Morning digest',
      eventTypes: ['ALERT_OPENED', 'ALERT_CLOSED'],
      recipientEmails: ['digest@dealer.test'],
      recipientRoles: ['DEALER_ADMIN'],
      deliveryMode: 'DAILY_DIGEST',
      digestHour: now.getUTCHours(),
      timeZone: 'UTC',
    });
    await send(fleet, sn, ip, jammed(4));
    await send(fleet, sn, ip, cleared(1));
    const deadline = Date.now() + 20_000;
    while (
      (await channel.t.prisma.notificationEvent.count({
        where: { tenantId: fleet.dealer.tenantId },
      })) < 2 &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 200));
    // Nothing goes out immediately for a digest policy.
    expect(
      await channel.t.prisma.notificationMessage.count({
        where: { tenantId: fleet.dealer.tenantId },
      }),
    ).toBe(0);

    const digest = channel.t.app.get(NotificationDigest);
    const tomorrow = new Date(now.getTime() + 24 * 3_600_000);
    expect(await inTenant(fleet, () => digest.runTenant(tomorrow))).toBe(2);
    // The window is remembered: a second run the same day sends nothing more.
    expect(await inTenant(fleet, () => digest.runTenant(tomorrow))).toBe(0);
    // Due at the (simulated) digest time: the send job of a real morning does this.
    const queued = await channel.t.prisma.notificationMessage.findMany({
      where: { tenantId: fleet.dealer.tenantId },
    });
    expect(queued.map((row) => row.eventType)).toEqual(['digest', 'digest']);
    const sender = channel.t.app.get(NotificationSenderWorker);
    const outcomes = await inTenant(fleet, () =>
      sender.sendMany(
        queued.map((row) => row.id),
        tomorrow,
      ),
    );
    expect([...outcomes.values()]).toEqual(['sent', 'sent']);

    const received = await sink.waitForMessage((m) => m.to.includes('digest@dealer.test'));
    expect(received.subject).toBe('Printbeat daily digest: 2 events');
    expect(received.text).toContain(`- Alert: Paper jam on Kyocera ECOSYS P3145dn (SN ${sn}`);
    expect(received.text).toContain(`- Cleared: Paper jam on Kyocera ECOSYS P3145dn (SN ${sn}`);
    await sink.waitForMessage(
      (m) => m.to.includes(fleet.dealer.adminEmail) && (m.subject ?? '').includes('digest'),
    );
    const policy = await channel.t.prisma.notificationPolicy.findFirstOrThrow({
      where: { id: policyId },
    });
    expect(policy.digestSentUntil?.getUTCHours()).toBe(now.getUTCHours());
  }, 90_000);

  /** A sender whose mailer talks to another SMTP server (down, or refusing us). */
  function senderWith(env: Record<string, string>): NotificationSenderWorker {
    const app = channel.t.app;
    const mailer = new Mailer(
      loadConfig({ env: { NODE_ENV: 'test', DATA_DIR: '/tmp/notify-spec', PUBLIC_URL, ...env } }),
    );
    return new NotificationSenderWorker(
      app.get(JobQueue),
      app.get(TenantPrisma),
      app.get(PlatformDb),
      app.get(NotificationsRepository),
      app.get(NotificationJobs),
      mailer,
      app.get<Logger>(LOGGER),
    );
  }

  async function heldMessage(
    label: string,
  ): Promise<{ fleet: Fleet; message: NotificationMessage }> {
    const { fleet, serial: sn, ip } = await newFleet(label);
    const local = localParts(new Date(), 'UTC').minuteOfDay;
    await createPolicy(fleet, {
      name: 'Held',
      eventTypes: ['ALERT_OPENED'],
      recipientEmails: [`${label}@dealer.test`],
      quietStartMinute: (local + 1440 - 1) % 1440,
      quietEndMinute: (local + 30) % 1440,
    });
    await send(fleet, sn, ip, jammed(2));
    const [message] = await messagesOf(fleet, 1);
    expect(message?.status).toBe('HELD');
    return { fleet, message: message! };
  }

  it('retries while the SMTP server is down, then logs the message as failed', async () => {
    const { fleet, message } = await heldMessage('notify-down');
    const down = await startSmtpSinkProcess();
    const port = down.smtpPort;
    await down.stop();
    const sender = senderWith({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) });
    let at = new Date(message.nextAttemptAt!.getTime() + 1_000);
    const outcomes: string[] = [];
    for (let attempt = 0; attempt <= MESSAGE_RETRY_LIMIT; attempt++) {
      const outcome = await inTenant(fleet, () => sender.sendMany([message.id], at));
      outcomes.push(...outcome.values());
      const row = await channel.t.prisma.notificationMessage.findFirstOrThrow({
        where: { id: message.id },
      });
      if (row.status !== 'PENDING') break;
      expect(row.lastError).toMatch(/SMTP delivery failed/);
      // Not due before its planned retry.
      expect((await inTenant(fleet, () => sender.sendMany([message.id], at))).size).toBe(0);
      at = new Date(row.nextAttemptAt!.getTime() + 1_000);
    }
    expect(outcomes).toEqual([...Array<string>(MESSAGE_RETRY_LIMIT).fill('retry'), 'failed']);
    const final = await channel.t.prisma.notificationMessage.findFirstOrThrow({
      where: { id: message.id },
    });
    expect(final).toMatchObject({
      status: 'FAILED',
      attempts: MESSAGE_RETRY_LIMIT + 1,
      sentAt: null,
    });
    const log = await gql<{
      notificationMessages: { edges: { node: { status: string; lastError: string } }[] };
    }>(fleet, `{ notificationMessages(status: FAILED) { edges { node { status lastError } } } }`);
    expect(log.notificationMessages.edges).toHaveLength(1);
    expect(log.notificationMessages.edges[0]!.node.lastError).toMatch(/SMTP delivery failed/);
  }, 90_000);

  it('does not retry a permanent refusal (5xx)', async () => {
    const { fleet, message } = await heldMessage('notify-refused');
    const strict = await startSmtpSinkProcess({ user: 'relay', password: 'right' });
    try {
      const sender = senderWith({
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(strict.smtpPort),
        SMTP_USER: 'relay',
        SMTP_PASSWORD: 'wrong',
      });
      const at = new Date(message.nextAttemptAt!.getTime() + 1_000);
      const outcome = await inTenant(fleet, () => sender.sendMany([message.id], at));
      expect([...outcome.values()]).toEqual(['failed']);
      const row = await channel.t.prisma.notificationMessage.findFirstOrThrow({
        where: { id: message.id },
      });
      expect(row).toMatchObject({ status: 'FAILED', attempts: 1, nextAttemptAt: null });
      expect(row.lastError).toMatch(/535/);
    } finally {
      await strict.stop();
    }
  }, 90_000);

  it("keeps policies to their tenant: another dealer's jam e-mails nobody here", async () => {
    const a = await newFleet('notify-iso-a');
    const b = await newFleet('notify-iso-b');
    const policyOfA = await createPolicy(a.fleet, {
      name: 'A only',
      eventTypes: ['ALERT_OPENED'],
      recipientEmails: ['a-only@dealer.test'],
    });
    await send(b.fleet, b.serial, b.ip, jammed(2));
    await send(a.fleet, a.serial, a.ip, jammed(2));
    await sink.waitForMessage(
      (m) => m.to.includes('a-only@dealer.test') && (m.subject ?? '').includes(a.serial),
    );
    const toA = (await sink.messages()).filter((m) => m.to.includes('a-only@dealer.test'));
    expect(toA.map((m) => m.subject)).toEqual([expect.stringContaining(a.serial)]);
    // B cannot see, change or delete A's policy.
    const seen = await gql<{ notificationPolicies: { edges: { node: { id: string } }[] } }>(
      b.fleet,
      `{ notificationPolicies { edges { node { id } } } }`,
    );
    expect(seen.notificationPolicies.edges).toEqual([]);
    expect(
      await channel.t.client.errorCode(
        `mutation($id: ID!) { deleteNotificationPolicy(id: $id) }`,
        { id: policyOfA },
        b.fleet.dealer.adminToken,
      ),
    ).toBe('NOT_FOUND');
  }, 90_000);

  it('records and sends nothing when SMTP is not configured', async () => {
    const { fleet } = await newFleet('notify-off');
    await createPolicy(fleet, {
      name: 'Everything',
      eventTypes: ['ALERT_OPENED'],
      recipientEmails: ['off@dealer.test'],
    });
    const app = channel.t.app;
    const unconfigured = new Mailer(
      loadConfig({ env: { NODE_ENV: 'test', DATA_DIR: '/tmp/notify-spec', PUBLIC_URL } }),
    );
    expect(unconfigured.configured).toBe(false);
    const recorder = new NotificationRecorder(
      app.get(DomainEvents),
      unconfigured,
      app.get(TenantPrisma),
      app.get(NotificationsRepository),
      app.get(NotificationJobs),
    );
    const event = {
      type: 'alert.opened',
      data: {
        customerId: fleet.customerId,
        code: 'JAM',
        severity: 'CRITICAL',
        agentId: fleet.agent.agentId,
      },
    };
    const db = app.get(TenantPrisma);
    const context = {
      tenantId: fleet.dealer.tenantId,
      customerId: null,
      actor: { kind: 'system' as const, name: 'test' },
    };
    await db.runAs(context, (tx) => recorder.record(tx, [event]));
    expect(
      await channel.t.prisma.notificationEvent.count({
        where: { tenantId: fleet.dealer.tenantId },
      }),
    ).toBe(0);
    // The same event with SMTP configured is kept for the policy.
    await db.runAs(context, (tx) => app.get(NotificationRecorder).record(tx, [event]));
    expect(
      await channel.t.prisma.notificationEvent.count({
        where: { tenantId: fleet.dealer.tenantId },
      }),
    ).toBe(1);
    const settings = await gql<{ mailDelivery: { configured: boolean } }>(
      fleet,
      `{ mailDelivery { configured } }`,
    );
    expect(settings.mailDelivery.configured).toBe(true);
  }, 60_000);
});
