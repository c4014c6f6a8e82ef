import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import got from 'got';
import { CompactSign } from 'jose';
import pg from 'pg';
import {
  enrolledAgentOf,
  gatewayRequest,
  startChannel,
  type AgentIdentity,
  type Channel,
  type DealerSite,
} from '../../gateway/test-support/agent-channel.js';
import { publishRelease } from '../../platform/releases/publish-release.js';
import { SilenceMonitor } from '../alerts/silence-monitor.js';
import { inTenant } from '../usage/test-support/domain-test-app.js';
import { MANIFEST_TYPE, ReleaseRejected } from '../../platform/releases/release-manifest.js';

/** Releases are platform-wide: a platform name of this run keeps other suites' releases out. */
const PLATFORM = `linux-t${randomBytes(3).toString('hex')}`;
const { privateKey } = generateKeyPairSync('ed25519');

async function signedRelease(version: string, artifact: Buffer, platform = PLATFORM) {
  const manifest = {
    version,
    platform,
    sha256: createHash('sha256').update(artifact).digest('hex'),
    size: artifact.length,
    createdAt: new Date().toISOString(),
  };
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
    .setProtectedHeader({ alg: 'EdDSA', typ: MANIFEST_TYPE })
    .sign(privateKey);
  return { manifest, jws };
}

describe('agent releases through GraphQL and the mTLS gateway', () => {
  let channel: Channel;
  let fleet: DealerSite & { agent: AgentIdentity };
  let pool: pg.Pool;
  const artifact = randomBytes(3 * 1024 * 1024 + 17);
  let releaseId = '';
  let jws = '';

  const ask = (version = '0.1.0') =>
    gatewayRequest(channel, 'GET', `update?platform=${PLATFORM}&version=${version}`, {
      identity: fleet.agent,
    });
  const setTarget = (input: Record<string, unknown>) =>
    channel.t.client.ok(
      `mutation($input: SetAgentUpdateTargetInput!) { setAgentUpdateTarget(input: $input) { id } }`,
      { input: { channel: 'STABLE', rolloutPercent: 100, ...input } },
      fleet.dealer.adminToken,
    );
  const download = (range?: string) =>
    got(`${channel.gatewayUrl}/agent/v1/releases/${releaseId}/artifact`, {
      headers: range ? { range } : {},
      https: {
        certificateAuthority: channel.caChain.join('\n'),
        certificate: fleet.agent.certificatePem,
        key: fleet.agent.privateKeyPem,
      },
      responseType: 'buffer',
      throwHttpErrors: false,
      retry: { limit: 0 },
    });

  beforeAll(async () => {
    channel = await startChannel();
    fleet = await enrolledAgentOf(channel, 'releases');
    pool = new pg.Pool({ connectionString: process.env['PRINTBEAT_TEST_DATABASE_URL'], max: 1 });
    const signed = await signedRelease('1.0.0', artifact);
    jws = signed.jws;
    releaseId = (await publishRelease(pool, { manifestJws: jws, artifact, channel: 'STABLE' })).id;
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await channel?.t.close();
  });

  it('publication refuses a manifest that is not the artifact’s, and a second artifact for a version', async () => {
    const other = await signedRelease('1.0.1', randomBytes(100));
    await expect(
      publishRelease(pool, { manifestJws: other.jws, artifact, channel: 'STABLE' }),
    ).rejects.toThrow(ReleaseRejected);
    await expect(
      publishRelease(pool, { manifestJws: jws, artifact, channel: 'BETA' }),
    ).rejects.toThrow(`release 1.0.0 for ${PLATFORM} is already published`);
    const list = await channel.t.client.ok<{ agentReleases: { id: string; size: number }[] }>(
      `query($platform: String) { agentReleases(platform: $platform) { id size } }`,
      { platform: PLATFORM },
      fleet.dealer.adminToken,
    );
    expect(list.agentReleases).toEqual([{ id: releaseId, size: artifact.length }]);
  });

  it('offers the target release with its signed manifest; says why when it offers none', async () => {
    expect((await ask()).body).toEqual({
      target: null,
      reason: 'no target version is set for this agent',
    });
    await setTarget({ customerId: fleet.customerId });
    const offered = await ask();
    expect(offered.body).toEqual({
      target: {
        releaseId,
        version: '1.0.0',
        platform: PLATFORM,
        size: artifact.length,
        sha256: createHash('sha256').update(artifact).digest('hex'),
        manifest: jws,
        downgrade: false,
      },
      reason: null,
    });
    expect((await ask('1.0.0')).body.reason).toBe('running the target version 1.0.0');
    expect((await ask('2.0.0')).body.reason).toBe(
      'target 1.0.0 is older than the running 2.0.0: a downgrade needs allowDowngrade',
    );
    // The agent's own target is more specific than its customer's.
    await setTarget({ agentId: fleet.agent.agentId, rolloutPercent: 0 });
    expect((await ask()).body.reason).toMatch(
      /^staged rollout of 1\.0\.0 at 0%: this agent \(bucket \d+\) is not in it yet$/,
    );
    await setTarget({ agentId: fleet.agent.agentId, rolloutPercent: 100 });
    await channel.t.client.ok(
      `mutation($input: SetAgentUpdateConsentInput!) { setAgentUpdateConsent(input: $input) }`,
      { input: { customerId: fleet.customerId, allowed: false } },
      fleet.dealer.adminToken,
    );
    expect((await ask()).body.reason).toBe('the customer has not consented to agent updates');
    const allowed = async () =>
      (
        await channel.t.client.ok<{ customer: { agentUpdatesAllowed: boolean } }>(
          `query($id: ID!) { customer(id: $id) { agentUpdatesAllowed } }`,
          { id: fleet.customerId },
          fleet.dealer.adminToken,
        )
      ).customer.agentUpdatesAllowed;
    expect(await allowed()).toBe(false);
    await channel.t.client.ok(
      `mutation($input: SetAgentUpdateConsentInput!) { setAgentUpdateConsent(input: $input) }`,
      { input: { customerId: fleet.customerId, allowed: true } },
      fleet.dealer.adminToken,
    );
    expect((await ask()).body.target?.version).toBe('1.0.0');
    expect(await allowed()).toBe(true);
  });

  it('keeps a single executable of the same version apart: offered only to agents asking for -sea', async () => {
    const executable = randomBytes(64 * 1024);
    const sea = await signedRelease('1.0.0', executable, `${PLATFORM}-sea`);
    const seaId = (
      await publishRelease(pool, { manifestJws: sea.jws, artifact: executable, channel: 'STABLE' })
    ).id;
    await setTarget({ customerId: fleet.customerId });
    await setTarget({ agentId: fleet.agent.agentId, rolloutPercent: 100 });
    const asked = await gatewayRequest(
      channel,
      'GET',
      `update?platform=${PLATFORM}-sea&version=0.1.0`,
      { identity: fleet.agent },
    );
    expect(asked.body.target).toMatchObject({
      releaseId: seaId,
      version: '1.0.0',
      platform: `${PLATFORM}-sea`,
      size: executable.length,
      manifest: sea.jws,
    });
    expect((await ask()).body.target).toMatchObject({ releaseId, platform: PLATFORM });
    const refused = await gatewayRequest(
      channel,
      'GET',
      `update?platform=${PLATFORM}-deb&version=0.1.0`,
      { identity: fleet.agent },
    );
    expect(refused.status).toBe(400);
  });

  it('serves the artifact whole, from a byte on (206) for a resume, and 416 past its end', async () => {
    const whole = await download();
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body.equals(artifact)).toBe(true);

    const from = 1024 * 1024 + 5;
    const rest = await download(`bytes=${from}-`);
    expect(rest.statusCode).toBe(206);
    expect(rest.headers['content-range']).toBe(
      `bytes ${from}-${artifact.length - 1}/${artifact.length}`,
    );
    expect(rest.body.equals(artifact.subarray(from))).toBe(true);

    const past = await download(`bytes=${artifact.length}-`);
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${artifact.length}`);

    const unknown = await gatewayRequest(
      channel,
      'GET',
      `releases/00000000-0000-4000-8000-000000000000/artifact`,
      { identity: fleet.agent },
    );
    expect(unknown.status).toBe(404);
    // Only enrolled agents download.
    const anonymous = await gatewayRequest(channel, 'GET', `releases/${releaseId}/artifact`);
    expect(anonymous.status).toBe(401);
  });

  it('keeps what the agent reports and shows it in GraphQL; a bad report is refused', async () => {
    const report = {
      outcome: 'REFUSED',
      fromVersion: '0.1.0',
      toVersion: '1.0.0',
      code: 'BAD_SIGNATURE',
      reason: 'release manifest for 1.0.0 not signed by the pinned release key',
      at: '2026-12-07T10:00:00.000Z',
    };
    const sent = await gatewayRequest(channel, 'POST', 'update/report', {
      identity: fleet.agent,
      json: report,
    });
    expect(sent.status).toBe(200);
    const bad = await gatewayRequest(channel, 'POST', 'update/report', {
      identity: fleet.agent,
      json: { ...report, outcome: 'MAYBE' },
    });
    expect(bad.status).toBe(400);
    const data = await channel.t.client.ok<{ agentUpdateReports: Record<string, unknown>[] }>(
      `query($agentId: ID!) { agentUpdateReports(agentId: $agentId) { outcome fromVersion toVersion code reason at } }`,
      { agentId: fleet.agent.agentId },
      fleet.dealer.adminToken,
    );
    expect(data.agentUpdateReports).toEqual([report]);
  });

  it('raises AGENT_VERSION_BEHIND a day after its target offered a release it has not taken', async () => {
    const monitor = channel.t.app.get(SilenceMonitor);
    const check = () => inTenant(fleet.dealer.tenantId, () => monitor.checkTenant(new Date()));
    const behind = async () =>
      (
        await channel.t.client.ok<{
          alerts: { edges: { node: { code: string; message: string } }[] };
        }>(
          `{ alerts(open: true, first: 50) { edges { node { code message } } } }`,
          {},
          fleet.dealer.adminToken,
        )
      ).alerts.edges
        .map((edge) => edge.node)
        .filter((node) => node.code === 'AGENT_VERSION_BEHIND');
    const reportFacts = async (version: string) => {
      const facts = { version, os: 'linux 6.1.0-28-amd64', arch: PLATFORM.slice('linux-'.length) };
      const sent = await gatewayRequest(channel, 'GET', 'commands', {
        identity: fleet.agent,
        headers: { 'x-agent-facts': JSON.stringify(facts) },
      });
      expect(sent.status).toBe(200);
    };

    await reportFacts('0.9.0');
    await check();
    expect(await behind()).toEqual([]);

    await pool.query(
      `UPDATE agent_update_targets SET updated_at = now() - interval '30 hours' WHERE tenant_id = $1`,
      [fleet.dealer.tenantId],
    );
    await pool.query(
      `UPDATE agent_releases SET created_at = now() - interval '30 hours' WHERE id = $1`,
      [releaseId],
    );
    await check();
    const [alert, ...more] = await behind();
    expect(more).toEqual([]);
    expect(alert?.message).toBe(
      'Agent runs 0.9.0, its update target 1.0.0 has been offered for 30 h; last update attempt: ' +
        'release manifest for 1.0.0 not signed by the pinned release key (agent print-gw-01)',
    );

    await reportFacts('1.0.0');
    expect((await check()).closed).toBeGreaterThanOrEqual(1);
    expect(await behind()).toEqual([]);
  });

  it('shows on the agent its target version, whether it is offered, and its last report', async () => {
    type Listed = {
      agents: {
        edges: { node: { id: string; version: string | null; update: Record<string, unknown> } }[];
      };
    };
    const list = async () =>
      (
        await channel.t.client.ok<Listed>(
          `query($customerId: ID) { agents(customerId: $customerId) { edges { node { id version
            update { targetVersion offered downgrade reason lastReport { outcome code reason } } } } } }`,
          { customerId: fleet.customerId },
          fleet.dealer.adminToken,
        )
      ).agents.edges.find((edge) => edge.node.id === fleet.agent.agentId)?.node;
    const facts = (version: string) =>
      gatewayRequest(channel, 'GET', 'commands', {
        identity: fleet.agent,
        headers: {
          'x-agent-facts': JSON.stringify({ version, os: 'linux 6.1', arch: PLATFORM.slice(6) }),
        },
      });
    const lastReport = {
      outcome: 'REFUSED',
      code: 'BAD_SIGNATURE',
      reason: 'release manifest for 1.0.0 not signed by the pinned release key',
    };
    await facts('0.1.0');
    expect(await list()).toEqual({
      id: fleet.agent.agentId,
      version: '0.1.0',
      update: { targetVersion: '1.0.0', offered: true, downgrade: false, reason: null, lastReport },
    });
    await facts('2.0.0');
    expect((await list())?.update).toEqual({
      targetVersion: '1.0.0',
      offered: false,
      downgrade: false,
      reason: 'target 1.0.0 is older than the running 2.0.0: a downgrade needs allowDowngrade',
      lastReport,
    });
    await setTarget({ agentId: fleet.agent.agentId, allowDowngrade: true });
    expect((await list())?.update).toMatchObject({ offered: true, downgrade: true, reason: null });
  });
});
