import { describe, expect, it } from '@jest/globals';
import { signIn } from './support/browser.js';
import { journeySuite } from './support/journey.js';
import {
  enrolledAgentOf,
  gatewayRequest,
} from '../../central/src/gateway/test-support/agent-channel.js';
import { TEST_PASSWORD } from '../../central/src/platform/graphql/test-support/test-app.js';

/**
 * The audit log in real headless Chromium against a real central serving the built portal:
 * filters kept in the URL (reload and back button), actors by name, routine agent polls hidden
 * until asked for; plus the polish around it (favicon, untouched inputs not red, error text).
 */
const JOURNEY_TIMEOUT_MS = 90_000;
const DANGER_BORDER = 'rgb(179, 38, 30)';

describe('audit log journey', () => {
  const journey = journeySuite();

  it(
    'dealer admin filters the audit log by action, actor and days, with routine polls hidden',
    async () => {
      const { page, screenshot } = journey.browser;
      const { channel } = journey.central;
      const fleet = await enrolledAgentOf(channel, 'e2e-audit');
      for (let poll = 0; poll < 3; poll += 1) {
        const pulled = await gatewayRequest(channel, 'GET', 'commands', { identity: fleet.agent });
        expect(pulled.status).toBe(200);
      }

      await page.goto('/');
      await signIn(page, fleet.dealer.adminEmail, TEST_PASSWORD);
      await page.getByRole('link', { name: 'Audit log' }).click();
      const table = page.getByRole('table');
      await table.getByText('customer.create').waitFor();
      const customerRow = page.getByRole('row').filter({ hasText: 'customer.create' });
      await expect(customerRow.innerText()).resolves.toContain(
        `Admin e2e-audit ${fleet.dealer.adminEmail}`,
      );
      await expect(page.getByText('agent.commands_pull').count()).resolves.toBe(0);
      await screenshot('audit-01-default');

      // The toggle's state lives in the URL: click, then wait for the URL rather than the box.
      await page.getByLabel(/Show routine agent traffic/).click();
      await page.waitForURL(/routine=1/);
      const polls = page.getByRole('row').filter({ hasText: 'agent.commands_pull' });
      await polls.first().waitFor();
      await expect(polls.count()).resolves.toBe(3);
      await expect(polls.first().innerText()).resolves.toContain('print-gw-01 (Agent)');
      await expect(page.getByLabel(/Show routine agent traffic/).isChecked()).resolves.toBe(true);

      await page.getByLabel('Action').fill('customer.');
      await page.getByLabel('Action').press('Enter');
      await page.waitForURL(/action=customer\./);
      await polls.first().waitFor({ state: 'detached' });
      await page.getByRole('row').filter({ hasText: 'customer.create' }).waitFor();
      const actions = await page.locator('tbody tr td:nth-child(2) code').allInnerTexts();
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.every((action) => action.startsWith('customer.'))).toBe(true);
      await screenshot('audit-02-customer-family');

      // The filters live in the URL: a reload keeps them, the back button undoes the last one.
      await page.reload();
      await expect(page.getByLabel('Action').inputValue()).resolves.toBe('customer.');
      await page.getByRole('row').filter({ hasText: 'customer.create' }).waitFor();
      await page.goBack();
      await page.waitForURL((url) => !url.searchParams.has('action'));
      await page.getByRole('row').filter({ hasText: 'agent.commands_pull' }).first().waitFor();

      await page.getByRole('link', { name: 'Only events by print-gw-01' }).first().click();
      await page.waitForURL(/actorKind=AGENT/);
      await page
        .getByRole('cell', { name: 'customer.create' })
        .first()
        .waitFor({ state: 'detached' });
      await polls.first().waitFor();
      await expect(polls.count()).resolves.toBe(3);
      const byAgent = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
      expect(byAgent.every((actor) => actor.startsWith('print-gw-01'))).toBe(true);

      const today = new Date();
      const day = (offset: number) => {
        const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset);
        return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
      };
      await page.getByLabel('From').fill(day(1));
      await page.getByLabel('To').fill(day(0));
      await expect(page.getByRole('alert').innerText()).resolves.toContain(
        '"from" day is after the "to" day',
      );
      await screenshot('audit-03-reversed-days');
      await page.getByLabel('From').fill(day(0));
      await page.getByRole('row').filter({ hasText: 'agent.commands_pull' }).first().waitFor();
      await page.getByLabel('From').fill(day(1));
      await page.getByLabel('To').fill(day(2));
      await page.getByText('No events match these filters').waitFor();
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'has a favicon, leaves untouched inputs unmarked and words input errors as a sentence',
    async () => {
      const { page } = journey.browser;
      // Each full page load rotates the session's refresh token: let one finish before the next.
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await expect(page.locator('link[rel="icon"]').getAttribute('href')).resolves.toBe(
        '/favicon.svg',
      );
      const icon = await fetch(`${journey.central.baseUrl}/favicon.svg`);
      expect(icon.status).toBe(200);
      expect(await icon.text()).toContain('<svg');

      await page.getByRole('link', { name: 'API keys' }).click();
      await page.getByText('New API key').click();
      const name = page.getByLabel('Name');
      const border = () => name.evaluate((input) => getComputedStyle(input).borderTopColor);
      await expect(border()).resolves.not.toBe(DANGER_BORDER);
      await name.fill('x');
      await name.fill('');
      await name.blur();
      await expect(border()).resolves.toBe(DANGER_BORDER);

      await page.goto('/customers/not-an-id');
      await expect(page.getByRole('alert').innerText()).resolves.toContain(
        'Invalid id: must be an id.',
      );
    },
    JOURNEY_TIMEOUT_MS,
  );
});
