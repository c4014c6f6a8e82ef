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
 * A dealer administers a device in real headless Chromium against a real central serving the
 * built portal: names it, gives it an equipment ID, moves it to another site of its customer,
 * then retires it and finds it only among the retired devices of the fleet.
 */
const JOURNEY_TIMEOUT_MS = 90_000;

describe('device administration journey', () => {
  const journey = journeySuite();

  it(
    'edits and moves a device, then retires it with its end meter',
    async () => {
      const { page, screenshot } = journey.browser;
      const { channel } = journey.central;
      const client = channel.t.client;
      const dealer = await createDealer(client, channel.operatorToken, 'e2e-device-admin');
      const customerId = await createCustomer(client, dealer.adminToken, 'Initech');
      const firstSite = await createSite(client, dealer.adminToken, customerId, 'Ground floor');
      const secondSite = await createSite(client, dealer.adminToken, customerId, 'Second floor');
      const key = await createRegistrationKey(channel, dealer.adminToken, {
        customerId,
        siteId: firstSite,
      });
      const agent = await enrollAgent(channel, key.secret, 'initech-gw');
      const takenAt = new Date(Date.now() - 3_600_000).toISOString();
      const payload = payloadOf(agent.agentId, [
        mfp('INIT000001', '127.0.0.41', '00:17:c8:cc:00:01', [colourReading(takenAt, 12_345, 70)]),
      ]);
      expect((await upload(channel, agent, await pack(agent, payload))).status).toBe(200);
      const device = await channel.t.prisma.device.findFirstOrThrow({
        where: { serialNumber: 'INIT000001', tenantId: dealer.tenantId },
      });

      await page.goto('/');
      await signIn(page, dealer.adminEmail, TEST_PASSWORD);
      await page.goto(`/devices/${device.id}`);
      const administration = page.getByRole('region', { name: 'Administration' });
      await administration.getByRole('button', { name: 'Edit' }).click();
      const form = page.getByRole('form', { name: 'Edit device' });
      await form.getByLabel('Display name').fill('Reception MFP');
      await form.getByLabel('Equipment ID').fill('EQ-4711');
      await form.getByLabel('Asset tag').fill('INV-0042');
      await form.getByLabel('Site').selectOption({ label: 'Second floor' });
      await form.getByLabel('Notes').fill('Toner is kept in the cupboard.');
      await screenshot('device-admin-01-edit');
      await form.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: 'Reception MFP' }).waitFor();
      await administration.getByText('EQ-4711').waitFor();
      await page.getByText('Second floor').first().waitFor();
      const moved = await channel.t.prisma.device.findFirstOrThrow({ where: { id: device.id } });
      expect([moved.siteId, moved.displayName, moved.equipmentId, moved.assetTag]).toEqual([
        secondSite,
        'Reception MFP',
        'EQ-4711',
        'INV-0042',
      ]);

      // The fleet names it by its display name.
      await page.goto('/fleet');
      await page.getByRole('link', { name: 'Reception MFP' }).waitFor();

      await page.goto(`/devices/${device.id}`);
      await administration.getByRole('button', { name: 'Retire…' }).click();
      await administration
        .getByText('Retire this device? Its newest meter read becomes the end meter')
        .waitFor();
      await administration.getByRole('button', { name: 'Retire device' }).click();
      await administration.getByText(/End meter \(read .*\): Total 12,345/).waitFor();
      await administration.getByRole('button', { name: 'Reinstate…' }).waitFor();
      await screenshot('device-admin-02-retired');
      const retired = await channel.t.prisma.device.findFirstOrThrow({ where: { id: device.id } });
      expect(retired.retiredAt).not.toBeNull();
      expect(retired.endMeter).toMatchObject({ counters: { total: 12_345 } });

      // Hidden from the fleet until asked for.
      await page.goto('/fleet');
      await page.getByText('No devices yet').waitFor();
      await page.getByLabel('Retired devices').selectOption({ label: 'Only retired' });
      const row = page.getByRole('row').filter({ hasText: 'Reception MFP' });
      await row.getByText('Retired', { exact: true }).waitFor();
      await screenshot('device-admin-03-fleet-retired');
    },
    JOURNEY_TIMEOUT_MS,
  );
});
