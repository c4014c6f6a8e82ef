// Self-update of the single-executable agent end to end with real processes: two releases built
// as single executables by tools/release (--sea), the newer one published to a real central with
// its CLI under platform <os>-<arch>-sea, and an agent that is nothing but the older executable,
// run by its own `supervise`, which installs the newer file, starts it and reports it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient } from '../src/platform/prisma/prisma-client.factory.js';
import { GraphqlClient } from '../src/platform/graphql/test-support/graphql-client.js';
import {
  createCustomer,
  createDealer,
  createSite,
} from '../src/platform/graphql/test-support/scenario.js';
import {
  ROOT,
  centralProcessEnv,
  freePort,
  stopProcess,
  waitFor,
} from './test-support/e2e-processes.js';
import {
  seedOperator,
  startCentralProcess,
  writeCentralCaFile,
} from './test-support/e2e-central.js';

const BASE = '98.1.0';
const NEXT = '98.1.1';
const PLATFORM = `${process.platform}-${process.arch}`;

describe('self-update of the single-executable agent, end to end', () => {
  const work = mkdtempSync(join(tmpdir(), 'pb-update-sea-e2e-'));
  const centralData = join(work, 'central');
  const dataDir = join(work, 'agent');
  const releasesDir = join(work, 'releases');
  const keyDir = join(work, 'keys');
  const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL'] ?? '';
  const prisma = createPrismaClient(ownerUrl);
  const centralEnv = centralProcessEnv(centralData, work);
  const executable = (version: string) =>
    join(releasesDir, `printbeat-agent-${version}-${PLATFORM}`);
  let central: ChildProcess | null = null;
  let supervisor: ChildProcess | null = null;
  let client: GraphqlClient;
  let dealerToken = '';
  let agentId = '';

  async function agentVersion(): Promise<string | null> {
    const data = await client.ok(
      `query($id: ID!) { agent(id: $id) { version } }`,
      { id: agentId },
      dealerToken,
    );
    return (data['agent'] as { version: string | null }).version;
  }

  beforeAll(async () => {
    if (!ownerUrl)
      throw new Error('PRINTBEAT_TEST_DATABASE_URL is not set: run with --selectProjects system');
    spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'apps/central', 'apps/agent'],
      { cwd: ROOT, stdio: 'inherit' },
    );
    expect(
      spawnSync(process.execPath, [join(ROOT, 'tools/release/keygen.mjs'), '--out', keyDir]).status,
    ).toBe(0);
    for (const version of [BASE, NEXT]) {
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
          '--sea',
        ],
        { encoding: 'utf8', timeout: 170_000 },
      );
      expect(build.status).toBe(0);
    }

    const webPort = await freePort();
    const gatewayPort = await freePort();
    mkdirSync(join(work, 'logs'), { recursive: true });
    central = await startCentralProcess(
      { ...centralEnv, PORT: String(webPort), GATEWAY_PORT: String(gatewayPort) },
      join(work, 'logs', 'central.log'),
    );
    client = new GraphqlClient(`http://127.0.0.1:${webPort}`);
    const operator = await seedOperator(prisma, client);
    const dealer = await createDealer(client, operator.accessToken, 'update-sea-e2e');
    dealerToken = dealer.adminToken;
    const customerId = await createCustomer(client, dealerToken, 'Update SEA Customer');
    const siteId = await createSite(client, dealerToken, customerId, 'Update SEA Site');
    const created = await client.ok(
      `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`,
      { input: { customerId, siteId, maxUses: 1 } },
      dealerToken,
    );
    const caFile = writeCentralCaFile(centralData, work);
    const agentEnv = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LOG_LEVEL: 'info' };
    const enrolled = spawnSync(
      executable(BASE),
      [
        'enroll',
        '--data-dir',
        dataDir,
        '--central',
        `https://127.0.0.1:${gatewayPort}`,
        '--key',
        created['createRegistrationKey'].secret as string,
        '--ca-file',
        caFile,
        '--release-key',
        join(keyDir, 'release.pub.pem'),
      ],
      { encoding: 'utf8', env: agentEnv, cwd: work, timeout: 60_000 },
    );
    expect({ status: enrolled.status, stderr: enrolled.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
    agentId = /Enrolled as agent ([0-9a-f-]{36})/.exec(enrolled.stdout)?.[1] ?? '';
    writeFileSync(
      join(dataDir, 'agent.config.json'),
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
      }),
    );
    const log = openSync(join(work, 'logs', 'agent.log'), 'a');
    supervisor = spawn(executable(BASE), ['supervise', '--data-dir', dataDir], {
      stdio: ['ignore', log, log],
      env: agentEnv,
      cwd: work,
    });
    closeSync(log);
    await waitFor(
      'the agent to report its base version',
      async () => (await agentVersion()) === BASE,
    );
  }, 300_000);

  afterAll(async () => {
    await stopProcess(supervisor);
    await stopProcess(central);
    await prisma.$disconnect();
    if (process.env['PRINTBEAT_KEEP_E2E'] !== '1') rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('takes the newer executable published for <os>-<arch>-sea, runs it and reports it', async () => {
    const published = spawnSync(
      process.execPath,
      [
        join(ROOT, 'apps/central/bin/publish-release.js'),
        '--manifest',
        join(releasesDir, `printbeat-agent-${NEXT}-${PLATFORM}-sea.manifest.jws`),
        '--artifact',
        executable(NEXT),
        '--channel',
        'stable',
      ],
      { env: { ...centralEnv, DATABASE_URL: ownerUrl }, encoding: 'utf8', timeout: 120_000 },
    );
    expect({ status: published.status, stderr: published.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(published.stdout).toContain(`Published agent ${NEXT} for ${PLATFORM}-sea`);
    // Retried: a keep-alive connection left idle while the large artifact was published may be
    // closed by central just as it is reused.
    await waitFor('the update target set', async () =>
      Boolean(
        await client.ok(
          `mutation($input: SetAgentUpdateTargetInput!) { setAgentUpdateTarget(input: $input) { id } }`,
          { input: { agentId, channel: 'STABLE', version: NEXT, rolloutPercent: 100 } },
          dealerToken,
        ),
      ),
    );
    await waitFor(
      'the agent to run the new executable',
      async () => (await agentVersion()) === NEXT,
      150_000,
    );
    const reports = await waitFor('the installation reported', async () => {
      const data = await client.ok(
        `query($agentId: ID!) { agentUpdateReports(agentId: $agentId) { outcome fromVersion toVersion code } }`,
        { agentId },
        dealerToken,
      );
      const rows = data['agentUpdateReports'] as { outcome: string }[];
      return rows.some((row) => row.outcome === 'INSTALLED') ? rows : null;
    });
    expect(reports).toEqual([
      { outcome: 'INSTALLED', fromVersion: BASE, toVersion: NEXT, code: null },
    ]);
    const installed = join(dataDir, 'versions', NEXT, 'printbeat-agent');
    expect(readlinkSync(join(dataDir, 'current'))).toBe(join('versions', NEXT));
    expect(statSync(installed).size).toBe(statSync(executable(NEXT)).size);
    expect(statSync(installed).mode & 0o111).not.toBe(0);
    const log = readFileSync(join(work, 'logs', 'agent.log'), 'utf8');
    expect(log).toContain('update installed; restarting into it');
    expect(log).toContain(`"entry":"${installed}"`);
  }, 240_000);
});
