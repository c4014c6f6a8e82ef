import { describe, expect, it } from '@jest/globals';
import { signIn } from './support/browser.js';
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
} from '../../central/src/platform/graphql/test-support/scenario.js';
import { TEST_PASSWORD } from '../../central/src/platform/graphql/test-support/test-app.js';

/**
 * A dealer puts devices under contract in real headless Chromium against a real central serving
 * the built portal (devices reported by an enrolled agent over mTLS), then finds on the
 * reconciliation page the contracted device that stopped reporting and the reporting device
 * under no contract.
 */
const JOURNEY_TIMEOUT_MS = 90_000;
const DAY = 86_400_000;

describe('contracts and reconciliation journey', () => {
  const journey = journeySuite();

  it(
    'creates a contract, attaches devices, and reconciles silent and uncontracted devices',
    async () => {
      const { page, screenshot } = journey.browser;
      const { channel } = journey.central;
      const client = channel.t.client;
      const dealer = await createDealer(client, channel.operatorToken, 'e2e-contracts');
      const customerId = await createCustomer(client, dealer.adminToken, 'Globex');
      const siteId = await createSite(client, dealer.adminToken, customerId, 'Head office');
      const key = await createRegistrationKey(channel, dealer.adminToken, { customerId, siteId });
      const agent = await enrollAgent(channel, key.secret, 'globex-gw');
      const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
      const payload = payloadOf(agent.agentId, [
        // Read ten days ago, never since: silent by the billing date.
        mfp('GLOBEX-SILENT', '127.0.0.51', '00:17:c8:dd:00:01', [
          colourReading(new Date(Date.now() - 10 * DAY).toISOString(), 5_000, 60),
        ]),
        mfp('GLOBEX-BUSY', '127.0.0.52', '00:17:c8:dd:00:02', [
          colourReading(hoursAgo(2), 20_000, 50),
        ]),
        mfp('GLOBEX-LOOSE', '127.0.0.53', '00:17:c8:dd:00:03', [
          colourReading(hoursAgo(2), 900, 80),
        ]),
      ]);
      expect((await upload(channel, agent, await pack(agent, payload))).status).toBe(200);

      await page.goto('/');
      await signIn(page, dealer.adminEmail, TEST_PASSWORD);
      await page.goto(`/customers/${customerId}`);
      await page.getByText('No contracts yet').waitFor();
      await page.getByText('New contract').click();
      const form = page.getByRole('form', { name: 'New contract' });
      await form.getByLabel('Reference').fill('K-GLOBEX-1');
      await form.getByLabel('Billing cycle').selectOption({ label: 'Quarterly' });
      await form.getByLabel('Billed meters').fill('mono, color');
      await form.getByLabel('Allowances per cycle (optional)').fill('mono=5000');
      await form.getByRole('button', { name: 'Create contract' }).click();

      const contract = page.getByRole('region', { name: 'Contract K-GLOBEX-1' });
      await contract.getByText('No devices under this contract.').waitFor();
      await contract.getByText(/allowances: mono 5000/).waitFor();
      await contract.getByText('Attach devices').click();
      const attach = contract.getByRole('form', { name: 'Attach devices to K-GLOBEX-1' });
      await attach.getByLabel(/GLOBEX-SILENT/).check();
      await attach.getByLabel(/GLOBEX-BUSY/).check();
      await screenshot('contracts-01-attach');
      await attach.getByRole('button', { name: /Attach 2 device/ }).click();
      const devices = contract.getByRole('region', { name: 'Devices of K-GLOBEX-1' });
      await devices.getByRole('link', { name: 'GLOBEX-BUSY' }).waitFor();
      await devices
        .getByRole('row')
        .filter({ hasText: 'GLOBEX-BUSY' })
        .getByText(/mono 14,000/)
        .waitFor();
      const memberships = await channel.t.prisma.contractDevice.findMany({
        where: { tenantId: dealer.tenantId, detachedAt: null },
        include: { device: true },
      });
      expect(memberships.map((row) => row.device.serialNumber).sort()).toEqual([
        'GLOBEX-BUSY',
        'GLOBEX-SILENT',
      ]);
      expect(
        memberships.find((row) => row.device.serialNumber === 'GLOBEX-BUSY')?.startMeter,
      ).toMatchObject({ counters: { mono: 14_000, color: 6_000 } });

      // The device page names its contract.
      await devices.getByRole('link', { name: 'GLOBEX-BUSY' }).click();
      await page
        .getByRole('region', { name: 'Contract', exact: true })
        .getByText('K-GLOBEX-1')
        .waitFor();

      await page.getByRole('link', { name: 'Reconciliation' }).click();
      const silent = page.getByRole('region', { name: 'Under contract, stopped reporting' });
      await silent.getByRole('link', { name: 'GLOBEX-SILENT' }).waitFor();
      await silent.getByText(/Contract K-GLOBEX-1/).waitFor();
      const loose = page.getByRole('region', { name: 'Reporting, under no contract' });
      await loose.getByRole('link', { name: 'GLOBEX-LOOSE' }).waitFor();
      expect(await silent.getByRole('link', { name: 'GLOBEX-BUSY' }).count()).toBe(0);
      expect(await loose.getByRole('link', { name: 'GLOBEX-BUSY' }).count()).toBe(0);
      await screenshot('contracts-02-reconciliation');

      // The fleet's "Not under contract" flag finds the loose one only.
      await page.goto('/fleet?noContract=1');
      await page.getByRole('row').filter({ hasText: 'GLOBEX-LOOSE' }).waitFor();
      expect(await page.getByRole('row').filter({ hasText: 'GLOBEX-BUSY' }).count()).toBe(0);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
