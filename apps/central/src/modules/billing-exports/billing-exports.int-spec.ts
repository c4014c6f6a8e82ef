import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Device } from '@prisma/client';
import {
  startSmtpSinkProcess,
  type SmtpSinkProcess,
} from '../../../../../tools/testing/smtp-sink-process.js';
import { JobsModule } from '../../platform/jobs/jobs.module.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { MetersModule } from '../meters/meters.module.js';
import { MetersService } from '../meters/meters.service.js';
import { UsageModule } from '../usage/usage.module.js';
import {
  createApiKeyFor,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { previousMonth } from './billing-month.js';
import { BillingExportsJob } from './billing-exports.job.js';
import { BillingExportsModule } from './billing-exports.module.js';
import { BillingExportsService } from './billing-exports.service.js';

type Hook = { type: string; data: Record<string, unknown> };
type FileNode = {
  id: string;
  fileName: string;
  scheduled: boolean;
  rowCount: number;
  deviceCount: number;
  mailedAt: string | null;
  downloadPath: string;
};

const FILES = `{ billingExportFiles { id fileName scheduled rowCount deviceCount mailedAt downloadPath } }`;

describe('monthly billing exports: job queue, kept file, webhook and e-mail (integration)', () => {
  let t: DomainTestApp;
  let sink: SmtpSinkProcess;
  let receiver: Server;
  let receiverUrl: string;
  const hooks: Hook[] = [];
  let a: TestDealer;
  let b: TestDealer;
  let keyA: string;
  // Whatever today is, the schedule exports the month before it.
  const month = previousMonth(new Date());
  const day = (n: number) => new Date(month.from.getTime() + n * 86_400_000);

  beforeAll(async () => {
    sink = await startSmtpSinkProcess();
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        hooks.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Hook);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    t = await startDomainTestApp(
      [JobsModule, WebhooksModule, MetersModule, UsageModule, BillingExportsModule],
      {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.smtpPort),
        SMTP_FROM: 'Printbeat <no-reply@dealer.test>',
      },
    );
    a = await t.dealer();
    b = await t.dealer();
    keyA = await createApiKeyFor(t.client, a.adminToken, ['METERS_READ']);

    const meters = t.app.get(MetersService);
    const device = (serial: string): Promise<Device> =>
      t.prisma.device.create({
        data: {
          tenantId: a.tenant.id,
          customerId: a.customer.id,
          siteId: a.site.id,
          serialNumber: serial,
          manufacturer: 'Kyocera',
          model: 'ECOSYS M3655idn',
          firstSeenAt: day(-30),
        },
      });
    for (const [serial, start, end] of [
      ['MONTH-1', 1000, 1600],
      ['MONTH-2', 50, 80],
    ] as const) {
      const d = await device(serial);
      await t.asTenant(a.tenant.id, (tx) =>
        meters.recordReadings(tx, [
          {
            device: d,
            readings: [
              { readAt: day(-1), counters: { total: start } },
              { readAt: day(20), counters: { total: end } },
            ],
          },
        ]),
      );
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('refuses a schedule day past the 28th by name', async () => {
    const result = await t.client.request(
      `mutation { updateBillingExportSchedule(input: { dayOfMonth: 29 }) { dayOfMonth } }`,
      {},
      a.adminToken,
    );
    expect(result.errors?.[0]?.message).toContain('between 1 and 28');
  }, 60_000);

  it('produces last month’s export once from the job queue, keeps it, announces and e-mails it', async () => {
    await t.client.ok(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
      { input: { url: receiverUrl, eventTypes: ['BILLING_EXPORT_READY'] } },
      a.adminToken,
    );
    const schedule = await t.client.ok<{ updateBillingExportSchedule: unknown }>(
      `mutation { updateBillingExportSchedule(input: {
          enabled: true, dayOfMonth: 1, recipientEmails: ["Billing@Dealer.test"], bom: true
        }) { enabled dayOfMonth recipientEmails bom } }`,
      {},
      a.adminToken,
    );
    expect(schedule.updateBillingExportSchedule).toEqual({
      enabled: true,
      dayOfMonth: 1,
      recipientEmails: ['billing@dealer.test'],
      bom: true,
    });

    expect(await t.app.get(BillingExportsJob).sweep()).toBeGreaterThanOrEqual(1);
    const mail = await sink.waitForMessage((m) => m.to.includes('billing@dealer.test'));
    const label = month.from.toISOString().slice(0, 7);
    expect(mail.subject).toBe(`Billing export billing-${label}.csv`);
    expect(mail.attachments).toHaveLength(1);
    const attached = Buffer.from(mail.attachments[0]!.contentBase64, 'base64');
    expect(mail.attachments[0]!.filename).toBe(`billing-${label}.csv`);
    expect([...attached.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = attached.subarray(3).toString('utf8').trim().split('\r\n');
    const deviceLines = lines.filter((line) => line.startsWith('DEVICE,'));
    expect(deviceLines).toHaveLength(2);
    expect(deviceLines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/,MONTH-1,.*,total,[^,]+,1000,[^,]+,1600,600,,,$/),
        expect.stringMatching(/,MONTH-2,.*,total,[^,]+,50,[^,]+,80,30,,,$/),
      ]),
    );
    expect(lines.at(-1)).toBe(
      `CUSTOMER_TOTAL,${a.customer.id},${a.customer.name},,,,,,,,total,,,,,630,,2,0`,
    );

    // The same bytes as the live export of that month, and as the kept file.
    const live = await fetch(
      `${t.baseUrl}/api/v1/meters/export.csv?from=${month.from.toISOString()}&to=${month.to.toISOString()}&bom=true`,
      { headers: { authorization: `Bearer ${keyA}` } },
    );
    expect(Buffer.from(await live.arrayBuffer()).equals(attached)).toBe(true);

    let files: FileNode[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      files = (await t.client.ok<{ billingExportFiles: FileNode[] }>(FILES, {}, keyA))
        .billingExportFiles;
      if (files[0]?.mailedAt) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      fileName: `billing-${label}.csv`,
      scheduled: true,
      rowCount: 2,
      deviceCount: 2,
    });
    expect(files[0]!.mailedAt).not.toBeNull();
    const kept = await fetch(`${t.baseUrl}${files[0]!.downloadPath}`, {
      headers: { authorization: `Bearer ${keyA}` },
    });
    expect(kept.status).toBe(200);
    expect(kept.headers.get('content-disposition')).toContain(`billing-${label}.csv`);
    expect(Buffer.from(await kept.arrayBuffer()).equals(attached)).toBe(true);

    while (hooks.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      type: 'billing_export.ready',
      data: { id: files[0]!.id, scheduled: true, rowCount: 2, deviceCount: 2 },
    });

    // A second run of the month finds the file: no second file, no second e-mail.
    const again = await tenantContext.run(
      { tenantId: a.tenant.id, customerId: null, actor: { kind: 'system', name: 'test' } },
      () => t.app.get(BillingExportsService).runScheduled(),
    );
    expect(again?.id).toBe(files[0]!.id);
    expect(await t.prisma.billingExportFile.count({ where: { tenantId: a.tenant.id } })).toBe(1);
    expect(
      (await sink.messages()).filter((m) => m.to.includes('billing@dealer.test')),
    ).toHaveLength(1);

    // Another dealer cannot fetch it.
    const other = await fetch(`${t.baseUrl}${files[0]!.downloadPath}`, {
      headers: { authorization: `Bearer ${b.adminToken}` },
    });
    expect(other.status).toBe(404);
    expect(
      (await t.client.ok<{ billingExportFiles: FileNode[] }>(FILES, {}, b.adminToken))
        .billingExportFiles,
    ).toEqual([]);
  }, 90_000);

  it('makes an export on request: kept and listed, not e-mailed', async () => {
    const before = (await sink.messages()).length;
    const run = await t.client.ok<{ runBillingExport: FileNode }>(
      `mutation($input: RunBillingExportInput!) {
        runBillingExport(input: $input) { id fileName scheduled rowCount deviceCount mailedAt downloadPath }
      }`,
      { input: { from: day(0).toISOString(), to: day(10).toISOString(), bom: false } },
      keyA,
    );
    expect(run.runBillingExport).toMatchObject({
      fileName: `billing-${day(0).toISOString().slice(0, 10)}-${day(10).toISOString().slice(0, 10)}.csv`,
      scheduled: false,
      rowCount: 2,
      mailedAt: null,
    });
    const files = (await t.client.ok<{ billingExportFiles: FileNode[] }>(FILES, {}, keyA))
      .billingExportFiles;
    expect(files.map((file) => file.id)[0]).toBe(run.runBillingExport.id);
    expect(files).toHaveLength(2);
    const kept = await fetch(`${t.baseUrl}${run.runBillingExport.downloadPath}`, {
      headers: { authorization: `Bearer ${keyA}` },
    });
    const text = await kept.text();
    expect(text.startsWith('row_type,')).toBe(true);
    // Nothing read inside the first ten days: both ends are the read before, no pages.
    expect(text.trim().split('\r\n').at(-1)).toBe(
      `CUSTOMER_TOTAL,${a.customer.id},${a.customer.name},,,,,,,,total,,,,,0,,2,0`,
    );
    expect((await sink.messages()).length).toBe(before);

    // A browser gets a signed link instead (no bearer token); another dealer gets none.
    const link = await t.client.ok<{ createBillingExportFileLink: { url: string } }>(
      `mutation($id: ID!) { createBillingExportFileLink(id: $id) { url } }`,
      { id: run.runBillingExport.id },
      a.adminToken,
    );
    const viaLink = await fetch(link.createBillingExportFileLink.url);
    expect(viaLink.status).toBe(200);
    expect(await viaLink.text()).toBe(text);
    const forged = await fetch(`${link.createBillingExportFileLink.url.slice(0, -2)}AA`);
    expect(forged.status).toBe(401);
    const otherLink = await t.client.request(
      `mutation($id: ID!) { createBillingExportFileLink(id: $id) { url } }`,
      { id: run.runBillingExport.id },
      b.adminToken,
    );
    expect(otherLink.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }, 60_000);
});
