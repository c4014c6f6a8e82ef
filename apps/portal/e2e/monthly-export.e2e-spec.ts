import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signIn, signOut } from './support/browser.js';
import { BOOT_TIMEOUT_MS, journeySuite } from './support/journey.js';
import {
  createRegistrationKey,
  device,
  enrollAgent,
  pack,
  payloadOf,
  reading,
  upload,
} from '../../central/src/gateway/test-support/agent-channel.js';
import { previousMonth } from '../../central/src/modules/billing-exports/billing-month.js';
import { BillingExportsJob } from '../../central/src/modules/billing-exports/billing-exports.job.js';
import { verifyWebhook } from '../../central/src/modules/webhooks/webhook-signature.js';
import {
  createCustomer,
  createDealer,
  createSite,
  createUser,
  signIn as signInApi,
} from '../../central/src/platform/graphql/test-support/scenario.js';
import { TEST_PASSWORD } from '../../central/src/platform/graphql/test-support/test-app.js';
import {
  startSmtpSinkProcess,
  type SmtpSinkProcess,
} from '../../../tools/testing/smtp-sink-process.js';

/**
 * The monthly billing export end to end: billing staff schedule it in real headless Chromium,
 * the dealer admin points a webhook at a receiver on loopback, the hourly sweep of the real
 * central (in process) queues the run on its job queue, and the file arrives as an e-mail
 * attachment in a real SMTP server process, as a signed `billing_export.ready` webhook, and in
 * the portal's list of kept exports, holding the uploaded printer's counters of last month.
 */
const ARTIFACTS = resolve(import.meta.dirname, '../../../test-artifacts/portal');
const PUBLIC_URL = 'https://portal.printbeat.e2e.test';
const JOURNEY_TIMEOUT_MS = 120_000;

type Hook = { headers: IncomingHttpHeaders; body: string };

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within 30 s`);
}

describe('monthly billing export journey', () => {
  let sink: SmtpSinkProcess;
  let receiver: Server;
  let receiverUrl: string;
  const hooks: Hook[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/printbeat`;
    sink = await startSmtpSinkProcess();
  }, BOOT_TIMEOUT_MS);
  const journey = journeySuite(() => ({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.smtpPort),
    SMTP_FROM: 'Printbeat <no-reply@dealer.e2e.test>',
    PUBLIC_URL,
  }));

  afterAll(async () => {
    await sink?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  }, BOOT_TIMEOUT_MS);

  it(
    'billing staff schedule the export; the sweep mails it, announces it and keeps it for download',
    async () => {
      const { page, context, screenshot } = journey.browser;
      const { channel } = journey.central;
      const client = channel.t.client;
      const now = new Date();
      const month = previousMonth(now);
      const label = month.from.toISOString().slice(0, 7);
      const fileName = `billing-${label}.csv`;
      const at = (days: number) =>
        new Date(month.from.getTime() + days * 86_400_000 + 12 * 3_600_000).toISOString();

      const dealer = await createDealer(client, channel.operatorToken, 'e2e-monthly-export');
      const customerId = await createCustomer(client, dealer.adminToken, 'Umbrella');
      const siteId = await createSite(client, dealer.adminToken, customerId, 'Raccoon City');
      const billing = await createUser(client, dealer.adminToken, { role: 'DEALER_BILLING' });
      const key = await createRegistrationKey(channel, dealer.adminToken, { customerId, siteId });
      const agent = await enrollAgent(channel, key.secret, 'umbrella-gw');
      // The day before last month began, and its 21st: last month printed 2,500 pages.
      const printer = device('UMB0000007', '127.0.0.57', [
        reading(at(-1), 10_000, 80),
        reading(at(20), 12_500, 60),
      ]);
      expect(
        (await upload(channel, agent, await pack(agent, payloadOf(agent.agentId, [printer]))))
          .status,
      ).toBe(200);

      // The dealer admin sends "Billing export ready" to the receiver.
      await page.goto('/');
      await signIn(page, dealer.adminEmail, TEST_PASSWORD);
      await page.getByRole('link', { name: 'Webhooks' }).click();
      await page.getByText('New endpoint').click();
      await page.getByLabel('URL').fill(receiverUrl);
      await page.getByRole('checkbox', { name: 'Billing export ready' }).check();
      await page.getByRole('button', { name: 'Create endpoint' }).click();
      const secretField = page.getByLabel('Signing secret', { exact: true });
      await secretField.waitFor();
      const secret = await secretField.inputValue();
      await page.getByRole('button', { name: 'I have stored the secret' }).click();
      const endpoint = page.getByRole('row').filter({ hasText: receiverUrl });
      await expect(endpoint.innerText()).resolves.toContain('Billing export ready');
      await signOut(page);

      // Billing staff schedule the export for today (the schedule allows days 1 to 28).
      await signIn(page, billing.email, TEST_PASSWORD);
      await page.getByRole('heading', { name: 'Monthly exports' }).waitFor();
      await page.getByRole('checkbox', { name: 'Export every month' }).check();
      await page.getByLabel('From day of month').fill(String(Math.min(now.getUTCDate(), 28)));
      await page.getByLabel('E-mail to').fill(billing.email);
      await page.getByRole('button', { name: 'Save schedule' }).click();
      await page.getByText('Saved.').waitFor();
      await page.getByText('No exports yet').waitFor();
      await screenshot('monthly-export-01-scheduled');

      // The hourly sweep, as the job queue runs it: the run itself goes through the queue.
      expect(await channel.t.app.get(BillingExportsJob).sweep(now)).toBeGreaterThanOrEqual(1);

      // The mailbox: the sink's own page in the browser, then the attachment's bytes.
      const subject = `Billing export ${fileName}`;
      const mail = await sink.waitForMessage(
        (message) => message.to.includes(billing.email) && message.subject === subject,
      );
      const mailbox = await context.newPage();
      await mailbox.goto(sink.httpUrl);
      const message = mailbox.getByRole('article').filter({ hasText: billing.email });
      await message.getByRole('heading', { name: subject }).waitFor();
      await message.getByText(`attachment: ${fileName}`).waitFor();
      await expect(message.innerText()).resolves.toContain(`${PUBLIC_URL}/billing`);
      await mailbox.screenshot({ path: resolve(ARTIFACTS, 'monthly-export-02-mailbox.png') });
      await mailbox.close();
      expect(mail.attachments.map((file) => file.filename)).toEqual([fileName]);
      const attached = Buffer.from(mail.attachments[0]!.contentBase64, 'base64');
      const lines = attached.toString('utf8').trim().split('\r\n');
      expect(lines[0]?.startsWith('row_type,customer_id,customer_name,')).toBe(true);
      // From the read before the month (10,000) to the read before its end (12,500).
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^DEVICE,.*,Umbrella,.*,UMB0000007,.*,total,[^,]+,10000,[^,]+,12500,2500,/,
          ),
          expect.stringMatching(/^CUSTOMER_TOTAL,.*,Umbrella,.*,total,.*,2500,/),
        ]),
      );

      // The webhook: signed with the secret the portal showed once, naming the kept file.
      const hook = await waitFor('the billing_export.ready webhook', () =>
        hooks.find((candidate) => candidate.body.includes('"billing_export.ready"')),
      );
      expect(verifyWebhook(secret, hook.headers, hook.body)).toBe(true);
      const event = JSON.parse(hook.body) as { type: string; data: Record<string, unknown> };
      expect(event.data).toMatchObject({
        fileName,
        scheduled: true,
        deviceCount: 1,
        periodFrom: month.from.toISOString(),
        periodTo: month.to.toISOString(),
      });
      const files = await client.ok<{ billingExportFiles: { id: string }[] }>(
        `{ billingExportFiles { id } }`,
        {},
        (await signInApi(client, billing.email)).accessToken,
      );
      expect(files.billingExportFiles.map((file) => file.id)).toEqual([event.data['id']]);

      // The portal lists the kept file as the schedule's, e-mailed, and downloads the same bytes.
      const row = await waitFor('the e-mailed file in the list', async () => {
        await page.reload();
        const candidate = page.getByRole('row').filter({ hasText: fileName });
        await candidate.waitFor();
        const text = await candidate.innerText();
        return text.includes('monthly schedule') && !text.includes('—') ? candidate : undefined;
      });
      await screenshot('monthly-export-03-kept');
      const download = page.waitForEvent('download');
      await row.getByRole('button', { name: 'Download' }).click();
      const downloaded = await readFile(await (await download).path());
      expect(downloaded.equals(attached)).toBe(true);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
