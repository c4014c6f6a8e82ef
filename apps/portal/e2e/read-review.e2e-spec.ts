import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { signIn, signOut } from './support/browser.js';
import { journeySuite } from './support/journey.js';
import { colourReading, mfp } from './support/agent-fixtures.js';
import {
  createRegistrationKey,
  enrollAgent,
  pack,
  payloadOf,
  upload,
} from '../../central/src/gateway/test-support/agent-channel.js';
import {
  createCustomer,
  createDealer,
  createSite,
  createUser,
} from '../../central/src/platform/graphql/test-support/scenario.js';
import { TEST_PASSWORD } from '../../central/src/platform/graphql/test-support/test-app.js';

/**
 * Billing staff review a flagged meter read in real headless Chromium against a real central
 * serving the built portal: the printer's two sources of its total start to disagree, the read
 * waits for review (billing skips it), the reviewer corrects it with a reason, and the billing
 * CSV downloaded afterwards bills the corrected value and says so. Then the printer goes silent
 * and the dealer enters an estimated read from the device page, which waits for review.
 */
const JOURNEY_TIMEOUT_MS = 90_000;

/** A reading whose total comes from the vendor, with RFC 3805's life count beside it. */
function sourcedReading(takenAt: string, total: number, lifeCount: number) {
  const reading = colourReading(takenAt, total, 60);
  return {
    ...reading,
    counters: { ...reading.counters, extra: { 'printerMib.lifeCount': lifeCount } },
  };
}

describe('meter read review journey', () => {
  const journey = journeySuite();

  it(
    'billing staff correct a flagged read and the CSV bills the corrected value',
    async () => {
      const { page, screenshot } = journey.browser;
      const { channel } = journey.central;
      const client = channel.t.client;
      const dealer = await createDealer(client, channel.operatorToken, 'e2e-read-review');
      const customerId = await createCustomer(client, dealer.adminToken, 'Globex');
      const siteId = await createSite(client, dealer.adminToken, customerId, 'Head office');
      const billing = await createUser(client, dealer.adminToken, { role: 'DEALER_BILLING' });
      const key = await createRegistrationKey(channel, dealer.adminToken, { customerId, siteId });
      const agent = await enrollAgent(channel, key.secret, 'globex-gw');
      const printer = mfp('GLOB000001', '127.0.0.42', '00:17:c8:cc:00:77', [
        sourcedReading('2026-09-30T12:00:00Z', 10_000, 10_000),
        // The sources drift apart by 1.9 %: over the 1 % tolerance, so this read waits.
        sourcedReading('2026-10-20T12:00:00Z', 10_800, 10_600),
        sourcedReading('2026-11-02T12:00:00Z', 11_500, 11_300),
      ]);
      expect(
        (await upload(channel, agent, await pack(agent, payloadOf(agent.agentId, [printer]))))
          .status,
      ).toBe(200);

      await page.goto('/');
      await signIn(page, billing.email, TEST_PASSWORD);
      await page.getByLabel('First day').fill('2026-10-01');
      await page.getByLabel('Last day').fill('2026-10-31');
      await page.getByRole('button', { name: 'Show usage' }).click();

      // Waiting: billing stops at the read before it.
      const usage = page.getByRole('row').filter({ hasText: 'GLOB000001' }).first();
      await usage.getByText('read awaiting review').waitFor();
      await expect(usage.innerText()).resolves.toContain('10,000 → 10,000');

      const waiting = page.getByRole('region', { name: 'Reads awaiting review' });
      const read = waiting.getByRole('row').filter({ hasText: 'Awaiting review' });
      await read.getByText('Printer-MIB life count says 10,600').waitFor();
      await read.getByRole('button', { name: /Review the Total read/ }).click();
      const form = page.getByRole('form', { name: /Review the Total read/ });
      await form.getByRole('radio', { name: /Correct/ }).check();
      await form.getByLabel('Corrected value').fill('10600');
      await form.getByText('Give a reason to correct the read.').waitFor();
      await form.getByLabel('Reason').fill('The contract bills the Printer-MIB life count');
      await screenshot('read-review-01-correct');
      await form.getByRole('button', { name: 'Save decision' }).click();
      await page.getByText('No reads waiting for review').waitFor();

      await usage.getByText('corrected read').waitFor();
      await expect(usage.innerText()).resolves.toContain('10,000 → 10,600');
      await screenshot('read-review-02-usage');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download billing CSV' }).click();
      const csv = await readFile(await (await download).path(), 'utf8');
      expect(csv).toMatch(
        /\r\nDEVICE,[^\r\n]*,GLOB000001,[^\r\n]*,total,2026-09-30T12:00:00\.000Z,10000,2026-10-20T12:00:00\.000Z,10600,600,READ_CORRECTED,,\r\n/,
      );

      // The read is unchanged; the audit says who corrected it from what to what.
      const stored = await channel.t.prisma.meterRead.findFirstOrThrow({
        where: { tenantId: dealer.tenantId, readAt: new Date('2026-10-20T12:00:00Z') },
      });
      expect(stored.counters).toMatchObject({ total: 10_800 });
      const audit = await channel.t.prisma.auditEvent.findFirstOrThrow({
        where: { tenantId: dealer.tenantId, action: 'meter_read.review' },
      });
      expect([audit.actorId, audit.details]).toEqual([
        billing.id,
        expect.objectContaining({
          before: { status: 'PENDING', value: 10_800, reason: null },
          after: {
            status: 'CORRECTED',
            value: 10_600,
            reason: 'The contract bills the Printer-MIB life count',
          },
        }),
      ]);

      // The device page shows the read's review state.
      const device = await channel.t.prisma.device.findFirstOrThrow({
        where: { tenantId: dealer.tenantId, serialNumber: 'GLOB000001' },
      });
      await page.goto(`/devices/${device.id}`);
      const reviews = page.getByRole('region', { name: 'Read reviews' });
      await reviews.getByText('Corrected to 10,600').waitFor();
      await screenshot('read-review-03-device');

      // The dealer's audit log shows who changed what.
      await signOut(page);
      await signIn(page, dealer.adminEmail, TEST_PASSWORD);
      await page.goto('/audit');
      const decision = page.getByRole('row').filter({ hasText: 'meter_read.review' });
      await decision.waitFor();
      const text = await decision.innerText();
      expect(text).toContain(billing.email);
      expect(text).toContain('status: PENDING → CORRECTED');
      expect(text).toContain('value: 10,800 → 10,600');
      await screenshot('read-review-04-audit');

      // The printer went silent after November 2: the dealer enters the counter the customer
      // read off the panel; it waits for review as an estimate until someone approves it.
      await page.goto(`/devices/${device.id}`);
      await page.getByRole('button', { name: 'Enter an estimated read' }).click();
      const estimate = page.getByRole('form', { name: 'Enter an estimated read' });
      await estimate.getByText('Enter when the counters were read.').waitFor();
      await estimate.getByLabel('Read at').fill('2026-11-20T12:00');
      await estimate.getByLabel('Total', { exact: true }).fill('12000');
      await estimate.getByLabel('Reason').fill('The customer read the counter off the panel');
      await screenshot('read-review-05-estimate');
      await estimate.getByRole('button', { name: 'Save estimate' }).click();
      await page.getByText(/Estimate saved/).waitFor();
      const estimated = reviews
        .getByRole('row')
        .filter({ hasText: 'Estimated by a person: The customer read the counter off the panel' });
      await estimated.getByText('Awaiting review').waitFor();
      await estimated.getByRole('button', { name: /Review the Total read/ }).click();
      await page
        .getByRole('form', { name: /Review the Total read/ })
        .getByRole('button', { name: 'Save decision' })
        .click();
      await estimated.getByText('Approved').waitFor();
      const estimatedRead = await channel.t.prisma.meterRead.findFirstOrThrow({
        where: { tenantId: dealer.tenantId, readAt: new Date('2026-11-20T12:00:00Z') },
      });
      expect([estimatedRead.counters, estimatedRead.sources]).toEqual([
        { total: 12_000 },
        { total: 'estimated' },
      ]);
      await page.goto('/audit');
      const entered = page.getByRole('row').filter({ hasText: 'meter_read.estimate' });
      await entered.waitFor();
      expect(await entered.innerText()).toContain(dealer.adminEmail);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
