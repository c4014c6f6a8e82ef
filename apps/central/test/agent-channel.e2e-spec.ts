// End to end, real processes (issue #4 "Done when"): central (built dist) on the run's
// PostgreSQL, the printer simulator on loopback, `printbeat-agent enroll` then `run`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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

describe('agent ↔ central over mTLS, end to end with real processes', () => {
  const work = mkdtempSync(join(tmpdir(), 'pb-e2e-'));
  const centralData = join(work, 'central');
  const agentData = join(work, 'agent');
  const logs = join(work, 'logs');
  const octet = randomInt(100, 250);
  const printerAddresses = [`127.${octet}.7.10`, `127.${octet}.7.11`];
  let fleet: Fleet;
  let central: ChildProcess | null = null;
  let agent: ChildProcess | null = null;
  let webPort: number;
  let gatewayPort: number;
  let client: GraphqlClient;
  const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL'] ?? '';
  const appUrl = process.env['PRINTBEAT_TEST_APP_DATABASE_URL'] ?? '';
  const prisma = createPrismaClient(ownerUrl);
  let dealerToken = '';
  let tenantId = '';
  let customerId = '';

  // Kept across the restart: same secret, same job queue.
  const centralEnv = centralProcessEnv(centralData, work);

  async function startCentral(run: number): Promise<void> {
    central = await startCentralProcess(
      { ...centralEnv, PORT: String(webPort), GATEWAY_PORT: String(gatewayPort) },
      join(logs, `central-${run}.log`),
    );
  }

  const devicesQuery = `{ devices { edges { node { id serialNumber ipAddress latestMeterRead { readAt counters } supplies { description type percent level } } } } }`;

  beforeAll(async () => {
    if (!ownerUrl || !appUrl)
      throw new Error('PRINTBEAT_TEST_DATABASE_URL is not set: run with --selectProjects system');
    buildCentralAndAgent();
    spawnSync('mkdir', ['-p', logs, agentData]);

    fleet = await startFleet({
      printers: [
        {
          address: printerAddresses[0]!,
          fixture: 'printmaster/kyocera_p2040_snmp.json',
          pagesPerMinute: 600,
        },
        {
          address: printerAddresses[1]!,
          fixture: 'librenms/ricoh_mpc3002.snmprec',
          pagesPerMinute: 600,
        },
      ],
      snmpPort: randomInt(20_000, 40_000),
      rawPort: await freePort(),
      tickMs: 200,
    });

    webPort = await freePort();
    gatewayPort = await freePort();
    await startCentral(1);
    client = new GraphqlClient(`http://127.0.0.1:${webPort}`);

    const operator = await seedOperator(prisma, client);
    const dealer = await createDealer(client, operator.accessToken, 'e2e');
    dealerToken = dealer.adminToken;
    tenantId = dealer.tenantId;
    customerId = await createCustomer(client, dealerToken, 'E2E Customer');
    await client.ok(
      `mutation($input: SetCustomerConsentInput!) { setCustomerConsent(input: $input) { id } }`,
      {
        input: {
          customerId,
          allowedCommandTypes: ['PRINT_TEST_PAGE', 'REFRESH_STATUS', 'SEND_METERS', 'TROUBLESHOOT'],
        },
      },
      dealerToken,
    );
  }, 240_000);

  afterAll(async () => {
    await stopProcess(agent);
    await stopProcess(central);
    await fleet?.stop();
    await prisma.$disconnect();
    if (process.env['PRINTBEAT_KEEP_E2E'] !== '1') rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('enrolls with a key from GraphQL, collects, obeys a test-page command and loses nothing while central is down', async () => {
    // 1. A registration key through GraphQL; the CA chain from central's data dir for the first contact.
    const siteId = await createSite(client, dealerToken, customerId, 'E2E Site');
    const created = await client.ok(
      `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`,
      { input: { customerId, siteId, maxUses: 1 } },
      dealerToken,
    );
    const caFile = writeCentralCaFile(centralData, work);
    const gatewayUrl = `https://127.0.0.1:${gatewayPort}`;

    // 2. printbeat-agent enroll
    const enrolled = spawnSync(
      process.execPath,
      [
        AGENT_BIN,
        'enroll',
        '--central',
        gatewayUrl,
        '--key',
        created['createRegistrationKey'].secret,
        '--ca-file',
        caFile,
        '--data-dir',
        agentData,
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect({ status: enrolled.status, stderr: enrolled.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
    expect(enrolled.stdout).toMatch(/Enrolled as agent [0-9a-f-]{36}/);

    // 3. printbeat-agent run, with shortened schedules and the simulator as its printers.
    writeFileSync(
      join(agentData, 'agent.config.json'),
      JSON.stringify({
        schedules: {
          discovery: { dailyAt: '03:00' },
          meters: { everySeconds: 2 },
          status: { everySeconds: 2 },
          upload: { everySeconds: 2 },
          commandPoll: { everySeconds: 1 },
          config: { everySeconds: 5 },
        },
        discovery: {
          targets: printerAddresses,
          snmpPort: fleet.snmpPort,
          concurrency: 4,
          timeoutMs: 1500,
        },
        devices: printerAddresses,
        snmp: { version: '2c', community: 'public' },
        rawPrintPort: fleet.rawPort,
        // As root the default trap listener would take UDP 162 on every interface.
        traps: { enabled: false },
      }),
    );
    const agentOut = openSync(join(logs, 'agent.log'), 'a');
    agent = spawn(process.execPath, [AGENT_BIN, 'run', '--data-dir', agentData], {
      stdio: ['ignore', agentOut, agentOut],
      env: { ...process.env, LOG_LEVEL: 'info' },
    });
    closeSync(agentOut);

    // 4. Devices, counters and supplies through GraphQL.
    const devices = await waitFor(
      'two devices with counters and supplies',
      async () => {
        const data = await client.ok(devicesQuery, {}, dealerToken);
        const nodes = (data['devices'].edges as { node: unknown }[]).map((e) => e.node) as {
          id: string;
          serialNumber: string | null;
          ipAddress: string;
          latestMeterRead: { counters: Record<string, number> } | null;
          supplies: unknown[];
        }[];
        return nodes.length === 2 && nodes.every((n) => n.latestMeterRead && n.supplies.length > 0)
          ? nodes
          : null;
      },
      90_000,
    );
    expect(devices.map((d) => d.ipAddress).sort()).toEqual([...printerAddresses].sort());
    for (const device of devices) {
      expect(device.serialNumber).toEqual(expect.any(String));
      expect(device.latestMeterRead!.counters['total']).toBeGreaterThan(0);
    }

    // 5. A queued test page reaches the simulator's raw port, and its result is visible.
    const target = devices.find((d) => d.ipAddress === printerAddresses[0])!;
    const simPrinter = fleet.printer(printerAddresses[0]!);
    const jobsBefore = simPrinter.rawJobsReceived;
    const queued = await client.ok(
      `mutation($input: QueueCommandInput!) { queueCommand(input: $input) { id } }`,
      { input: { deviceId: target.id, type: 'PRINT_TEST_PAGE' } },
      dealerToken,
    );
    const commandId = queued['queueCommand'].id as string;
    const finished = await waitFor(
      'the test-page command to succeed',
      async () => {
        const data = await client.ok(
          `query($id: ID!) { command(id: $id) { status message result completedAt } }`,
          { id: commandId },
          dealerToken,
        );
        const command = data['command'] as { status: string };
        return command.status === 'SUCCEEDED' || command.status === 'FAILED' ? command : null;
      },
      60_000,
    );
    expect(finished.status).toBe('SUCCEEDED');
    expect(simPrinter.rawJobsReceived).toBe(jobsBefore + 1);

    // 6. Central goes away for a while; the agent keeps collecting into its spool.
    const pendingDir = join(agentData, 'spool/pending');
    await stopProcess(central);
    const pendingDuringOutage = await waitFor(
      'readings to pile up in the spool',
      () => {
        const count = readdirSync(pendingDir).filter((n) => n.endsWith('.zip')).length;
        return Promise.resolve(count >= 3 ? count : null);
      },
      60_000,
    );
    expect(pendingDuringOutage).toBeGreaterThanOrEqual(3);
    const { uploadIds: heldBack } = spooledReadings(join(agentData, 'spool'), 'pending');

    // 7. Central is back: the spool drains, and every spooled reading is stored exactly once.
    await startCentral(2);
    await waitFor(
      'the spool to drain',
      () =>
        Promise.resolve(
          heldBack.every((id) => !readdirSync(pendingDir).some((n) => n.includes(id))),
        ),
      90_000,
    );
    // SIGTERM: the agent stops cleanly; what it collected meanwhile stays pending, unsent.
    const stopping = agent;
    await stopProcess(stopping);
    expect(stopping.exitCode).toBe(0);
    expect(readFileSync(join(logs, 'agent.log'), 'utf8')).toContain('"msg":"agent stopped"');
    agent = null;

    const sent = spooledReadings(join(agentData, 'spool'), 'sent');
    const pendingLeft = spooledReadings(join(agentData, 'spool'), 'pending');
    expect(
      readdirSync(join(agentData, 'spool/rejected')).filter((n) => n.endsWith('.zip')),
    ).toEqual([]);
    const stored = await prisma.upload.findMany({
      where: { tenantId },
      select: { uploadId: true },
    });
    // Everything acknowledged is stored; nothing is stored twice (and nothing unsent was invented).
    expect(stored.map((u) => u.uploadId).sort()).toEqual(
      sent.uploadIds.filter((id) => !pendingLeft.uploadIds.includes(id)).sort(),
    );
    expect(heldBack.every((id) => sent.uploadIds.includes(id))).toBe(true);

    const deviceRows = await prisma.device.findMany({ where: { tenantId } });
    const meterReads = await prisma.meterRead.findMany({
      where: { tenantId },
      orderBy: { readAt: 'asc' },
    });
    for (const row of deviceRows) {
      const key = row.serialNumber ?? row.ipAddress ?? '';
      const readings = sent.readings
        .filter((r) => r.serial === key)
        .sort((a, b) => a.takenAt.localeCompare(b.takenAt));
      // A reading identical to the one before it only extends that read; every other is one row.
      const expected = readings
        .filter((r, i) => i === 0 || r.counters !== readings[i - 1]!.counters)
        .map((r) => r.takenAt);
      const actual = meterReads
        .filter((m) => m.deviceId === row.id)
        .map((m) => m.readAt.toISOString());
      expect({ device: key, readAts: actual }).toEqual({ device: key, readAts: expected });
      expect(new Set(actual).size).toBe(actual.length);
    }

    // Every kind of exchange left its audit event in the dealer's trail.
    const actions = new Set(
      (
        await prisma.auditEvent.findMany({
          where: { tenantId, actorKind: 'AGENT' },
          select: { action: true },
        })
      ).map((e) => e.action),
    );
    expect([...actions].sort()).toEqual(
      expect.arrayContaining([
        'agent.command_result',
        'agent.commands_pull',
        'agent.config',
        'agent.enroll',
        'upload.accept',
      ]),
    );
  }, 600_000);
});
