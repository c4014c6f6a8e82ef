import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createRegistrationKey,
  dealerWithSite,
  startChannel,
  type Channel,
  type DealerSite,
} from './test-support/agent-channel.js';

// The enroll command the portal shows, run as the built agent CLI against a real gateway: the
// fingerprint from GraphQL is all a first enrollment needs to trust central's own CA.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CLI = join(ROOT, 'apps/agent/bin/printbeat-agent.js');

type Run = { code: number; stdout: string; stderr: string };

function agentCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, HTTPS_PROXY: '', https_proxy: '' } },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          stdout,
          stderr,
        }),
    );
  });
}

describe('first enrollment with the CA fingerprint the portal shows', () => {
  let channel: Channel;
  let site: DealerSite;
  let fingerprint: string;
  let gatewayUrl: string;
  beforeAll(async () => {
    channel = await startChannel();
    site = await dealerWithSite(channel, 'first-enroll');
    const data = await channel.t.client.ok<{
      agentGateway: { url: string; caFingerprint: string | null };
    }>(`{ agentGateway { url caFingerprint } }`, {}, site.dealer.adminToken);
    expect(data.agentGateway.caFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    fingerprint = data.agentGateway.caFingerprint!;
    // The test app's gateway listens on an ephemeral port the configured URL cannot know.
    gatewayUrl = channel.gatewayUrl;
  });
  afterAll(async () => {
    await channel?.t.close();
  });

  const freshKey = () =>
    createRegistrationKey(channel, site.dealer.adminToken, {
      customerId: site.customerId,
      siteId: site.siteId,
    });

  it('enrolls with --ca-fingerprint, and keeps the whole chain for later calls', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'first-enroll-'));
    const key = await freshKey();
    const run = await agentCli([
      'enroll',
      '--central',
      gatewayUrl,
      '--ca-fingerprint',
      fingerprint,
      '--key',
      key.secret,
      '--data-dir',
      dataDir,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Enrolled as agent /);
    expect(existsSync(join(dataDir, 'identity', 'identity.json'))).toBe(true);

    const status = await agentCli(['status', '--json', '--data-dir', dataDir]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ central: { reachable: true } });
  });

  it('refuses a fingerprint central does not present, naming what it saw', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'first-enroll-'));
    const key = await freshKey();
    const wrong = fingerprint.replace(/^[0-9A-F]{2}/, (hex) => (hex === '00' ? '01' : '00'));
    const run = await agentCli([
      'enroll',
      '--central',
      gatewayUrl,
      '--ca-fingerprint',
      wrong,
      '--key',
      key.secret,
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('[CA_FINGERPRINT_MISMATCH]');
    expect(run.stderr).toContain('Printbeat');
    expect(existsSync(join(dataDir, 'identity', 'identity.json'))).toBe(false);
  });

  it('without a CA option, the self-issued gateway is not trusted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'first-enroll-'));
    const key = await freshKey();
    const run = await agentCli([
      'enroll',
      '--central',
      gatewayUrl,
      '--key',
      key.secret,
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).not.toBe(0);
    expect(existsSync(join(dataDir, 'identity', 'identity.json'))).toBe(false);
  });
});
