import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { navLabels, signIn, signOut } from './support/browser.js';
import { journeySuite } from './support/journey.js';
import { GraphqlApi } from './support/graphql-api.js';
import { colourReading, mfp } from './support/agent-fixtures.js';
import {
  createRegistrationKey,
  enrollAgent,
  gatewayRequest,
  pack,
  payloadOf,
  upload,
} from '../../central/src/gateway/test-support/agent-channel.js';

/**
 * Portal journeys in real headless Chromium against a real central (embedded PostgreSQL of the
 * test run) serving the built portal (apps/portal/dist, built by `npm test` before jest runs).
 */
const PASSWORD = 'correct-horse-battery-staple';
const JOURNEY_TIMEOUT_MS = 90_000;

describe('portal journeys', () => {
  const journey = journeySuite();
  let api: GraphqlApi;
  const run = Date.now().toString(36);
  const dealer = {
    slug: `e2e-dealer-${run}`,
    name: `E2E Dealer ${run}`,
    adminEmail: `admin-${run}@dealer.e2e.test`,
  };
  const customerAdminEmail = `buyer-${run}@acme.e2e.test`;
  let acmeId = '';
  let globexId = '';
  let globexSiteId = '';

  beforeAll(() => {
    api = new GraphqlApi(journey.central.baseUrl);
  });

  it(
    'platform operator creates a dealer tenant with its first admin',
    async () => {
      const { page, screenshot } = journey.browser;
      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in to Printbeat' }).waitFor();
      await screenshot('01-sign-in');

      await signIn(page, journey.central.operator.email, journey.central.operator.password);
      expect(await navLabels(page)).toEqual(['Tenants', 'Agent releases']);
      await page.getByRole('heading', { name: 'Tenants' }).waitFor();

      await page.getByText('New tenant').click();
      await page.getByLabel('Dealer name').fill(dealer.name);
      await page.getByLabel('Slug').fill(dealer.slug);
      await page.getByLabel('Name', { exact: true }).fill('Dana Dealer');
      await page.getByLabel('Email', { exact: true }).fill(dealer.adminEmail);
      await page.getByLabel('Initial password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create tenant' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${dealer.adminEmail} can sign in now` })
        .waitFor();
      await page.getByRole('cell', { name: dealer.name, exact: true }).waitFor();
      await screenshot('02-tenants');
      await signOut(page);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'dealer admin sees customers and sites, creates an API key and sees its secret once',
    async () => {
      const { page, screenshot } = journey.browser;
      // Seed the dealer's data through the API, as the admin the operator just created.
      const adminToken = await api.signIn(dealer.adminEmail, PASSWORD);
      acmeId = await api.createCustomer(adminToken, 'Acme Printing', 'ACME-1');
      globexId = await api.createCustomer(adminToken, 'Globex Offices', 'GLOBEX-7');
      await api.createSite(adminToken, acmeId, 'Acme HQ');
      globexSiteId = await api.createSite(adminToken, globexId, 'Globex Plant');
      await api.createUser(adminToken, {
        email: customerAdminEmail,
        name: 'Ada Acme',
        password: PASSWORD,
        role: 'CUSTOMER_ADMIN',
        customerId: acmeId,
      });

      await signIn(page, dealer.adminEmail, PASSWORD);
      expect(await navLabels(page)).toEqual(
        expect.arrayContaining(['Fleet', 'Customers', 'Users', 'API keys', 'Audit log']),
      );
      expect(await navLabels(page)).not.toContain('Tenants');

      await page.getByRole('link', { name: 'Customers' }).click();
      await page.getByRole('link', { name: 'Acme Printing' }).waitFor();
      await page.getByRole('link', { name: 'Globex Offices' }).waitFor();
      await expect(page.getByRole('cell', { name: 'GLOBEX-7', exact: true }).count()).resolves.toBe(
        1,
      );
      await screenshot('03-customers');

      await page.getByRole('link', { name: 'Acme Printing' }).click();
      await page.getByRole('heading', { name: 'Acme Printing' }).waitFor();
      await page.getByRole('cell', { name: 'Acme HQ', exact: true }).waitFor();
      await expect(page.getByText('Globex Plant').count()).resolves.toBe(0);

      await page.getByRole('link', { name: 'API keys' }).click();
      await page.getByText('New API key').click();
      await page.getByLabel('Name').fill('Billing system');
      await page.getByRole('checkbox', { name: /CUSTOMERS_READ/ }).check();
      await page.getByRole('button', { name: 'Create API key' }).click();
      const secretField = page.getByLabel('API key', { exact: true });
      await secretField.waitFor();
      const secret = await secretField.inputValue();
      expect(secret).toMatch(/^pb_/);
      await screenshot('04-api-key-secret-once');

      // The secret shown is the real key: the billing system can use it right away.
      const customers = await api.customerNamesWithApiKey(secret);
      expect(customers.sort()).toEqual(['Acme Printing', 'Globex Offices']);

      await page.getByRole('button', { name: 'I have stored the key' }).click();
      await expect(secretField.count()).resolves.toBe(0);
      await page.getByRole('cell', { name: 'Billing system', exact: true }).waitFor();
      await expect(page.content()).resolves.not.toContain(secret);

      // A reload drops the in-memory access token: the refresh token brings the session back,
      // and the secret is nowhere to be seen again.
      await page.reload();
      await page.getByRole('cell', { name: 'Billing system', exact: true }).waitFor();
      await expect(page.content()).resolves.not.toContain(secret);
      await screenshot('05-api-keys');
      await signOut(page);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'customer admin sees only their own customer, also when editing URLs',
    async () => {
      const { page, screenshot } = journey.browser;
      await signIn(page, customerAdminEmail, PASSWORD);
      const labels = await navLabels(page);
      expect(labels).toContain('Sites & consent');
      for (const dealerOnly of ['Customers', 'API keys', 'Billing', 'Tenants', 'Commands']) {
        expect(labels).not.toContain(dealerOnly);
      }

      await page.getByRole('link', { name: 'Sites & consent' }).click();
      await page.getByRole('heading', { name: 'Acme Printing' }).waitFor();
      await page.getByRole('cell', { name: 'Acme HQ', exact: true }).waitFor();
      await screenshot('06-customer-admin-own-customer');

      // The customer list only ever holds their own customer.
      await page.goto('/customers');
      await page.getByRole('link', { name: 'Acme Printing' }).waitFor();
      await expect(page.getByText('Globex').count()).resolves.toBe(0);

      // Another customer's page by URL: refused, nothing of it shown.
      await page.goto(`/customers/${globexId}`);
      await page.getByRole('alert').waitFor();
      await expect(page.getByText('Globex').count()).resolves.toBe(0);
      // Central refuses it too, whatever the UI does.
      const token = await api.signIn(customerAdminEmail, PASSWORD);
      await expect(api.customerErrorCode(token, globexId)).resolves.toMatch(/NOT_FOUND|FORBIDDEN/);

      await page.goto('/api-keys');
      await page.getByRole('heading', { name: 'No access' }).waitFor();
      await screenshot('07-customer-admin-no-access');
      await signOut(page);
    },
    JOURNEY_TIMEOUT_MS,
  );
  it(
    'customer admin enrolls an agent with a new registration key; dealer admin follows its devices and queues a test page',
    async () => {
      const { page, screenshot } = journey.browser;
      const { channel } = journey.central;

      // Another customer of the same dealer has a printer too: the customer admin must never see it.

      const dealerToken = await api.signIn(dealer.adminEmail, PASSWORD);

      const globexKey = await createRegistrationKey(channel, dealerToken, {
        customerId: globexId,
        siteId: globexSiteId,
      });

      const globexAgent = await enrollAgent(channel, globexKey.secret, 'globex-plant');

      const globexDevices = [
        mfp('GLBX000001', '127.0.0.31', '00:17:c8:bb:00:01', [
          colourReading(
            `${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}T08:00:00Z`,
            9_000,
            70,
          ),
        ]),
      ];

      const globexUpload = await upload(
        channel,
        globexAgent,
        await pack(globexAgent, payloadOf(globexAgent.agentId, globexDevices)),
      );

      expect(globexUpload.status).toBe(200);

      const [globexDeviceId] = await api.deviceIds(dealerToken, globexId);

      expect(globexDeviceId).toBeDefined();

      // The customer admin creates the registration key in the portal …
      await signIn(page, customerAdminEmail, PASSWORD);
      await page.getByRole('link', { name: 'Agents' }).click();
      await page.getByText('New registration key').click();
      await page.getByLabel('Site').selectOption({ label: 'Acme HQ' });
      await page.getByLabel('Name (optional)').fill('Reception PC');
      await page.getByRole('button', { name: 'Create registration key' }).click();
      const keyField = page.getByLabel('Registration key', { exact: true });
      await keyField.waitFor();
      const registrationKey = await keyField.inputValue();
      expect(registrationKey).toMatch(/^pbr_/);
      // One line to paste: the gateway, the fingerprint of central's own CA, the key.
      await expect(page.getByLabel('Enroll command').inputValue()).resolves.toMatch(
        new RegExp(
          `^printbeat-agent enroll --central https://\\S+ --ca-fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2} --key ${registrationKey}$`,
        ),
      );
      await screenshot('08-registration-key-once');
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('cell', { name: 'Reception PC', exact: true }).waitFor();

      // … the agent on site enrolls with it over the real gateway and sends three days of readings …
      const agent = await enrollAgent(channel, registrationKey, 'acme-reception');
      // Relative to today, so the device chart's default 90-day window always holds them.
      const days = [3, 2, 1].map((ago) =>
        new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10),
      );
      const devices = [
        mfp(
          'VCF4Z01234',
          '127.0.0.21',
          '00:17:c8:aa:00:01',
          days.map((day, i) => {
            const reading = colourReading(`${day}T08:00:00Z`, 120_000 + i * 850, 40 - i * 3);
            // Kyocera's own meters, as the decoder keeps them next to the billing ones.
            reading.counters.extra = {
              'kyocera.singleColor': 310 + i * 5,
              'kyocera.copyScans': 42_138 + i * 20,
            };
            return reading;
          }),
        ),
        mfp(
          'VCF4Z05678',
          '127.0.0.22',
          '00:17:c8:aa:00:02',
          days.map((day, i) => colourReading(`${day}T08:00:00Z`, 56_000 + i * 300, 90 - i)),
        ),
      ];
      const sent = await upload(
        channel,
        agent,
        await pack(agent, payloadOf(agent.agentId, devices)),
      );
      expect(sent.status).toBe(200);

      // … and allows test pages in the customer's consent settings.
      await page.getByRole('link', { name: 'Sites & consent' }).click();
      await page.getByRole('checkbox', { name: /Print test page/ }).check();
      await page.getByRole('button', { name: 'Save remote actions' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      await page.getByRole('link', { name: 'Fleet' }).click();
      await page.getByRole('link', { name: '127.0.0.21' }).waitFor();
      await expect(page.getByRole('link', { name: '127.0.0.22' }).count()).resolves.toBe(1);
      await expect(page.getByText('127.0.0.31').count()).resolves.toBe(0);
      await expect(page.getByText('GLBX000001').count()).resolves.toBe(0);
      await page.getByRole('link', { name: 'Agents' }).click();
      await page.getByText('acme-reception').waitFor();
      await expect(page.getByText('globex-plant').count()).resolves.toBe(0);
      await screenshot('09a-customer-admin-agents');

      // Another customer's device by URL: central answers NOT_FOUND and the page says so.
      await page.goto(`/devices/${globexDeviceId}`);
      await page.getByRole('alert').filter({ hasText: 'Not found' }).waitFor();
      await expect(page.getByText('GLBX000001').count()).resolves.toBe(0);
      await signOut(page);

      // The dealer admin sees the fleet with toner levels and counters …
      await signIn(page, dealer.adminEmail, PASSWORD);
      await page.getByRole('link', { name: 'Fleet' }).click();
      const row = page.getByRole('row').filter({ hasText: 'VCF4Z01234' });
      await row.waitFor();
      await expect(
        row.getByRole('meter', { name: /black/ }).getAttribute('aria-valuenow'),
      ).resolves.toBe('34');
      await expect(
        row.getByRole('meter', { name: /yellow/ }).getAttribute('aria-valuetext'),
      ).resolves.toBe('8%, low');
      await expect(row.getByRole('img', { name: /magenta.*some remaining/ }).count()).resolves.toBe(
        1,
      );
      await expect(row.getByRole('cell', { name: /^121,700 mono/ }).count()).resolves.toBe(1);
      await screenshot('10-fleet');

      // … narrows it server-side: no device is in error, all three are this Kyocera model …
      await page.getByLabel('Status', { exact: true }).selectOption('ERROR');
      await page.getByText('No device matches these filters').waitFor();
      await page.getByLabel('Status', { exact: true }).selectOption('OK');
      await page.getByLabel('Manufacturer').selectOption('Kyocera');
      await page.getByLabel('Model').selectOption({ label: 'ECOSYS M6630cidn (3)' });
      await row.waitFor();
      await expect(page.getByRole('link', { name: /127\.0\.0\./ }).count()).resolves.toBe(3);

      // … opens the device and queues a test page …
      await row.getByRole('link', { name: '127.0.0.21' }).click();
      await page.getByRole('heading', { name: '127.0.0.21' }).waitFor();
      await page.getByRole('rowheader', { name: 'Total' }).waitFor();
      // … sees its total over the last 90 days: one point per upload reading, on an axis that
      // fits the counter rather than starting at 0 …
      const chart = page.getByTestId('counter-history');
      await chart.getByText(/^3 meter reads from/).waitFor();
      await expect(chart.getByLabel('Period').inputValue()).resolves.toBe('90');
      await expect(chart.getByLabel('Counter', { exact: true }).inputValue()).resolves.toBe(
        'total',
      );
      await expect(chart.locator('.recharts-line').count()).resolves.toBe(1);
      const valueTicks = await chart.locator('.recharts-yAxis-tick-labels text').allTextContents();
      expect(Number(valueTicks[0]?.replace(/,/g, ''))).toBeGreaterThan(100_000);
      const totalDots = chart.locator('.recharts-line-dots').first().locator('circle');
      await expect(totalDots.count()).resolves.toBe(3);
      const dotHeights = await totalDots.evaluateAll((dots) =>
        dots.map((dot) => Number(dot.getAttribute('cy'))),
      );
      // SVG y grows downwards: a rising total draws each later dot higher up.
      expect(dotHeights[0]).toBeGreaterThan(dotHeights[2] ?? Infinity);
      // … or all three counters on one axis …
      await chart.getByLabel('Counter', { exact: true }).selectOption({ label: 'All (one axis)' });
      await expect(chart.locator('.recharts-line').count()).resolves.toBe(3);
      // … the readings behind it, newest first (total, mono, colour) …
      const newest = chart.getByRole('row').nth(1);
      const newestCells = await newest.getByRole('cell').allTextContents();
      expect(newestCells.slice(-3)).toEqual(['121,700', '85,190', '36,510']);
      await expect(chart.getByRole('row').count()).resolves.toBe(4);
      // … Kyocera's own meters by their names, not their keys …
      await page.getByRole('rowheader', { name: 'Single-colour pages' }).waitFor();
      await page.getByRole('rowheader', { name: 'Scans (copy)' }).waitFor();
      await expect(page.getByText(/kyocera\.[a-zA-Z]/).count()).resolves.toBe(0);
      // … three days on the time axis as dates, not times …
      await expect(chart.locator('figure').getAttribute('data-time-unit')).resolves.toBe('date');
      const dayTicks = await chart.locator('.recharts-xAxis-tick-labels text').allTextContents();
      expect(dayTicks.length).toBeGreaterThan(0);
      for (const tick of dayTicks) expect(tick).not.toMatch(/\d:\d\d/);
      // … and the pages of each day: 850 (595 mono, 255 colour) on each of the last two.
      await chart.getByLabel('Pages per day').check();
      const perDay = chart.getByRole('table', { name: 'Pages per day' });
      await perDay.waitFor();
      await expect(perDay.getByRole('row').count()).resolves.toBe(4);
      for (const row of [1, 2])
        await expect(
          perDay.getByRole('row').nth(row).getByRole('cell').allTextContents(),
        ).resolves.toEqual(['850', '595', '255']);
      await expect(
        chart.locator('.recharts-bar .recharts-rectangle').count(),
      ).resolves.toBeGreaterThanOrEqual(6);
      await screenshot('device-pages-per-day');
      await chart.getByLabel('Counter readings').check();
      await chart.locator('.recharts-line').first().waitFor();
      // … and the address it was seen at, with no change of IP or MAC yet.
      await page.getByText('No IP, MAC or identity change seen').waitFor();
      await chart.scrollIntoViewIfNeeded();
      await screenshot('device-chart');
      await page.getByLabel('Action').selectOption('PRINT_TEST_PAGE');
      await page.getByRole('button', { name: 'Queue' }).click();
      await page.getByRole('cell', { name: 'pending', exact: true }).waitFor();
      await screenshot('11-device-command-pending');

      // … the agent pulls it through the gateway and reports the result …
      const pulled = await gatewayRequest<{ commands: Array<{ id: string; type: string }> }>(
        channel,
        'GET',
        'commands',
        { identity: agent },
      );
      const testPage = pulled.body.commands.find((command) => command.type === 'PRINT_TEST_PAGE');
      expect(testPage).toBeDefined();
      const reported = await gatewayRequest(channel, 'POST', `commands/${testPage?.id}/result`, {
        identity: agent,
        json: { status: 'SUCCEEDED', message: 'Test page sent to 127.0.0.21:9100' },
      });
      expect(reported.status).toBe(200);

      // … and the device page follows the command to its end without a reload.
      await page.getByRole('cell', { name: 'succeeded', exact: true }).waitFor({ timeout: 20_000 });
      await page
        .getByRole('cell', { name: 'Test page sent to 127.0.0.21:9100', exact: true })
        .waitFor();
      await screenshot('12-device-command-succeeded');
      await signOut(page);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'dealer admin filters and sorts the fleet; the URL keeps it, the back button undoes it',
    async () => {
      const { page, screenshot } = journey.browser;
      const { channel } = journey.central;
      // A Globex printer whose toners are all well filled: not "low toner".
      const dealerToken = await api.signIn(dealer.adminEmail, PASSWORD);
      const annexKey = await createRegistrationKey(channel, dealerToken, {
        customerId: globexId,
        siteId: globexSiteId,
      });
      const annex = await enrollAgent(channel, annexKey.secret, 'globex-annex');
      const full = colourReading(`${new Date().toISOString().slice(0, 10)}T06:00:00Z`, 5_000, 95);
      full.supplies = full.supplies.map((supply) =>
        supply.color === 'yellow' ? { ...supply, level: 77, percent: 77 } : supply,
      );
      const sent = await upload(
        channel,
        annex,
        await pack(
          annex,
          payloadOf(annex.agentId, [mfp('GLBX000002', '127.0.0.32', '00:17:c8:bb:00:02', [full])]),
        ),
      );
      expect(sent.status).toBe(200);

      await signIn(page, dealer.adminEmail, PASSWORD);
      await page.getByRole('link', { name: 'Fleet' }).click();
      const serials = () => page.locator('table tbody tr td:nth-child(4) > code').allTextContents();
      /** The serials in the table's order once they equal `expected` (the page re-renders). */
      const expectSerials = async (expected: string[]) => {
        const deadline = Date.now() + 15_000;
        let seen = await serials();
        while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {
          await page.waitForTimeout(100);
          seen = await serials();
        }
        expect(seen).toEqual(expected);
      };
      await page.getByRole('row').filter({ hasText: 'GLBX000002' }).waitFor();
      await page.getByText('4 devices').waitFor();

      // No column is cut off at 1280 or 1920 px: the table fits its box, nothing scrolls.
      for (const width of [1280, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        const overflow = await page
          .getByRole('region', { name: 'Devices' })
          .evaluate((box) => box.scrollWidth - box.clientWidth);
        expect({ width, overflow }).toEqual({ width, overflow: 0 });
      }
      await page.setViewportSize({ width: 1280, height: 860 });

      // Sort by serial, both ways: the server's order, and the URL says so.
      const serialHeader = page.getByRole('columnheader', { name: /Serial/ });
      await serialHeader.getByRole('button').click();
      await page.waitForURL(/sort=SERIAL_NUMBER/);
      await expect(serialHeader.getAttribute('aria-sort')).resolves.toBe('ascending');
      const ascending = ['GLBX000001', 'GLBX000002', 'VCF4Z01234', 'VCF4Z05678'];
      await expectSerials(ascending);
      await serialHeader.getByRole('button').click();
      await page.waitForURL(/dir=desc/);
      await expectSerials([...ascending].reverse());

      // Low toner: the annex printer drops out, the filter joins the sort in the URL.
      // The box follows the URL: under load it shows checked only once the navigation renders.
      const lowToner = page.getByRole('checkbox', { name: 'Low toner' });
      await lowToner.click();
      await page.waitForURL(/lowToner=1/);
      await expect(lowToner.isChecked()).resolves.toBe(true);
      await expectSerials(['VCF4Z05678', 'VCF4Z01234', 'GLBX000001']);
      await screenshot('12a-fleet-low-toner-sorted');

      // Exact IP: a prefix finds nothing, the full address one device.
      await page.getByLabel('IP address (exact)', { exact: true }).fill('127.0.0.2');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('No device matches these filters').waitFor();
      await page.getByLabel('IP address (exact)', { exact: true }).fill('127.0.0.22');
      await page.getByRole('button', { name: 'Search' }).click();
      await expectSerials(['VCF4Z05678']);
      expect(new URL(page.url()).searchParams.get('ip')).toBe('127.0.0.22');

      // The back button walks back through the same views.
      await page.goBack();
      await page.getByText('No device matches these filters').waitFor();
      await expect(
        page.getByLabel('IP address (exact)', { exact: true }).inputValue(),
      ).resolves.toBe('127.0.0.2');
      await page.goBack();
      await expectSerials(['VCF4Z05678', 'VCF4Z01234', 'GLBX000001']);
      await expect(
        page.getByLabel('IP address (exact)', { exact: true }).inputValue(),
      ).resolves.toBe('');
      await page.goBack();
      await expectSerials([...ascending].reverse());
      await expect(page.getByRole('checkbox', { name: 'Low toner' }).isChecked()).resolves.toBe(
        false,
      );
      await page.goBack();
      await expectSerials(ascending);

      // A shared link opens the same view in a fresh page load.
      await page.goto('/fleet?lowToner=1&sort=SERIAL_NUMBER&dir=desc');
      await expectSerials(['VCF4Z05678', 'VCF4Z01234', 'GLBX000001']);
      await expect(page.getByRole('checkbox', { name: 'Low toner' }).isChecked()).resolves.toBe(
        true,
      );
      await expect(
        page.getByRole('columnheader', { name: /Serial/ }).getAttribute('aria-sort'),
      ).resolves.toBe('descending');
      await page.goto('/fleet?silent=1');
      await page.getByText('No device matches these filters').waitFor();
      await signOut(page);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'billing staff read the usage of a period per customer and download it as CSV',
    async () => {
      const { page, screenshot } = journey.browser;
      const { channel } = journey.central;
      const dealerToken = await api.signIn(dealer.adminEmail, PASSWORD);
      const billingEmail = `billing-${run}@dealer.e2e.test`;
      await api.createUser(dealerToken, {
        email: billingEmail,
        name: 'Bill Ing',
        password: PASSWORD,
        role: 'DEALER_BILLING',
      });

      // A third customer with one printer read across September and October.
      const initechId = await api.createCustomer(dealerToken, 'Initech', 'INI-3');
      const initechSite = await api.createSite(dealerToken, initechId, 'Initech Tower');
      const key = await createRegistrationKey(channel, dealerToken, {
        customerId: initechId,
        siteId: initechSite,
      });
      const agent = await enrollAgent(channel, key.secret, 'initech-gw');
      const reads: Array<[string, number]> = [
        ['2026-09-30T12:00:00Z', 10_000],
        ['2026-10-15T12:00:00Z', 11_000],
        ['2026-10-31T12:00:00Z', 12_500],
        ['2026-11-02T12:00:00Z', 13_000],
      ];
      const printer = mfp(
        'INI0000042',
        '127.0.0.41',
        '00:17:c8:cc:00:42',
        reads.map(([at, total]) => colourReading(at, total, 50)),
      );
      expect(
        (await upload(channel, agent, await pack(agent, payloadOf(agent.agentId, [printer]))))
          .status,
      ).toBe(200);

      await signIn(page, billingEmail, PASSWORD);
      expect(await navLabels(page)).toEqual(['Billing', 'Reconciliation']);
      await page.getByLabel('First day').fill('2026-10-01');
      await page.getByLabel('Last day').fill('2026-10-31');
      await page.getByLabel('Search customer').fill('Initech');
      await page.getByRole('option', { name: 'Initech (INI-3)' }).waitFor({ state: 'attached' });
      await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Initech (INI-3)' });
      await page.getByRole('button', { name: 'Show usage' }).click();

      // From the read at or before 1 October (10,000) to the read at or before 1 November (12,500).
      const row = page.getByRole('row').filter({ hasText: 'INI0000042' });
      await row.waitFor();
      await expect(row.getByRole('cell').nth(2).innerText()).resolves.toContain('2,500');
      await expect(row.getByRole('cell').nth(2).innerText()).resolves.toContain('10,000 → 12,500');
      await screenshot('13-billing-usage');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download billing CSV for the customer' }).click();
      const csv = await readFile(await (await download).path(), 'utf8');
      // Central's one billing export, with the byte order mark the page asks for by default.
      expect(csv.startsWith('\uFEFFrow_type,customer_id,customer_name,')).toBe(true);
      expect(csv).toMatch(/\r\nDEVICE,.*,INI0000042,.*,total,.*,10000,.*,12500,2500,/);
      expect(csv).toMatch(/\r\nCUSTOMER_TOTAL,.*,Initech,.*,total,.*,2500,/);
      // The monthly schedule is set on the same page.
      await page.getByRole('heading', { name: 'Monthly exports' }).waitFor();
      await page.getByRole('checkbox', { name: 'Export every month' }).check();
      await page.getByLabel('E-mail to').fill(billingEmail);
      await page.getByRole('button', { name: 'Save schedule' }).click();
      await page.getByText('Saved.').waitFor();
      await signOut(page);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'dealer admin sets up replenishment rules and a webhook endpoint, and sees the open alerts',
    async () => {
      const { page, screenshot } = journey.browser;
      await signIn(page, dealer.adminEmail, PASSWORD);

      await page.getByRole('link', { name: 'Supplies' }).click();
      await page.getByText('New rule').click();
      await page.getByLabel('Name', { exact: true }).fill('Colour toner at 15 %');
      await page.getByLabel('Order at or below (%)').fill('15');
      await page.getByRole('button', { name: 'Create rule' }).click();
      const rule = page.getByRole('row').filter({ hasText: 'Colour toner at 15 %' });
      await rule.waitFor();
      await expect(rule.innerText()).resolves.toContain('≤ 15%');
      await rule.getByRole('checkbox', { name: 'Rule Colour toner at 15 % enabled' }).uncheck();
      await page.reload();
      await expect(
        page.getByRole('checkbox', { name: 'Rule Colour toner at 15 % enabled' }).isChecked(),
      ).resolves.toBe(false);
      await screenshot('14-supplies');

      await page.getByRole('link', { name: 'Webhooks' }).click();
      await page.getByText('New endpoint').click();
      await page.getByLabel('URL').fill('http://127.0.0.1:9/printbeat');
      await page.getByRole('checkbox', { name: 'Alert opened' }).check();
      await page.getByRole('button', { name: 'Create endpoint' }).click();
      const secretField = page.getByLabel('Signing secret', { exact: true });
      await secretField.waitFor();
      const secret = await secretField.inputValue();
      expect(secret.length).toBeGreaterThan(20);
      await screenshot('15-webhook-secret-once');
      await page.getByRole('button', { name: 'I have stored the secret' }).click();
      const endpoint = page.getByRole('row').filter({ hasText: 'http://127.0.0.1:9/printbeat' });
      await expect(endpoint.innerText()).resolves.toContain('Supply order created, Alert opened');
      await expect(page.content()).resolves.not.toContain(secret);

      await page.getByRole('link', { name: 'Alerts' }).click();
      await page.getByRole('heading', { name: 'Alerts' }).waitFor();
      await expect(page.getByRole('alert').count()).resolves.toBe(0);
      await signOut(page);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
