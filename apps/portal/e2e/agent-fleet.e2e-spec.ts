import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { signIn, signOut } from './support/browser.js';
import { journeySuite } from './support/journey.js';
import {
  enrolledAgentOf,
  gatewayRequest,
} from '../../central/src/gateway/test-support/agent-channel.js';
import { SilenceMonitor } from '../../central/src/modules/alerts/silence-monitor.js';
import { inTenant } from '../../central/src/modules/usage/test-support/domain-test-app.js';
import { TEST_PASSWORD } from '../../central/src/platform/graphql/test-support/test-app.js';
import { publishRelease } from '../../central/src/platform/releases/publish-release.js';

/**
 * The agent fleet in real headless Chromium against a real central serving the built portal:
 * the platform operator sees a release published the way `npm run publish-release` stores it;
 * a dealer admin rolls it out to half of the agents, has a customer's IP addresses withheld,
 * and finds an agent's health alert, in words, on the agent's page.
 */
const RELEASE_LIB = pathToFileURL(
  resolve(import.meta.dirname, '../../../tools/release/release-lib.mjs'),
);
const JOURNEY_TIMEOUT_MS = 120_000;

type ReleaseLib = {
  generateReleaseKey: () => { privateKeyPem: string; publicKeyPem: string };
  signManifest: (manifest: Record<string, unknown>, privateKeyPem: string) => Promise<string>;
};

/** An artifact and its manifest signed by tools/release, stored by central's publication. */
async function publishSignedRelease(version: string, platform: string): Promise<void> {
  const { generateReleaseKey, signManifest } = (await import(RELEASE_LIB.href)) as ReleaseLib;
  const artifact = randomBytes(64 * 1024);
  const manifestJws = await signManifest(
    {
      version,
      platform,
      sha256: createHash('sha256').update(artifact).digest('hex'),
      size: artifact.length,
      createdAt: new Date().toISOString(),
    },
    generateReleaseKey().privateKeyPem,
  );
  const pool = new pg.Pool({
    connectionString: process.env['PRINTBEAT_TEST_DATABASE_URL'],
    max: 1,
  });
  try {
    await publishRelease(pool, { manifestJws, artifact, channel: 'STABLE' });
  } finally {
    await pool.end();
  }
}

describe('agent fleet journey', () => {
  const journey = journeySuite();

  it(
    'publishes a release, stages it to half the agents, withholds IPs and shows agent health',
    async () => {
      const { page, screenshot } = journey.browser;
      const { channel } = journey.central;
      const client = channel.t.client;
      // Releases are platform-wide: a platform name of this run keeps other suites' out.
      const arch = `e2e${randomBytes(3).toString('hex')}`;
      const platform = `linux-${arch}`;
      await publishSignedRelease('3.1.0', platform);

      const fleet = await enrolledAgentOf(channel, 'e2e-agent-fleet');
      const { dealer, customerId, agent } = fleet;
      const sick = {
        version: '3.0.0',
        os: 'linux 6.1.0',
        arch,
        diskFreeBytes: 100 * 1024 * 1024,
        spoolPendingFiles: 0,
      };
      const poll = await gatewayRequest(channel, 'GET', 'commands', {
        identity: agent,
        headers: { 'x-agent-facts': JSON.stringify(sick) },
      });
      expect(poll.status).toBe(200);
      const report = await gatewayRequest(channel, 'POST', 'update/report', {
        identity: agent,
        json: {
          outcome: 'ROLLED_BACK',
          fromVersion: '3.0.0',
          toVersion: '3.0.9',
          code: 'CRASHED',
          reason: 'the new version exited 3 times within 60 s',
          at: new Date().toISOString(),
        },
      });
      expect(report.status).toBe(200);
      await inTenant(dealer.tenantId, () =>
        channel.t.app.get(SilenceMonitor).checkTenant(new Date()),
      );

      // The platform operator sees the release among those published.
      await page.goto('/');
      await signIn(page, journey.central.operator.email, journey.central.operator.password);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Agent releases' })
        .click();
      const published = page.getByRole('table', { name: 'Published releases' });
      const releaseRow = published.getByRole('row').filter({ hasText: platform });
      await releaseRow.getByText('3.1.0').waitFor();
      await releaseRow.getByText('Stable').waitFor();
      await releaseRow.getByText('66 KB').waitFor();
      await page.getByText(/administrators choose which release their agents run/).waitFor();
      await screenshot('agent-fleet-01-operator-releases');
      await signOut(page);

      // The dealer admin offers it to half of the agents.
      await signIn(page, dealer.adminEmail, TEST_PASSWORD);
      await page.goto('/releases');
      const form = page.getByRole('form', { name: 'Set update target' });
      await form.getByLabel('Release', { exact: true }).selectOption('3.1.0');
      await form.getByLabel('Staged rollout (% of agents now)').fill('50');
      await form.getByRole('button', { name: 'Set target' }).click();
      await form.getByText('Target saved.').waitFor();
      const targets = page.getByRole('table', { name: 'Update targets' });
      const targetRow = targets.getByRole('row').filter({ hasText: 'All agents' });
      await targetRow.getByText('50 %').waitFor();
      await targetRow.getByText('3.1.0').waitFor();
      await screenshot('agent-fleet-02-staged-target');
      const stored = await client.ok<{
        agentUpdateTargets: {
          customerId: string | null;
          version: string;
          rolloutPercent: number;
        }[];
      }>('{ agentUpdateTargets { customerId version rolloutPercent } }', {}, dealer.adminToken);
      expect(stored.agentUpdateTargets).toEqual([
        { customerId: null, version: '3.1.0', rolloutPercent: 50 },
      ]);

      // The agent's version, its target and its last report on the agents list.
      await page.goto('/agents');
      const agentRow = page
        .getByRole('table', { name: 'Agents' })
        .getByRole('row')
        .filter({ hasText: '3.0.0' });
      await agentRow
        .getByText(
          /^Target 3\.1\.0: (update offered|not offered — staged rollout of 3\.1\.0 at 50%)/,
        )
        .waitFor();
      await agentRow
        .getByText('Rolled back from 3.0.9 to 3.0.0: the new version exited 3 times within 60 s')
        .waitFor();

      // The customer's IP addresses are withheld from now on.
      await page.goto(`/customers/${customerId}`);
      const masking = page.getByRole('form', { name: 'Customer masking' });
      await masking.getByRole('group', { name: 'IP addresses' }).getByLabel('Withhold').check();
      await masking.getByRole('button', { name: 'Save masking' }).click();
      await masking.getByText('Saved.').waitFor();
      await masking.getByTestId('effective-ip').getByText('Withhold').waitFor();
      await screenshot('agent-fleet-03-customer-masking');
      const saved = await client.ok<{
        customerMaskingSettings: { customer: { ip: string }; effective: { ip: string } };
      }>(
        'query($id: ID!) { customerMaskingSettings(customerId: $id) { customer { ip } effective { ip } } }',
        { id: customerId },
        dealer.adminToken,
      );
      expect(saved.customerMaskingSettings).toEqual({
        customer: { ip: 'WITHHOLD' },
        effective: { ip: 'WITHHOLD' },
      });
      await page.reload();
      await page
        .getByRole('form', { name: 'Customer masking' })
        .getByRole('group', { name: 'IP addresses' })
        .getByLabel('Withhold')
        .isChecked()
        .then((checked) => expect(checked).toBe(true));

      // The agent's disk is nearly full: said in words on its page and among the alerts.
      await page.goto(`/agents/${agent.agentId}`);
      const health = page.getByRole('table', { name: 'Open agent alerts' });
      await health.getByText('Agent disk almost full').waitFor();
      await health.getByText(/Disk almost full: 100 MiB free/).waitFor();
      expect(await health.textContent()).not.toContain('AGENT_DISK_LOW');
      await screenshot('agent-fleet-04-agent-health');
      await page.goto('/alerts');
      await page
        .getByRole('table', { name: 'Alerts' })
        .getByText('Agent disk almost full')
        .waitFor();
    },
    JOURNEY_TIMEOUT_MS,
  );
});
