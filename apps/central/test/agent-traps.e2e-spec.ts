// SNMP traps end to end with real processes: a simulated printer sends an RFC 3805 alert trap
// over real UDP to a real agent daemon, which polls that printer at once (the simulator sees
// the GETs) and uploads, so the jam is open in central's GraphQL long before the hourly
// collection. A printer in the discovery targets but not yet found is discovered by its trap.
// Traps from a printer out of scope or with a wrong community are counted by the agent
// (`status --json`) and dropped; a trap port the agent cannot bind leaves it working.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
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
  runAgentCli,
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

/** From the range the test plan sets aside for fixed ports. */
const TRAP_PORT = 42_220;
const BUSY_TRAP_PORT = 42_221;
const SNMP_PORT = 42_222;
const V3 = {
  name: 'trapops',
  authProtocol: 'sha256',
  authKey: 'trap-auth-key',
  privProtocol: 'aes',
  privKey: 'trap-priv-key',
} as const;
const HOURLY = { everySeconds: 3600 };

type TrapCounters = {
  listening: string | null;
  error: string | null;
  accepted: number;
  outOfScope: number;
  badCredentials: number;
  rateLimited: number;
};

describe('SNMP traps, end to end with real processes', () => {
  const work = mkdtempSync(join(tmpdir(), 'pb-traps-e2e-'));
  const centralData = join(work, 'central');
  const logs = join(work, 'logs');
  const octet = randomInt(100, 250);
  const printer = {
    trapped: `127.${octet}.13.10`,
    stranger: `127.${octet}.13.11`,
    busy: `127.${octet}.13.12`,
    newcomer: `127.${octet}.13.13`,
  };
  const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL'] ?? '';
  const prisma = createPrismaClient(ownerUrl);
  const agents: ChildProcess[] = [];
  let fleet: Fleet;
  let central: ChildProcess | null = null;
  let gatewayPort: number;
  let client: GraphqlClient;
  let dealerToken = '';
  let customerId = '';
  let siteId = '';
  let caFile = '';

  const agentCli = (dataDir: string, args: string[]) => runAgentCli(dataDir, args);

  async function enrollAndRun(name: string, config: Record<string, unknown>): Promise<string> {
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
    expect({ status: enrolled.status, stderr: enrolled.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
    writeFileSync(join(dataDir, 'agent.config.json'), JSON.stringify(config, null, 2));
    const out = openSync(join(logs, `agent-${name}.log`), 'a');
    agents.push(
      spawn(process.execPath, [AGENT_BIN, 'run', '--data-dir', dataDir], {
        stdio: ['ignore', out, out],
        env: { ...process.env, LOG_LEVEL: 'info' },
      }),
    );
    closeSync(out);
    return dataDir;
  }

  /** Hourly collection: only a trap makes the agent poll within the test (uploads are frequent). */
  function hourlyConfig(
    address: string,
    traps: Record<string, unknown>,
    targets: string[] = [address],
  ): Record<string, unknown> {
    return {
      schedules: {
        discovery: { dailyAt: '03:00' },
        meters: HOURLY,
        status: HOURLY,
        upload: { everySeconds: 2 },
        commandPoll: HOURLY,
        config: HOURLY,
      },
      discovery: { targets, snmpPort: SNMP_PORT, concurrency: 2, timeoutMs: 1500 },
      devices: [address],
      // The event monitor's own status polls an hour apart too: a poll within the test is the trap's.
      events: { pollSeconds: 3600 },
      snmp: {
        version: '3',
        user: V3.name,
        authProtocol: V3.authProtocol,
        authKey: V3.authKey,
        privProtocol: V3.privProtocol,
        privKey: V3.privKey,
      },
      traps,
    };
  }

  async function trapCounters(dataDir: string): Promise<TrapCounters | null> {
    const status = await agentCli(dataDir, ['status', '--json', '--offline']);
    return (JSON.parse(status.stdout) as { traps: TrapCounters | null }).traps;
  }

  async function deviceIdAt(address: string): Promise<string> {
    return waitFor(
      `a device at ${address} in central`,
      async () => {
        const data = await client.ok(
          `{ devices(first: 100) { edges { node { id ipAddress } } } }`,
          {},
          dealerToken,
        );
        return (data['devices'].edges as { node: { id: string; ipAddress: string } }[]).find(
          (e) => e.node.ipAddress === address,
        )?.node.id;
      },
      90_000,
    );
  }

  async function openAlertCodes(deviceId: string): Promise<string[]> {
    const data = await client.ok(
      `query($d: ID!) { alerts(deviceId: $d, open: true) { edges { node { code } } } }`,
      { d: deviceId },
      dealerToken,
    );
    return (data['alerts'].edges as { node: { code: string } }[]).map((e) => e.node.code);
  }

  beforeAll(async () => {
    if (!ownerUrl)
      throw new Error('PRINTBEAT_TEST_DATABASE_URL is not set: run --selectProjects system');
    buildCentralAndAgent();
    mkdirSync(logs, { recursive: true });

    fleet = await startFleet({
      printers: Object.values(printer).map((address) => ({
        address,
        fixture: 'printmaster/kyocera_p2040_snmp.json',
        v3Users: [V3],
      })),
      snmpPort: SNMP_PORT,
      rawPort: false,
      controlPort: false,
      trapTarget: { host: '127.0.0.1', port: TRAP_PORT, version: '2c' },
    });

    const webPort = await freePort();
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
    dealerToken = (await createDealer(client, operator.accessToken, 'traps-e2e')).adminToken;
    customerId = await createCustomer(client, dealerToken, 'Traps E2E Customer');
    siteId = await createSite(client, dealerToken, customerId, 'Traps E2E Site');
    caFile = writeCentralCaFile(centralData, work);
  }, 240_000);

  afterAll(async () => {
    for (const agent of agents) await stopProcess(agent);
    await stopProcess(central);
    await fleet?.stop();
    await prisma.$disconnect();
    if (process.env['PRINTBEAT_KEEP_E2E'] !== '1') rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('a trap polls its printer at once and the jam reaches central; strangers and wrong communities are dropped', async () => {
    const dataDir = await enrollAndRun(
      'traps',
      hourlyConfig(
        printer.trapped,
        {
          port: TRAP_PORT,
          address: '127.0.0.1',
          communities: ['public'],
          // The storm limit has its own test (trap-listener.int-spec.ts); here every trap counts.
          perSenderPerMinute: 600,
        },
        [printer.trapped, printer.newcomer],
      ),
    );
    const deviceId = await deviceIdAt(printer.trapped);
    await waitFor('the listener', async () => (await trapCounters(dataDir))?.listening);
    const trapped = fleet.printer(printer.trapped);
    // The start-up collection is over once its upload reached central; the next is an hour away.
    const before = trapped.snmpRequests;
    expect(await openAlertCodes(deviceId)).not.toContain('JAM');

    // SNMPv2c, sent by the simulator itself as the jam is injected.
    trapped.injectError('jam');
    await waitFor(
      'a poll after the v2c trap',
      () => Promise.resolve(trapped.snmpRequests > before),
      15_000,
      100,
    );
    await waitFor(
      'the jam open in central',
      async () => (await openAlertCodes(deviceId)).includes('JAM'),
      30_000,
    );

    // SNMPv1 and SNMPv3 (authPriv with the agent's v3 user) each poll again.
    for (const version of ['1', '3'] as const) {
      const polled = trapped.snmpRequests;
      await fleet.sendTrap(printer.trapped, {
        target: { host: '127.0.0.1', port: TRAP_PORT, version, user: V3.name },
      });
      await waitFor(
        `a poll after the v${version} trap`,
        () => Promise.resolve(trapped.snmpRequests > polled),
        15_000,
        100,
      );
    }

    // Out of scope (not a known printer, not in the discovery targets) and a wrong community.
    const stranger = fleet.printer(printer.stranger);
    stranger.injectError('tonerEmpty');
    await fleet.sendTrap(printer.trapped, {
      target: { host: '127.0.0.1', port: TRAP_PORT, version: '2c', community: 'guessed' },
    });
    const counters = await waitFor(
      'the drops counted',
      async () => {
        const c = await trapCounters(dataDir);
        return c && c.outOfScope >= 1 && c.badCredentials >= 1 && c.accepted >= 3 ? c : null;
      },
      15_000,
    );
    expect(counters).toMatchObject({
      accepted: 3,
      outOfScope: 1,
      badCredentials: 1,
      rateLimited: 0,
    });
    expect(stranger.snmpRequests).toBe(0);
    const human = await agentCli(dataDir, ['status', '--offline']);
    expect(human.stdout).toMatch(
      new RegExp(
        `Traps +listening on udp 127\\.0\\.0\\.1:${TRAP_PORT}; 3 accepted .*1 unknown sender, 1 bad credentials`,
      ),
    );

    // In the discovery targets but not found yet (discovery is daily): the trap finds it.
    const newcomer = fleet.printer(printer.newcomer);
    expect(newcomer.snmpRequests).toBe(0);
    newcomer.injectError('paperOut');
    const newcomerId = await deviceIdAt(printer.newcomer);
    await waitFor(
      'the paper-out open in central',
      async () => (await openAlertCodes(newcomerId)).includes('PAPER_OUT'),
      30_000,
    );
  }, 240_000);

  it('an agent that cannot bind its trap port says so and keeps collecting', async () => {
    const squatter = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => squatter.bind(BUSY_TRAP_PORT, '127.0.0.1', resolve));
    try {
      const dataDir = await enrollAndRun(
        'busy',
        hourlyConfig(printer.busy, { port: BUSY_TRAP_PORT, address: '127.0.0.1' }),
      );
      await deviceIdAt(printer.busy);
      const counters = await waitFor('the trap state', () => trapCounters(dataDir));
      expect(counters.listening).toBeNull();
      expect(counters.error).toBe(`cannot bind udp 127.0.0.1:${BUSY_TRAP_PORT} (EADDRINUSE)`);
      expect(agents.at(-1)!.exitCode).toBeNull();
    } finally {
      squatter.close();
    }
  }, 180_000);
});
