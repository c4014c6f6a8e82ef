import { describe, expect, it } from '@jest/globals';
import { signIn } from './support/browser.js';
import { journeySuite } from './support/journey.js';
import {
  createCustomer,
  createDealer,
} from '../../central/src/platform/graphql/test-support/scenario.js';
import { TEST_PASSWORD } from '../../central/src/platform/graphql/test-support/test-app.js';

/**
 * A dealer admin changes a retention period on the Settings page and finds it kept after a
 * reload, then requests a customer's deletion, sees when its data goes, and cancels it — in real
 * headless Chromium against a real central serving the built portal, with central's state read
 * back through its GraphQL API.
 */
const JOURNEY_TIMEOUT_MS = 90_000;
const DAY = 86_400_000;

type CustomerState = { archivedAt: string | null; deletionRequestedAt: string | null };

describe('data retention journey', () => {
  const journey = journeySuite();

  it(
    'changes a retention period and requests, then cancels, a customer deletion',
    async () => {
      const { page, screenshot } = journey.browser;
      const client = journey.central.channel.t.client;
      const dealer = await createDealer(
        client,
        journey.central.channel.operatorToken,
        'e2e-retention',
      );
      const customerId = await createCustomer(client, dealer.adminToken, 'Initech');
      const retention = () =>
        client.ok<{
          retentionSettings: { auditRetentionYears: number; customerDeletionGraceDays: number };
        }>(
          'query { retentionSettings { auditRetentionYears customerDeletionGraceDays } }',
          {},
          dealer.adminToken,
        );
      const customer = async () =>
        (
          await client.ok<{ customer: CustomerState }>(
            'query($id: ID!) { customer(id: $id) { archivedAt deletionRequestedAt } }',
            { id: customerId },
            dealer.adminToken,
          )
        ).customer;

      await page.goto('/');
      await signIn(page, dealer.adminEmail, TEST_PASSWORD);
      await page.getByRole('link', { name: 'Settings' }).click();
      const form = page.getByRole('form', { name: 'Data retention' });
      const audit = form.getByLabel('Audit events (years)');
      expect(await audit.inputValue()).toBe('3');
      await form.getByText(/Default 3 years; 1 to 50 years\./).waitFor();
      const save = form.getByRole('button', { name: 'Save retention' });
      await form.getByText('No changes to save.').waitFor();
      expect(await save.isDisabled()).toBe(true);

      const marked = () => audit.evaluate((input) => input.matches(':user-invalid'));
      expect(await marked()).toBe(false);

      // Out of range: marked once typed, and the disabled Save names the range.
      await audit.fill('60');
      await audit.blur();
      await form
        .getByText('Audit events: enter a whole number of years from 1 to 50.')
        .first()
        .waitFor();
      expect(await save.isDisabled()).toBe(true);
      expect(await audit.getAttribute('aria-invalid')).toBe('true');
      expect(await marked()).toBe(true);
      await screenshot('retention-00-out-of-range');

      await audit.fill('5');
      await save.click();
      await form.getByText('Saved.').waitFor();
      await screenshot('retention-01-settings');
      expect((await retention()).retentionSettings.auditRetentionYears).toBe(5);
      await page.reload();
      expect(
        await page
          .getByRole('form', { name: 'Data retention' })
          .getByLabel('Audit events (years)')
          .inputValue(),
      ).toBe('5');

      await page.goto(`/customers/${customerId}`);
      const section = page.getByRole('region', { name: 'Archive and deletion' });
      await section.getByText('Active: its agents upload and new agents can enrol.').waitFor();
      await section.getByRole('button', { name: 'Request deletion…' }).click();
      const confirm = section.getByRole('group', { name: 'Confirm' });
      const grace = (await retention()).retentionSettings.customerDeletionGraceDays;
      expect(grace).toBe(30);
      const dueDate = await page.evaluate(
        (due) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(due),
        Date.now() + grace * DAY,
      );
      await confirm
        .getByText(`after a grace period of 30 days, on ${dueDate}.`, { exact: false })
        .waitFor();
      expect((await customer()).deletionRequestedAt).toBeNull();
      await confirm.getByRole('button', { name: 'Delete after 30 days' }).click();

      await section.getByRole('button', { name: 'Cancel deletion' }).waitFor();
      const requested = await customer();
      expect(requested.deletionRequestedAt).not.toBeNull();
      expect(requested.archivedAt).not.toBeNull();
      const shown = await page.evaluate((requestedAt) => {
        const format = new Intl.DateTimeFormat(undefined, {
          dateStyle: 'medium',
          timeStyle: 'short',
        });
        const at = new Date(requestedAt);
        return [format.format(at), format.format(new Date(at.getTime() + 30 * 86_400_000))];
      }, requested.deletionRequestedAt as string);
      await section
        .getByText(`Deletion requested on ${shown[0]}, data deleted after ${shown[1]}.`)
        .waitFor();
      await page.getByText('Archived, deletion requested: see').waitFor();
      await screenshot('retention-02-deletion-requested');

      // Kept across pages: it is central's state, not the page's.
      const listRow = page.getByRole('row').filter({ hasText: 'Initech' });
      await page.getByRole('link', { name: 'All customers' }).click();
      await listRow.getByText(/^Deletion requested /).waitFor();
      await listRow.getByRole('link', { name: 'Initech' }).click();
      await section.getByText(`data deleted after ${shown[1]}`, { exact: false }).waitFor();
      await section.getByRole('button', { name: 'Cancel deletion' }).click();
      await section.getByText(/^Archived on /).waitFor();
      expect(await section.getByText(/Deletion requested/).count()).toBe(0);
      const cancelled = await customer();
      expect(cancelled.deletionRequestedAt).toBeNull();
      expect(cancelled.archivedAt).toBe(requested.archivedAt);
      await screenshot('retention-03-deletion-cancelled');
      await page.getByRole('link', { name: 'All customers' }).click();
      await listRow.getByText(/^Archived /).waitFor();

      await listRow.getByRole('link', { name: 'Initech' }).click();
      await section.getByRole('button', { name: 'Restore customer' }).click();
      await section.getByText('Active: its agents upload and new agents can enrol.').waitFor();
      expect(await customer()).toMatchObject({ archivedAt: null, deletionRequestedAt: null });
    },
    JOURNEY_TIMEOUT_MS,
  );
});
