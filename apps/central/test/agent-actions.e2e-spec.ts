// Printer actions on real processes (issue #14): central, an enrolled agent daemon and a
// simulated printer whose read community cannot SET. A reboot without a write credential is
// not sent and says why; with the read community as write credential the printer refuses it;
// with central's write community it reboots. What the agent learned shows as
// Device.capabilities, with the actions it leaves on offer.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFleet, type Fleet } from '@printbeat/printer-sim';
import { createPrismaClient } from '../src/platform/prisma/prisma-client.factory.js';
import { GraphqlClient } from '../src/platform/graphql/test-support/graphql-client.js';
import {
  createCustomer,
  createDealer,
  createSite,
} from '../src/platform/graphql/test-support/scenario.js';
import {
  AGENT_BIN,
  centralProcessEnv,
  freePort,
  runAgentCli,
  stopProcess,
  waitFor,
} from './test-support/e2e-processes.js';
import {
  buildCentralAndAgent,
  seedOperator,
  startCentralProcess,
  writeCentralCaFile,
} from './test-support/e2e-central.js';

const WRITE_COMMUNITY = `rw-${randomBytes(4).toString('hex')}`;

type CommandView = { status: string; message: string | null; result: Record<string, unknown> };
type Capabilities = {
  rawPrintPort: boolean | null;
  pjl: boolean | null;
  pjlId: string | null;
  writeCredential: boolean | null;
  lastSet: string | null;
  lastSetMessage: string | null;
  actions: { type: string; available: boolean; reason: string | null }[];
};

describe('printer actions with write credentials, end to end', () => {
  const work = mkdtempSync(join(tmpdir(), 'pb-actions-e2e-'));
  const centralData = join(work, 'central');
  const logs = join(work, 'logs');
  const address = `127.44.${randomInt(1, 250)}.${randomInt(10, 250)}`;
  const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL'] ?? '';
  const prisma = createPrismaClient(ownerUrl);
  let fleet: Fleet;
  let central: ChildProcess | null = null;
  let agent: ChildProcess | null = null;
  let client: GraphqlClient;
  let token = '';
  let agentId = '';
  let deviceId = '';

  const queue = async (type: string, target: Record<string, string> = { deviceId }) =>
    (
      await client.ok(
        `mutation($input: QueueCommandInput!) { queueCommand(input: $input) { id } }`,
        { input: { ...target, type } },
        token,
      )
    )['queueCommand'].id as string;

  const finished = (id: string) =>
    waitFor(
      `command ${id} to finish`,
      async () => {
        const view = (
          await client.ok(
            `query($id: ID!) { command(id: $id) { status message result } }`,
            { id },
            token,
          )
        )['command'] as CommandView;
        return view.status === 'SUCCEEDED' || view.status === 'FAILED' ? view : null;
      },
      60_000,
    );

  const run = async (type: string, target?: Record<string, string>) =>
    finished(await queue(type, target));

  const capabilities = async (): Promise<Capabilities> =>
    (
      await client.ok(
        `query($id: ID!) { device(id: $id) { capabilities {
           rawPrintPort pjl pjlId writeCredential lastSet lastSetMessage
           actions { type available reason } } } }`,
        { id: deviceId },
        token,
      )
    )['device'].capabilities as Capabilities;

  const reboot = (c: Capabilities) => c.actions.find((a) => a.type === 'REBOOT')!;

  /** Central's config for the agent, taken by the agent with UPDATE_SETTINGS. */
  async function setRemoteConfig(config: Record<string, unknown>): Promise<unknown> {
    const updated = await client.ok(
      `mutation($input: UpdateAgentConfigInput!) { updateAgentConfig(input: $input) { configVersion config } }`,
      { input: { agentId, config } },
      token,
    );
    const version = updated['updateAgentConfig'].configVersion as number;
    expect(await run('UPDATE_SETTINGS', { agentId })).toMatchObject({
      status: 'SUCCEEDED',
      result: expect.objectContaining({ configVersion: version }),
    });
    return updated['updateAgentConfig'].config;
  }

  beforeAll(async () => {
    if (!ownerUrl)
      throw new Error('PRINTBEAT_TEST_DATABASE_URL is not set: run with --selectProjects system');
    buildCentralAndAgent();
    mkdirSync(logs, { recursive: true });
    fleet = await startFleet({
      printers: [
        {
          address,
          fixture: 'printmaster/kyocera_p2040_snmp.json',
          writeCommunity: WRITE_COMMUNITY,
          pagesPerMinute: 600,
        },
      ],
      snmpPort: randomInt(20_000, 40_000),
      rawPort: await freePort(),
      tickMs: 200,
      rebootSilenceMs: 500,
    });

    const webPort = await freePort();
    const gatewayPort = await freePort();
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
    const dealer = await createDealer(client, operator.accessToken, 'actions-e2e');
    token = dealer.adminToken;
    const customerId = await createCustomer(client, token, 'Actions E2E Customer');
    const siteId = await createSite(client, token, customerId, 'Actions E2E Site');
    await client.ok(
      `mutation($input: SetCustomerConsentInput!) { setCustomerConsent(input: $input) { id } }`,
      {
        input: {
          customerId,
          allowedCommandTypes: [
            'PRINT_TEST_PAGE',
            'REFRESH_STATUS',
            'TROUBLESHOOT',
            'REBOOT',
            'UPDATE_SETTINGS',
          ],
        },
      },
      token,
    );
    const key = await client.ok(
      `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`,
      { input: { customerId, siteId, maxUses: 1 } },
      token,
    );
    const caFile = writeCentralCaFile(centralData, work);
    const dataDir = join(work, 'agent');
    mkdirSync(dataDir, { recursive: true });
    const enrolled = await runAgentCli(dataDir, [
      'enroll',
      '--central',
      `https://127.0.0.1:${gatewayPort}`,
      '--key',
      key['createRegistrationKey'].secret,
      '--ca-file',
      caFile,
    ]);
    expect(enrolled.status).toBe(0);
    agentId = /Enrolled as agent ([0-9a-f-]{36})/.exec(enrolled.stdout)?.[1] ?? '';
    // No write credential locally: the agent takes central's once it is set there.
    writeFileSync(
      join(dataDir, 'agent.config.json'),
      JSON.stringify({
        schedules: {
          discovery: { dailyAt: '03:00' },
          meters: { everySeconds: 2 },
          status: { everySeconds: 2 },
          upload: { everySeconds: 2 },
          commandPoll: { everySeconds: 1 },
          config: { everySeconds: 600 },
        },
        discovery: {
          targets: [address],
          snmpPort: fleet.snmpPort,
          concurrency: 2,
          timeoutMs: 1500,
        },
        devices: [address],
        snmp: { version: '2c', community: 'public' },
        rawPrintPort: fleet.rawPort,
        traps: { enabled: false },
      }),
    );
    const agentLog = openSync(join(logs, 'agent.log'), 'a');
    agent = spawn(process.execPath, [AGENT_BIN, 'run', '--data-dir', dataDir], {
      stdio: ['ignore', agentLog, agentLog],
      env: { ...process.env, LOG_LEVEL: 'info' },
    });
    closeSync(agentLog);
    deviceId = await waitFor(
      `the device at ${address}`,
      async () => {
        const data = await client.ok(
          `{ devices(first: 10) { edges { node { id ipAddress latestMeterRead { readAt } } } } }`,
          {},
          token,
        );
        const node = (
          data['devices'].edges as {
            node: { id: string; ipAddress: string; latestMeterRead: unknown };
          }[]
        )
          .map((e) => e.node)
          .find((n) => n.ipAddress === address && n.latestMeterRead);
        return node?.id ?? null;
      },
      90_000,
    );
  }, 240_000);

  afterAll(async () => {
    await stopProcess(agent);
    await stopProcess(central);
    await fleet?.stop();
    await prisma.$disconnect();
    if (process.env['PRINTBEAT_KEEP_E2E'] !== '1') rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('offers no reboot before anything is known; troubleshoot reports each step and what it learned', async () => {
    expect(reboot(await capabilities())).toEqual({
      type: 'REBOOT',
      available: false,
      reason:
        'Not known yet whether a write community is configured for this printer: run Troubleshoot',
    });
    const troubleshoot = await run('TROUBLESHOOT');
    expect(troubleshoot.status).toBe('SUCCEEDED');
    const steps = troubleshoot.result['steps'] as {
      step: string;
      outcome: string;
      message: string;
    }[];
    expect(steps.map((s) => s.step)).toEqual(['ping', 'snmp', 'rawPrintPort', 'pjl']);
    // `npm test` installs ping (tools/scripts/ensure-system-deps.mjs); without it the step says so.
    const havePing = spawnSync('sh', ['-c', 'command -v ping'], { stdio: 'ignore' }).status === 0;
    expect(steps[0]).toMatchObject(
      havePing
        ? { outcome: 'OK', message: expect.stringMatching(/ answered one echo request$/) }
        : { outcome: 'NOT_PERMITTED', message: expect.stringMatching(/^ping not permitted/) },
    );
    expect(steps.slice(1).map((s) => s.outcome)).toEqual(['OK', 'OK', 'OK']);

    const learned = await capabilities();
    expect(learned).toMatchObject({
      rawPrintPort: true,
      pjl: true,
      pjlId: expect.stringMatching(/\S/),
      writeCredential: false,
      lastSet: null,
    });
    expect(reboot(learned)).toEqual({
      type: 'REBOOT',
      available: false,
      reason:
        "No SNMP write community or v3 write user is configured for this printer's range on its agent",
    });
  }, 120_000);

  it('sends no reboot without a write credential, and says how to configure one', async () => {
    const boots = fleet.printer(address).engineBoots;
    const refused = await run('REBOOT');
    expect(refused.status).toBe('FAILED');
    expect(refused.message).toBe(
      `No SNMP write community or v3 write user is configured for ${address}: the reboot was not sent ` +
        '(set "write" on its discovery range or "snmpWrite" in the agent config)',
    );
    expect(refused.result).toMatchObject({ code: 'WRITE_CREDENTIAL_MISSING' });
    expect(fleet.printer(address).engineBoots).toBe(boots);
    expect(await capabilities()).toMatchObject({
      writeCredential: false,
      lastSet: 'NO_CREDENTIAL',
    });
  }, 120_000);

  it('is refused by the printer with the read community as write credential', async () => {
    await setRemoteConfig({ snmpWrite: { version: '2c', community: 'public' } });
    const boots = fleet.printer(address).engineBoots;
    const refused = await run('REBOOT');
    expect(refused.status).toBe('FAILED');
    expect(refused.message).toMatch(
      new RegExp(
        `^${address.replaceAll('.', '\\.')} refused the reset with its write credentials: .*NoAccess`,
        'i',
      ),
    );
    expect(fleet.printer(address).engineBoots).toBe(boots);
    const after = await capabilities();
    expect(after).toMatchObject({ writeCredential: true, lastSet: 'REFUSED' });
    expect(reboot(after).available).toBe(false);
    expect(reboot(after).reason).toMatch(
      /^The printer refused the last reboot .*Fix the write credentials, then run Troubleshoot$/,
    );
  }, 120_000);

  it("reboots with central's write community (never shown back), once troubleshoot re-checked", async () => {
    const shown = await setRemoteConfig({
      snmpWrite: { version: '2c', community: WRITE_COMMUNITY },
    });
    expect(shown).toMatchObject({ snmpWrite: { version: '2c', community: '[set]' } });
    expect(JSON.stringify(shown)).not.toContain(WRITE_COMMUNITY);

    expect((await run('TROUBLESHOOT')).status).toBe('SUCCEEDED');
    expect(reboot(await capabilities())).toEqual({ type: 'REBOOT', available: true, reason: null });

    const sim = fleet.printer(address);
    const boots = sim.engineBoots;
    const done = await run('REBOOT');
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      result: expect.objectContaining({
        capabilities: expect.objectContaining({ lastSet: 'ACCEPTED' }),
      }),
    });
    expect(sim.engineBoots).toBe(boots + 1);
    expect(await capabilities()).toMatchObject({ writeCredential: true, lastSet: 'ACCEPTED' });
  }, 120_000);

  it('asks the PJL printer for its own configuration page as the test page', async () => {
    const sim = fleet.printer(address);
    await waitFor('the printer to be back', () => Promise.resolve(sim.isAnswering()), 10_000);
    const pages = sim.configPagesPrinted;
    const testPage = await run('PRINT_TEST_PAGE');
    expect(testPage).toMatchObject({
      status: 'SUCCEEDED',
      result: expect.objectContaining({ kind: 'CONFIGURATION_PAGE' }),
    });
    await waitFor(
      'the configuration page',
      () => Promise.resolve(sim.configPagesPrinted === pages + 1),
      10_000,
    );
  }, 120_000);
});
