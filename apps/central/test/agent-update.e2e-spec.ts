// Signed agent self-update end to end with real processes: releases built and signed by
// tools/release, published to a real central with its CLI, targeted through GraphQL, and an
// agent run by `printbeat-agent supervise` that refuses a tampered artifact, then downloads,
// verifies, installs and switches to a good release and reports it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rolloutBucket } from '../src/modules/releases/update-plan.js';
import { createPrismaClient } from '../src/platform/prisma/prisma-client.factory.js';
import { GraphqlClient } from '../src/platform/graphql/test-support/graphql-client.js';
import {
  createCustomer,
  createDealer,
  createSite,
} from '../src/platform/graphql/test-support/scenario.js';
import {
  AGENT_BIN,
  runAgentCli,
  ROOT,
  centralProcessEnv,
  freePort,
  stopProcess,
  waitFor,
} from './test-support/e2e-processes.js';
import {
  buildCentralAndAgent,
  seedOperator,
  startCentralProcess,
  writeCentralCaFile,
} from './test-support/e2e-central.js';

const TAMPERED = '99.0.0';
const GOOD = '99.0.1';
const BROKEN = '99.0.2';
const STAGED = '99.0.3';

type Report = {
  outcome: string;
  fromVersion: string;
  toVersion: string;
  code: string | null;
  reason: string;
};

describe('signed agent self-update, end to end with real processes', () => {
  const work = mkdtempSync(join(tmpdir(), 'pb-update-e2e-'));
  const centralData = join(work, 'central');
  const dataDir = join(work, 'agent');
  const releasesDir = join(work, 'releases');
  const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL'] ?? '';
  const appUrl = process.env['PRINTBEAT_TEST_APP_DATABASE_URL'] ?? '';
  const prisma = createPrismaClient(ownerUrl);
  const centralEnv = centralProcessEnv(centralData, work);
  let central: ChildProcess | null = null;
  let supervisor: ChildProcess | null = null;
  let second: ChildProcess | null = null;
  let secondId = '';
  let customerId = '';
  let client: GraphqlClient;
  let dealerToken = '';
  let agentId = '';

  const artifactOf = (version: string) => ({
    artifact: join(
      releasesDir,
      `printbeat-agent-${version}-${process.platform}-${process.arch}.tar.gz`,
    ),
    manifest: join(
      releasesDir,
      `printbeat-agent-${version}-${process.platform}-${process.arch}.manifest.jws`,
    ),
  });

  function publish(version: string) {
    const files = artifactOf(version);
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, 'apps/central/bin/publish-release.js'),
        '--manifest',
        files.manifest,
        '--artifact',
        files.artifact,
        '--channel',
        'stable',
      ],
      { env: { ...centralEnv, DATABASE_URL: ownerUrl }, encoding: 'utf8', timeout: 60_000 },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain(
      `Published agent ${version} for ${process.platform}-${process.arch}`,
    );
  }

  async function target(version: string) {
    await client.ok(
      `mutation($input: SetAgentUpdateTargetInput!) { setAgentUpdateTarget(input: $input) { id version } }`,
      { input: { agentId, channel: 'STABLE', version, rolloutPercent: 100 } },
      dealerToken,
    );
  }

  async function reports(of = agentId): Promise<Report[]> {
    const data = await client.ok(
      `query($agentId: ID!) { agentUpdateReports(agentId: $agentId) { outcome fromVersion toVersion code reason } }`,
      { agentId: of },
      dealerToken,
    );
    return data['agentUpdateReports'] as Report[];
  }

  async function agentVersion(of = agentId): Promise<string | null> {
    const data = await client.ok(
      `query($id: ID!) { agent(id: $id) { version } }`,
      { id: of },
      dealerToken,
    );
    return (data['agent'] as { version: string | null }).version;
  }

  beforeAll(async () => {
    if (!ownerUrl || !appUrl)
      throw new Error('PRINTBEAT_TEST_DATABASE_URL is not set: run with --selectProjects system');
    buildCentralAndAgent();

    const keyDir = join(work, 'keys');
    const keygen = spawnSync(
      process.execPath,
      [join(ROOT, 'tools/release/keygen.mjs'), '--out', keyDir],
      {
        encoding: 'utf8',
      },
    );
    expect(keygen.status).toBe(0);
    for (const version of [TAMPERED, GOOD, STAGED]) {
      const build = spawnSync(
        process.execPath,
        [
          join(ROOT, 'tools/release/build.mjs'),
          '--version',
          version,
          '--key',
          join(keyDir, 'release.key'),
          '--out',
          releasesDir,
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect({ status: build.status, stderr: build.stderr }).toEqual({ status: 0, stderr: '' });
    }

    // A release that cannot start: genuine and signed, but its entry point exits at once.
    const broken = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { writeFile, rm } from 'node:fs/promises';
         import { join } from 'node:path';
         import { stageAgent, packAndSign, currentPlatform } from ${JSON.stringify(join(ROOT, 'tools/release/release-lib.mjs'))};
         import { readFile } from 'node:fs/promises';
         const stage = ${JSON.stringify(join(work, 'broken-stage'))};
         await stageAgent(${JSON.stringify(BROKEN)}, stage);
         await writeFile(join(stage, 'bin/printbeat-agent.js'), 'process.exit(1);\\n');
         await packAndSign({ stageDir: stage, version: ${JSON.stringify(BROKEN)}, platform: currentPlatform(),
           privateKeyPem: await readFile(${JSON.stringify(join(keyDir, 'release.key'))}, 'utf8'),
           outDir: ${JSON.stringify(releasesDir)} });
         await rm(stage, { recursive: true, force: true });`,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect({ status: broken.status, stderr: broken.stderr }).toEqual({ status: 0, stderr: '' });

    const webPort = await freePort();
    const gatewayPort = await freePort();
    mkdirSync(join(work, 'logs'), { recursive: true });
    central = await startCentralProcess(
      { ...centralEnv, PORT: String(webPort), GATEWAY_PORT: String(gatewayPort) },
      join(work, 'logs', 'central.log'),
    );
    client = new GraphqlClient(`http://127.0.0.1:${webPort}`);
    const operator = await seedOperator(prisma, client);
    const dealer = await createDealer(client, operator.accessToken, 'update-e2e');
    dealerToken = dealer.adminToken;
    customerId = await createCustomer(client, dealerToken, 'Update E2E Customer');
    const siteId = await createSite(client, dealerToken, customerId, 'Update E2E Site');
    const created = await client.ok(
      `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`,
      { input: { customerId, siteId, maxUses: 2 } },
      dealerToken,
    );
    const caFile = writeCentralCaFile(centralData, work);
    const enrollAndSupervise = async (name: string, dir: string) => {
      mkdirSync(dir, { recursive: true });
      const enrolled = await runAgentCli(dir, [
        'enroll',
        '--central',
        `https://127.0.0.1:${gatewayPort}`,
        '--key',
        registrationKey,
        '--ca-file',
        caFile,
        '--release-key',
        join(keyDir, 'release.pub.pem'),
      ]);
      expect({ status: enrolled.status, stderr: enrolled.stderr }).toEqual({
        status: 0,
        stderr: expect.any(String),
      });
      const id = /Enrolled as agent ([0-9a-f-]{36})/.exec(enrolled.stdout)?.[1] ?? '';
      writeFileSync(
        join(dir, 'agent.config.json'),
        JSON.stringify({
          schedules: {
            discovery: { dailyAt: '03:00' },
            meters: { everySeconds: 3600 },
            status: { everySeconds: 3600 },
            upload: { everySeconds: 3600 },
            commandPoll: { everySeconds: 1 },
            config: { everySeconds: 3600 },
          },
          discovery: { targets: [] },
          devices: [],
          traps: { enabled: false },
          updates: { confirmWithinSeconds: 120, maxStarts: 2, startWindowSeconds: 300 },
        }),
      );
      const log = openSync(join(work, 'logs', `${name}.log`), 'a');
      const child = spawn(process.execPath, [AGENT_BIN, 'supervise', '--data-dir', dir], {
        stdio: ['ignore', log, log],
        env: {
          ...process.env,
          LOG_LEVEL: 'info',
          HTTPS_PROXY: '',
          https_proxy: '',
          NO_PROXY: '',
          no_proxy: '',
        },
      });
      closeSync(log);
      return { id, child };
    };
    const registrationKey = created['createRegistrationKey'].secret as string;
    ({ id: agentId, child: supervisor } = await enrollAndSupervise('agent', dataDir));
    ({ id: secondId, child: second } = await enrollAndSupervise('second', join(work, 'second')));
    await waitFor(
      'both agents to report their base version',
      async () => (await agentVersion()) === '0.1.0' && (await agentVersion(secondId)) === '0.1.0',
    );
  }, 240_000);

  afterAll(async () => {
    await stopProcess(supervisor);
    await stopProcess(second);
    await stopProcess(central);
    await prisma.$disconnect();
    if (process.env['PRINTBEAT_KEEP_E2E'] !== '1') rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('a tampered artifact is refused by the agent, which says why in its log and to central', async () => {
    publish(TAMPERED);
    // Altered at rest after publication: central serves it, only the agent can tell.
    await prisma.$executeRaw`UPDATE agent_releases SET artifact = overlay(artifact placing '\\xff'::bytea from 200 for 1) WHERE version = ${TAMPERED}`;
    await target(TAMPERED);
    const refused = await waitFor(
      'the refusal reported to central',
      async () => (await reports()).find((r) => r.outcome === 'REFUSED'),
      60_000,
    );
    expect(refused).toMatchObject({
      fromVersion: '0.1.0',
      toVersion: TAMPERED,
      code: 'DIGEST_MISMATCH',
    });
    expect(refused.reason).toContain('tampered or corrupt');
    const log = readFileSync(join(work, 'logs', 'agent.log'), 'utf8');
    expect(log).toMatch(/"code":"DIGEST_MISMATCH".*"msg":"update refused"/);
    expect(existsSync(join(dataDir, 'versions', TAMPERED))).toBe(false);
    expect(await agentVersion()).toBe('0.1.0');
  }, 90_000);

  it('a good release is downloaded, verified, installed side by side and switched to; the agent reports it', async () => {
    publish(GOOD);
    await target(GOOD);
    await waitFor(
      'the agent to run the new release',
      async () => (await agentVersion()) === GOOD,
      90_000,
    );
    const installed = await waitFor(
      'the installation reported',
      async () => (await reports()).find((r) => r.outcome === 'INSTALLED'),
      30_000,
    );
    expect(installed).toMatchObject({ fromVersion: '0.1.0', toVersion: GOOD, code: null });
    expect(readlinkSync(join(dataDir, 'current'))).toBe(join('versions', GOOD));
    expect(readdirSync(join(dataDir, 'versions'))).toEqual([GOOD]);
    const log = readFileSync(join(work, 'logs', 'agent.log'), 'utf8');
    expect(log).toContain('update installed; restarting into it');
    expect(log).toContain(`versions/${GOOD}/bin/printbeat-agent.js`);
    // Up to date now: nothing more is offered.
    expect(await reports()).toHaveLength(2);
  }, 150_000);

  it('a release that cannot start is rolled back by the supervisor and reported; it is not tried again', async () => {
    publish(BROKEN);
    await target(BROKEN);
    const rolledBack = await waitFor(
      'the rollback reported to central',
      async () => (await reports()).find((r) => r.outcome === 'ROLLED_BACK'),
      90_000,
    );
    expect(rolledBack).toMatchObject({ fromVersion: BROKEN, toVersion: GOOD, code: 'CRASHED' });
    expect(rolledBack.reason).toMatch(
      new RegExp(`^${BROKEN.replace(/\./g, '\\.')} stopped \\d+ times`),
    );
    expect(readlinkSync(join(dataDir, 'current'))).toBe(join('versions', GOOD));
    await waitFor(
      'the agent back on the good release',
      async () => (await agentVersion()) === GOOD,
    );
    const state = JSON.parse(readFileSync(join(dataDir, 'update', 'state.json'), 'utf8')) as {
      failedVersions: string[];
      pending: unknown;
    };
    expect(state).toMatchObject({ failedVersions: [BROKEN], pending: null });
    // Still targeted, but never installed again here.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(
      (await reports()).filter((r) => r.toVersion === BROKEN || r.fromVersion === BROKEN),
    ).toHaveLength(1);
    expect(readFileSync(join(work, 'logs', 'agent.log'), 'utf8')).toContain(
      'rolling back to the previous release',
    );
  }, 150_000);

  it('a staged rollout updates the agent in the first group, then the other at 100 %', async () => {
    publish(STAGED);
    const own = await client.ok(`{ agentUpdateTargets { id agentId } }`, {}, dealerToken);
    for (const row of own['agentUpdateTargets'] as { id: string }[]) {
      await client.ok(
        `mutation($id: ID!) { removeAgentUpdateTarget(id: $id) }`,
        { id: row.id },
        dealerToken,
      );
    }
    const agents = [
      { id: agentId, bucket: rolloutBucket(agentId, STAGED) },
      { id: secondId, bucket: rolloutBucket(secondId, STAGED) },
    ].sort((a, b) => a.bucket - b.bucket);
    const [first, later] = agents as [(typeof agents)[0], (typeof agents)[0]];
    const staged = (rolloutPercent: number) =>
      client.ok(
        `mutation($input: SetAgentUpdateTargetInput!) { setAgentUpdateTarget(input: $input) { id } }`,
        { input: { customerId, channel: 'STABLE', version: STAGED, rolloutPercent } },
        dealerToken,
      );
    const laterBefore = await agentVersion(later.id);
    if (first.bucket < later.bucket) {
      await staged(later.bucket);
      await waitFor(
        'the first group updated',
        async () => (await agentVersion(first.id)) === STAGED,
        90_000,
      );
      // Several polls later the other agent still runs what it ran.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await agentVersion(later.id)).toBe(laterBefore);
      const laterLog = readFileSync(
        join(work, 'logs', later.id === agentId ? 'agent.log' : 'second.log'),
        'utf8',
      );
      expect(laterLog).toContain(`staged rollout of ${STAGED} at ${later.bucket}%`);
    }
    await staged(100);
    await waitFor(
      'every agent updated',
      async () => (await agentVersion(later.id)) === STAGED,
      90_000,
    );
    expect(await agentVersion(first.id)).toBe(STAGED);
    // The new version's first call can reach central before its report of the install does.
    const secondReports = await waitFor(
      "the second agent's update report",
      async () => {
        const found = await reports(secondId);
        return found.length > 0 ? found : null;
      },
      30_000,
    );
    expect(secondReports.map((r) => [r.outcome, r.fromVersion, r.toVersion])).toEqual([
      ['INSTALLED', '0.1.0', STAGED],
    ]);
  }, 200_000);
});
