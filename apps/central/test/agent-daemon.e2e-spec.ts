// The agent daemon end to end with real processes (issue #4): lock-down, locally disabled
// actions, reboot / troubleshoot / refresh / update-settings commands, an HTTPS proxy, the
// status and show commands, kill -9 in the middle of collection, certificate renewal, and a
// consent change reaching the agent with its next command poll.
// One central and one simulated fleet; each scenario has its own agent and printer.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt, X509Certificate } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePayloadXml } from '@printbeat/payload';
import { startFleet, type Fleet } from '@printbeat/printer-sim';
import { createPrismaClient } from '../src/platform/prisma/prisma-client.factory.js';
import { GraphqlClient } from '../src/platform/graphql/test-support/graphql-client.js';
import {
  createCustomer,
  createDealer,
  createSite,
} from '../src/platform/graphql/test-support/scenario.js';
import { startConnectProxy } from '../../../tools/testing/connect-proxy.js';
import {
  AGENT_BIN,
  runAgentCli,
  centralProcessEnv,
  freePort,
  spooledReadings,
  stopProcess,
  waitFor,
} from './test-support/e2e-processes.js';
import {
  buildCentralAndAgent,
  seedOperator,
  startCentralProcess,
  writeCentralCaFile,
} from './test-support/e2e-central.js';

const EVERY_ACTION = [
  'PRINT_TEST_PAGE',
  'REFRESH_STATUS',
  'SEND_METERS',
  'TROUBLESHOOT',
  'REBOOT',
  'UPDATE_SETTINGS',
];

type CommandView = {
  status: string;
  message: string | null;
  result: Record<string, unknown> | null;
};

describe('agent daemon, end to end with real processes', () => {
  const work = mkdtempSync(join(tmpdir(), 'pb-daemon-e2e-'));
  const centralData = join(work, 'central');
  const logs = join(work, 'logs');
  const octet = randomInt(100, 250);
  const printer = {
    main: `127.${octet}.9.10`,
    refuser: `127.${octet}.9.11`,
    locked: `127.${octet}.9.12`,
    crash: `127.${octet}.9.13`,
    consent: `127.${octet}.9.14`,
  };
  const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL'] ?? '';
  const appUrl = process.env['PRINTBEAT_TEST_APP_DATABASE_URL'] ?? '';
  const prisma = createPrismaClient(ownerUrl);
  const agents = new Map<string, ChildProcess>();
  let fleet: Fleet;
  let central: ChildProcess | null = null;
  let proxy: Awaited<ReturnType<typeof startConnectProxy>>;
  let webPort: number;
  let gatewayPort: number;
  let client: GraphqlClient;
  let dealerToken = '';
  let tenantId = '';
  let customerId = '';
  let siteId = '';
  let caFile = '';

  // ── helpers ─────────────────────────────────────────────────────────────────────────

  /**
   * Runs one CLI command. Asynchronously on purpose: the proxy and the simulated printers
   * live in this process, and a blocking spawnSync would starve them.
   */
  const agentCli = (dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
    runAgentCli(dataDir, args, env);

  /** Enrolls a fresh agent with its own key and writes its local config; returns its id. */
  async function enrollAgent(
    name: string,
    localConfig: Record<string, unknown>,
  ): Promise<{ dataDir: string; agentId: string }> {
    const dataDir = join(work, `agent-${name}`);
    mkdirSync(dataDir, { recursive: true });
    const created = await client.ok(
      `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`,
      { input: { customerId, siteId, maxUses: 1 } },
      dealerToken,
    );
    const enrolled = await agentCli(dataDir, [
      'enroll',
      '--central',
      `https://127.0.0.1:${gatewayPort}`,
      '--key',
      created['createRegistrationKey'].secret,
      '--ca-file',
      caFile,
    ]);
    expect({ name, status: enrolled.status, stderr: enrolled.stderr }).toEqual({
      name,
      status: 0,
      stderr: expect.any(String),
    });
    const agentId = /Enrolled as agent ([0-9a-f-]{36})/.exec(enrolled.stdout)?.[1];
    if (!agentId) throw new Error(`no agent id in: ${enrolled.stdout}`);
    writeFileSync(join(dataDir, 'agent.config.json'), JSON.stringify(localConfig, null, 2));
    return { dataDir, agentId };
  }

  function baseConfig(
    address: string,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> {
    return {
      schedules: {
        discovery: { dailyAt: '03:00' },
        meters: { everySeconds: 2 },
        status: { everySeconds: 2 },
        upload: { everySeconds: 2 },
        commandPoll: { everySeconds: 1 },
        config: { everySeconds: 2 },
      },
      discovery: { targets: [address], snmpPort: fleet.snmpPort, concurrency: 2, timeoutMs: 1500 },
      devices: [address],
      snmp: { version: '2c', community: 'public' },
      rawPrintPort: fleet.rawPort,
      // As root the default trap listener would take UDP 162 on every interface.
      traps: { enabled: false },
      ...extra,
    };
  }

  function startAgent(name: string, dataDir: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
    const out = openSync(join(logs, `agent-${name}.log`), 'a');
    const child = spawn(process.execPath, [AGENT_BIN, 'run', '--data-dir', dataDir], {
      stdio: ['ignore', out, out],
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
    });
    closeSync(out);
    agents.set(name, child);
    return child;
  }

  async function stopAgent(name: string): Promise<void> {
    await stopProcess(agents.get(name) ?? null);
    agents.delete(name);
  }

  async function deviceIdAt(address: string): Promise<string> {
    return (await deviceWith(`at ${address}`, (n) => n.ipAddress === address)).id;
  }

  async function deviceWith(
    label: string,
    match: (node: { ipAddress: string | null; agentId: string | null }) => boolean,
  ): Promise<{ id: string; ipAddress: string | null }> {
    return waitFor(
      `a device ${label} with a meter read`,
      async () => {
        const data = await client.ok(
          `{ devices(first: 100) { edges { node { id ipAddress agentId latestMeterRead { readAt } } } } }`,
          {},
          dealerToken,
        );
        const node = (
          data['devices'].edges as {
            node: {
              id: string;
              ipAddress: string | null;
              agentId: string | null;
              latestMeterRead: unknown;
            };
          }[]
        )
          .map((e) => e.node)
          .find(match);
        return node?.latestMeterRead ? node : null;
      },
      90_000,
    );
  }

  async function queue(input: Record<string, unknown>): Promise<string> {
    const queued = await client.ok(
      `mutation($input: QueueCommandInput!) { queueCommand(input: $input) { id } }`,
      { input },
      dealerToken,
    );
    return queued['queueCommand'].id as string;
  }

  async function command(id: string): Promise<CommandView> {
    const data = await client.ok(
      `query($id: ID!) { command(id: $id) { status message result } }`,
      { id },
      dealerToken,
    );
    return data['command'] as CommandView;
  }

  function finished(id: string, timeoutMs = 60_000): Promise<CommandView> {
    return waitFor(
      `command ${id} to finish`,
      async () => {
        const view = await command(id);
        return view.status === 'SUCCEEDED' || view.status === 'FAILED' ? view : null;
      },
      timeoutMs,
    );
  }

  async function agentAuditActions(agentId: string): Promise<string[]> {
    const events = await prisma.auditEvent.findMany({
      where: { tenantId, actorKind: 'AGENT', actorId: agentId },
      select: { action: true },
    });
    return events.map((e) => e.action);
  }

  async function setConsent(allowedCommandTypes: readonly string[]): Promise<void> {
    await client.ok(
      `mutation($input: SetCustomerConsentInput!) { setCustomerConsent(input: $input) { id } }`,
      { input: { customerId, allowedCommandTypes } },
      dealerToken,
    );
  }

  const zipsIn = (dir: string) =>
    existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.zip')) : [];

  // ── set-up ──────────────────────────────────────────────────────────────────────────

  beforeAll(async () => {
    if (!ownerUrl || !appUrl)
      throw new Error('PRINTBEAT_TEST_DATABASE_URL is not set: run with --selectProjects system');
    buildCentralAndAgent();
    mkdirSync(logs, { recursive: true });

    fleet = await startFleet({
      printers: [
        {
          address: printer.main,
          fixture: 'printmaster/kyocera_p2040_snmp.json',
          pagesPerMinute: 600,
        },
        {
          address: printer.refuser,
          fixture: 'printmaster/kyocera_p2040_snmp.json',
          pagesPerMinute: 600,
        },
        { address: printer.locked, fixture: 'librenms/ricoh_mpc3002.snmprec', pagesPerMinute: 600 },
        { address: printer.crash, fixture: 'librenms/ricoh_mpc3002.snmprec', pagesPerMinute: 600 },
        {
          address: printer.consent,
          fixture: 'printmaster/kyocera_p2040_snmp.json',
          pagesPerMinute: 600,
        },
      ],
      snmpPort: randomInt(20_000, 40_000),
      rawPort: await freePort(),
      tickMs: 200,
      rebootSilenceMs: 500,
    });
    proxy = await startConnectProxy();

    webPort = await freePort();
    gatewayPort = await freePort();
    central = await startCentralProcess(
      {
        ...centralProcessEnv(centralData, work),
        PORT: String(webPort),
        GATEWAY_PORT: String(gatewayPort),
      },
      join(logs, 'central.log'),
    );
    client = new GraphqlClient(`http://127.0.0.1:${webPort}`);

    const operator = await seedOperator(prisma, client);
    const dealer = await createDealer(client, operator.accessToken, 'daemon-e2e');
    dealerToken = dealer.adminToken;
    tenantId = dealer.tenantId;
    customerId = await createCustomer(client, dealerToken, 'Daemon E2E Customer');
    siteId = await createSite(client, dealerToken, customerId, 'Daemon E2E Site');
    // The customer consents to every action: what an agent refuses is then its own choice.
    await setConsent(EVERY_ACTION);
    caFile = writeCentralCaFile(centralData, work);
  }, 240_000);

  // A failed scenario must not leave its agent running into the next one.
  afterEach(async () => {
    for (const name of [...agents.keys()]) await stopAgent(name);
  }, 60_000);

  afterAll(async () => {
    for (const name of [...agents.keys()]) await stopAgent(name);
    await stopProcess(central);
    await proxy?.close();
    await fleet?.stop();
    await prisma.$disconnect();
    if (process.env['PRINTBEAT_KEEP_E2E'] !== '1') rmSync(work, { recursive: true, force: true });
  }, 60_000);

  // ── scenarios ───────────────────────────────────────────────────────────────────────

  it('lock-down: uploads readings without printer IPs, never pulls commands or config; a queued command stays PENDING', async () => {
    const { dataDir, agentId } = await enrollAgent(
      'locked',
      baseConfig(printer.locked, { lockDown: true }),
    );
    const before = await agentAuditActions(agentId);
    startAgent('locked', dataDir);
    // Lock-down withholds IP addresses: central knows the printer by its serial only.
    const locked = await deviceWith(`of agent ${agentId}`, (n) => n.agentId === agentId);
    expect(locked.ipAddress).toBeNull();
    const deviceId = locked.id;
    const commandId = await queue({ deviceId, type: 'REFRESH_STATUS' });
    // Several command-poll and config periods (1 s and 2 s) pass, and more uploads arrive.
    const uploadsSoFar = (await agentAuditActions(agentId)).filter(
      (a) => a === 'upload.accept',
    ).length;
    await waitFor(
      'two more uploads',
      async () =>
        (await agentAuditActions(agentId)).filter((a) => a === 'upload.accept').length >=
        uploadsSoFar + 2,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 3000));

    const actions = (await agentAuditActions(agentId)).slice(before.length);
    expect(actions).toContain('upload.accept');
    expect(actions.filter((a) => a.startsWith('agent.command') || a === 'agent.config')).toEqual(
      [],
    );
    expect((await command(commandId)).status).toBe('PENDING');

    const status = await agentCli(dataDir, ['status', '--json']);
    expect(status.status).toBe(0);
    const report = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ enrolled: true, agentId, lockDown: true, configVersion: null });
    expect((await agentAuditActions(agentId)).filter((a) => a === 'agent.config')).toEqual([]);
    expect(readFileSync(join(logs, 'agent-locked.log'), 'utf8')).toContain('"lockDown":true');
    await stopAgent('locked');
    expect((await command(commandId)).status).toBe('PENDING');
  }, 180_000);

  it('a locally disabled REBOOT is refused without touching the printer; HTTPS_PROXY carries the traffic', async () => {
    const { dataDir } = await enrollAgent(
      'refuser',
      baseConfig(printer.refuser, { disabledActions: ['REBOOT'] }),
    );
    const tunnelsBefore = proxy.tunnels();
    startAgent('refuser', dataDir, { HTTPS_PROXY: proxy.url });
    const deviceId = await deviceIdAt(printer.refuser);
    expect(proxy.tunnels()).toBeGreaterThan(tunnelsBefore);

    const sim = fleet.printer(printer.refuser);
    const bootSecondsBefore = sim.engineTime();
    const commandId = await queue({ deviceId, type: 'REBOOT' });
    const result = await finished(commandId);
    expect(result.status).toBe('FAILED');
    expect(result.result).toMatchObject({ refused: true });
    expect(result.message).toContain('REBOOT is disabled');
    // Still up since before the command: no reboot happened.
    expect(sim.isAnswering()).toBe(true);
    expect(sim.engineTime()).toBeGreaterThanOrEqual(bootSecondsBefore);
    await stopAgent('refuser');
  }, 180_000);

  it('runs REBOOT, TROUBLESHOOT, REFRESH_STATUS and UPDATE_SETTINGS through a proxy from the local config', async () => {
    // No SNMP settings of its own: it polls with central's, so central's SNMP changes apply.
    const { dataDir, agentId } = await enrollAgent(
      'main',
      // A reboot is sent only with a write credential: this simulated printer has one community.
      baseConfig(printer.main, {
        proxy: proxy.url,
        snmp: undefined,
        snmpWrite: { version: '2c', community: 'public' },
      }),
    );
    const tunnelsBefore = proxy.tunnels();
    startAgent('main', dataDir);
    const deviceId = await deviceIdAt(printer.main);
    expect(proxy.tunnels()).toBeGreaterThan(tunnelsBefore);

    // TROUBLESHOOT: reachability and a fresh status, reported back.
    const troubleshoot = await finished(await queue({ deviceId, type: 'TROUBLESHOOT' }));
    expect(troubleshoot).toMatchObject({
      status: 'SUCCEEDED',
      result: expect.objectContaining({ snmpReachable: true }),
    });

    // REFRESH_STATUS: a fresh reading of that printer, spooled and uploaded.
    const refresh = await finished(await queue({ deviceId, type: 'REFRESH_STATUS' }));
    expect(refresh.status).toBe('SUCCEEDED');
    expect(refresh.result).toMatchObject({ polled: 1, read: 1 });
    const refreshUploads = (refresh.result!['uploadIds'] as string[]) ?? [];
    expect(refreshUploads).toHaveLength(1);
    // The command uploads what it collected before it reports: the reading is already in central.
    expect(await prisma.upload.count({ where: { tenantId, uploadId: refreshUploads[0]! } })).toBe(
      1,
    );

    // REBOOT, allowed: the simulator restarts (uptime starts again from zero).
    const sim = fleet.printer(printer.main);
    await waitFor(
      'the printer to have been up a few seconds',
      () => Promise.resolve(sim.engineTime() >= 3),
      30_000,
    );
    const upBefore = sim.engineTime();
    const reboot = await finished(await queue({ deviceId, type: 'REBOOT' }));
    expect(reboot.status).toBe('SUCCEEDED');
    expect(sim.engineTime()).toBeLessThan(upBefore);

    // UPDATE_SETTINGS after a dealer changed the agent's config: the agent takes the new version.
    const agentBefore = await client.ok(
      `query($id: ID!) { agent(id: $id) { configVersion } }`,
      { id: agentId },
      dealerToken,
    );
    const versionBefore = agentBefore['agent'].configVersion as number;
    const updated = await client.ok(
      `mutation($input: UpdateAgentConfigInput!) { updateAgentConfig(input: $input) { configVersion } }`,
      { input: { agentId, config: { discovery: { timeoutMs: 1800 } } } },
      dealerToken,
    );
    const newVersion = updated['updateAgentConfig'].configVersion as number;
    expect(newVersion).toBeGreaterThan(versionBefore);
    const settings = await finished(await queue({ agentId, type: 'UPDATE_SETTINGS' }));
    expect(settings).toMatchObject({
      status: 'SUCCEEDED',
      result: expect.objectContaining({ configVersion: newVersion }),
    });
    const remoteConfig = JSON.parse(readFileSync(join(dataDir, 'remote-config.json'), 'utf8')) as {
      version: number;
      discovery: { timeoutMs: number };
    };
    expect(remoteConfig).toMatchObject({ version: newVersion, discovery: { timeoutMs: 1800 } });

    // An ordered credential list from central: a wrong community first (silence), then the
    // right one; the refreshed printer is still read.
    const withList = await client.ok(
      `mutation($input: UpdateAgentConfigInput!) { updateAgentConfig(input: $input) { configVersion } }`,
      {
        input: {
          agentId,
          config: {
            discovery: { timeoutMs: 1800 },
            snmp: [
              { version: '2c', community: 'not-this-site' },
              { version: '2c', community: 'public' },
            ],
          },
        },
      },
      dealerToken,
    );
    const listVersion = withList['updateAgentConfig'].configVersion as number;
    expect(await finished(await queue({ agentId, type: 'UPDATE_SETTINGS' }))).toMatchObject({
      status: 'SUCCEEDED',
      result: expect.objectContaining({ configVersion: listVersion }),
    });
    const refreshedWithList = await finished(await queue({ deviceId, type: 'REFRESH_STATUS' }));
    expect(refreshedWithList).toMatchObject({
      status: 'SUCCEEDED',
      result: expect.objectContaining({ polled: 1, read: 1 }),
    });

    // status --json: enrolled, central reachable, last upload, spool, next runs, config version.
    await waitFor(
      'the daemon state to show the new config version',
      () =>
        Promise.resolve(
          JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')).lastConfigVersion ===
            listVersion,
        ),
      10_000,
    );
    const status = await agentCli(dataDir, ['status', '--json'], { HTTPS_PROXY: '' });
    expect({ status: status.status, stderr: status.stderr }).toEqual({ status: 0, stderr: '' });
    const report = JSON.parse(status.stdout) as {
      enrolled: boolean;
      central: { reachable: boolean; detail: string };
      lastUploadAt: string;
      configVersion: number;
      spool: { pendingCount: number; sentCount: number; rejectedCount: number };
      nextRuns: { name: string; at: string }[];
    };
    expect(report).toMatchObject({
      enrolled: true,
      central: { reachable: true },
      configVersion: listVersion,
      lockDown: false,
    });
    expect(Date.now() - Date.parse(report.lastUploadAt)).toBeLessThan(60_000);
    expect(report.spool.sentCount).toBeGreaterThan(0);
    expect(report.spool.rejectedCount).toBe(0);
    expect(report.nextRuns.map((r) => r.name).sort()).toEqual(
      expect.arrayContaining(['collect', 'commandPoll', 'config', 'upload']),
    );

    // Central's SNMP settings that make no credentials (an SNMPv3 protocol without its key) are
    // refused: the command fails with the reason and the config in use stays, on disk too.
    await client.ok(
      `mutation($input: UpdateAgentConfigInput!) { updateAgentConfig(input: $input) { configVersion } }`,
      {
        input: {
          agentId,
          config: { snmp: { version: '3', user: 'monitor', authProtocol: 'sha' } },
        },
      },
      dealerToken,
    );
    const refused = await finished(await queue({ agentId, type: 'UPDATE_SETTINGS' }));
    expect(refused.status).toBe('FAILED');
    expect(refused.message).toMatch(
      /refused, the one in use is kept: .*authentication protocol needs its key/,
    );
    expect(JSON.parse(readFileSync(join(dataDir, 'remote-config.json'), 'utf8'))).toMatchObject({
      version: listVersion,
    });

    await stopAgent('main');

    // show --list / --last / --xml: exactly what was sent, readable.
    const list = await agentCli(dataDir, ['show', '--list']);
    expect(list.status).toBe(0);
    const listed = list.stdout.trim().split('\n');
    expect(listed.length).toBe(
      zipsIn(join(dataDir, 'spool/sent')).length + zipsIn(join(dataDir, 'spool/pending')).length,
    );
    expect(
      listed.every((l) => /^(pending|sent|rejected)\s+\S+Z\s+[0-9a-f-]{36}\s+\d+ bytes$/.test(l)),
    ).toBe(true);

    const last = await agentCli(dataDir, ['show', '--last']);
    expect(last.status).toBe(0);
    expect(last.stdout).toMatch(new RegExp(`^Upload [0-9a-f-]{36} — agent ${agentId}`));
    expect(last.stdout).toContain(`${printer.main}  Kyocera`);
    expect(last.stdout).toMatch(/reading \S+: total=\d+/);

    const xml = await agentCli(dataDir, ['show', '--last', '--xml']);
    expect(xml.status).toBe(0);
    const payload = parsePayloadXml(xml.stdout);
    expect(payload.agentId).toBe(agentId);
    expect(payload.devices.map((d) => d.address)).toEqual([printer.main]);
    expect(last.stdout).toContain(payload.uploadId);
  }, 300_000);

  it('kill -9 in the middle of collection loses and duplicates nothing', async () => {
    const { dataDir, agentId } = await enrollAgent(
      'crash',
      baseConfig(printer.crash, {
        schedules: {
          discovery: { dailyAt: '03:00' },
          meters: { everySeconds: 1 },
          status: { everySeconds: 1 },
          upload: { everySeconds: 3 },
          commandPoll: { everySeconds: 5 },
          config: { everySeconds: 60 },
        },
      }),
    );
    const spoolDir = join(dataDir, 'spool');
    for (let round = 0; round < 3; round++) {
      const agent = startAgent('crash', dataDir);
      await waitFor(
        'a collection in flight',
        () =>
          Promise.resolve(
            zipsIn(join(spoolDir, 'pending')).length + zipsIn(join(spoolDir, 'sent')).length >
              round * 2 + 1,
          ),
        60_000,
        50,
      );
      // Collections run every second: kill at an arbitrary point inside the next one.
      await new Promise((r) => setTimeout(r, 200 + randomInt(0, 800)));
      agent.kill('SIGKILL');
      await new Promise((r) => agent.once('exit', r));
      agents.delete('crash');
    }
    // Whatever the kills left half-written stays out of pending/ (only complete files are renamed in).
    for (const name of zipsIn(join(spoolDir, 'pending'))) {
      const entries = readFileSync(join(spoolDir, 'pending', name));
      expect(entries.subarray(0, 2).toString('latin1')).toBe('PK');
    }
    startAgent('crash', dataDir);
    await waitFor(
      'the spool to drain',
      () => Promise.resolve(zipsIn(join(spoolDir, 'pending')).length === 0),
      60_000,
      200,
    );
    await stopAgent('crash');

    const sent = spooledReadings(spoolDir, 'sent');
    const pendingLeft = spooledReadings(spoolDir, 'pending');
    const stored = await prisma.upload.findMany({
      where: { tenantId, agentId },
      select: { uploadId: true },
    });
    expect(stored.map((u) => u.uploadId).sort()).toEqual(
      sent.uploadIds.filter((id) => !pendingLeft.uploadIds.includes(id)).sort(),
    );
    expect(new Set(stored.map((u) => u.uploadId)).size).toBe(stored.length);
    expect(zipsIn(join(spoolDir, 'rejected'))).toEqual([]);
    const device = await prisma.device.findFirstOrThrow({
      where: { tenantId, ipAddress: printer.crash },
    });
    const reads = await prisma.meterRead.findMany({ where: { tenantId, deviceId: device.id } });
    expect(new Set(reads.map((r) => r.readAt.toISOString())).size).toBe(reads.length);
    expect(reads.length).toBeGreaterThan(0);
  }, 240_000);

  it('renews its certificate on demand; the running daemon switches to the new pair, and central lists both', async () => {
    const dataDir = join(work, 'agent-main');
    const identity = JSON.parse(readFileSync(join(dataDir, 'identity/identity.json'), 'utf8')) as {
      agentId: string;
    };
    const oldCertificate = new X509Certificate(
      readFileSync(join(dataDir, 'identity/agent.crt'), 'utf8'),
    );
    const oldKey = readFileSync(join(dataDir, 'identity/agent.key'), 'utf8');
    const uploadCount = () =>
      prisma.upload.count({ where: { tenantId, agentId: identity.agentId } });

    const notDue = await agentCli(dataDir, ['renew', '--if-due', '--json']);
    expect(notDue.status).toBe(0);
    expect(JSON.parse(notDue.stdout)).toMatchObject({ renewed: false });
    expect(
      await prisma.agentCertificate.count({ where: { tenantId, agentId: identity.agentId } }),
    ).toBe(1);

    // The daemon runs on the old pair while an operator renews from the command line.
    startAgent('main', dataDir);
    const beforeRenewal = await uploadCount();
    await waitFor(
      'an upload with the old certificate',
      async () => (await uploadCount()) > beforeRenewal,
      60_000,
    );
    const renewed = await agentCli(dataDir, ['renew', '--json']);
    expect({ status: renewed.status, stderr: renewed.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(renewed.stdout)).toMatchObject({
      renewed: true,
      validTo: expect.any(String),
    });
    const newCertificate = new X509Certificate(
      readFileSync(join(dataDir, 'identity/agent.crt'), 'utf8'),
    );
    expect(newCertificate.serialNumber).not.toBe(oldCertificate.serialNumber);
    expect(readFileSync(join(dataDir, 'identity/agent.key'), 'utf8')).not.toBe(oldKey);
    const certificates = await prisma.agentCertificate.findMany({
      where: { tenantId, agentId: identity.agentId },
    });
    expect(certificates).toHaveLength(2);
    expect(certificates.map((c) => c.serial.toLowerCase())).toContain(
      newCertificate.serialNumber.toLowerCase(),
    );
    expect(await agentAuditActions(identity.agentId)).toContain('agent.renew');

    // Central stops accepting the old certificate (as after a CA rollover): the daemon, not
    // restarted, must already be on the new pair for its uploads to keep arriving.
    const old = certificates.find(
      (c) => c.serial.toLowerCase() === oldCertificate.serialNumber.toLowerCase(),
    )!;
    await prisma.agentCertificate.update({
      where: { tenantId_id: { tenantId, id: old.id } },
      data: { revokedAt: new Date() },
    });
    const afterRevocation = await uploadCount();
    await waitFor(
      'two uploads after the old certificate was revoked',
      async () => (await uploadCount()) >= afterRevocation + 2,
      60_000,
    );
    expect(readFileSync(join(logs, 'agent-main.log'), 'utf8')).toContain(
      'certificate replaced on disk; using it',
    );
    await stopAgent('main');
    const status = await agentCli(dataDir, ['status', '--json'], { HTTPS_PROXY: '' });
    expect(JSON.parse(status.stdout)).toMatchObject({
      central: { reachable: true },
      certificateValidTo: new Date(newCertificate.validTo).toISOString(),
    });
  }, 180_000);

  it('a consent ticked in the portal reaches the agent with its next command poll, not its hourly config pull', async () => {
    await setConsent(EVERY_ACTION.filter((type) => type !== 'PRINT_TEST_PAGE'));
    try {
      const config = baseConfig(printer.consent);
      const { dataDir, agentId } = await enrollAgent('consent', {
        ...config,
        schedules: { ...(config['schedules'] as object), config: { everySeconds: 3600 } },
      });
      startAgent('consent', dataDir);
      const deviceId = await deviceIdAt(printer.consent);
      // Settled: the agent holds the version central has.
      const versionBefore = await waitFor(
        'the agent to hold the current config',
        async () => {
          const data = await client.ok(
            `query($id: ID!) { agent(id: $id) { configVersion } }`,
            { id: agentId },
            dealerToken,
          );
          const current = data['agent'].configVersion as number;
          const state = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as {
            lastConfigVersion: number | null;
          };
          return state.lastConfigVersion === current ? current : null;
        },
        30_000,
      );
      const readRemote = () =>
        JSON.parse(readFileSync(join(dataDir, 'remote-config.json'), 'utf8')) as {
          version: number;
          allowedActions: string[];
        };
      expect(readRemote().allowedActions).not.toContain('PRINT_TEST_PAGE');

      // Ticked, and a test page queued at once: the next command poll (1 s) runs it.
      await setConsent(EVERY_ACTION);
      const sim = fleet.printer(printer.consent);
      const jobsBefore = sim.rawJobsReceived;
      const result = await finished(await queue({ deviceId, type: 'PRINT_TEST_PAGE' }), 30_000);
      expect(result).toMatchObject({ status: 'SUCCEEDED', message: 'PRINT_TEST_PAGE done' });
      expect(sim.rawJobsReceived).toBe(jobsBefore + 1);

      // Taken because the commands response announced it, long before the hourly config job.
      expect(readRemote()).toMatchObject({
        version: versionBefore + 1,
        allowedActions: expect.arrayContaining(['PRINT_TEST_PAGE']),
      });
      const announced = readFileSync(join(logs, 'agent-consent.log'), 'utf8')
        .split('\n')
        .filter((line) => line.includes('central announced newer settings'))
        .map((line) => (JSON.parse(line) as { announced: number }).announced);
      expect(announced).toContain(versionBefore + 1);
      await stopAgent('consent');
    } finally {
      await setConsent(EVERY_ACTION);
    }
  }, 180_000);
});
