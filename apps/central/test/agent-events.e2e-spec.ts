// Alerts in minutes, not a day, with real processes: a central process, agent processes with
// the agent's built-in default schedules, simulated printers over real UDP SNMP and an SMTP
// server process. A freshly enrolled agent's printers reach central at once; a jam set in the
// simulator becomes an open alert through an event upload well within 2 minutes, its e-mail is
// in the recipient's inbox within 3, and the alert closes when cleared; a flapping
// printer's event uploads stay bounded; a silent printer is reported unreachable once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
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
import { unzipSync } from 'fflate';
import { parsePayloadXml, type UploadPayload } from '@printbeat/payload';
import { startFleet, type Fleet } from '@printbeat/printer-sim';
import { createPrismaClient } from '../src/platform/prisma/prisma-client.factory.js';
import { GraphqlClient } from '../src/platform/graphql/test-support/graphql-client.js';
import {
  createCustomer,
  createDealer,
  createSite,
} from '../src/platform/graphql/test-support/scenario.js';
import {
  startSmtpSinkProcess,
  type SmtpSinkProcess,
} from '../../../tools/testing/smtp-sink-process.js';
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

// One walk per printer: printers of one walk share a serial number, and central would take
// them for one device.
const FIXTURES = [
  'printmaster/kyocera_p2040_snmp.json',
  'librenms/ricoh_mpc3002.snmprec',
  'librenms/sharp.snmprec',
  'printmaster/kyocera_cs4053_snmp.json',
];

type DeviceView = {
  id: string;
  ipAddress: string;
  latestMeterRead: { readAt: string } | null;
  openAlerts: { code: string }[];
};

describe('agent event uploads, end to end with real processes', () => {
  const work = mkdtempSync(join(tmpdir(), 'pb-events-e2e-'));
  const centralData = join(work, 'central');
  const logs = join(work, 'logs');
  const octet = randomInt(100, 250);
  const printer = {
    fresh: [`127.${octet}.11.10`, `127.${octet}.11.11`],
    flapping: `127.${octet}.11.20`,
    sleepy: `127.${octet}.11.21`,
  };
  const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL'] ?? '';
  const prisma = createPrismaClient(ownerUrl);
  const agents = new Map<string, ChildProcess>();
  let fleet: Fleet;
  let sink: SmtpSinkProcess;
  let central: ChildProcess | null = null;
  let webPort: number;
  let gatewayPort: number;
  let client: GraphqlClient;
  let dealerToken = '';
  let tenantId = '';
  let customerId = '';
  let siteId = '';
  let caFile = '';

  const agentCli = (dataDir: string, args: string[]) => runAgentCli(dataDir, args);

  /** Enrolls a fresh agent and writes its local config: no schedules, so the built-in ones run. */
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
    expect({ status: enrolled.status, stderr: enrolled.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
    const agentId = /Enrolled as agent ([0-9a-f-]{36})/.exec(enrolled.stdout)?.[1];
    if (!agentId) throw new Error(`no agent id in: ${enrolled.stdout}`);
    writeFileSync(join(dataDir, 'agent.config.json'), JSON.stringify(localConfig, null, 2));
    return { dataDir, agentId };
  }

  function startAgent(name: string, dataDir: string): ChildProcess {
    const out = openSync(join(logs, `agent-${name}.log`), 'a');
    const child = spawn(process.execPath, [AGENT_BIN, 'run', '--data-dir', dataDir], {
      stdio: ['ignore', out, out],
      env: { ...process.env, LOG_LEVEL: 'info' },
    });
    closeSync(out);
    agents.set(name, child);
    return child;
  }

  async function stopAgent(name: string): Promise<void> {
    await stopProcess(agents.get(name) ?? null);
    agents.delete(name);
  }

  async function devices(): Promise<DeviceView[]> {
    const data = await client.ok(
      `{ devices(first: 100) { edges { node { id ipAddress latestMeterRead { readAt } openAlerts { code } } } } }`,
      {},
      dealerToken,
    );
    return (data['devices'].edges as { node: DeviceView }[]).map((e) => e.node);
  }

  async function deviceAt(address: string): Promise<DeviceView | null> {
    return (await devices()).find((d) => d.ipAddress === address) ?? null;
  }

  /** The agent's uploads as central accepted them, oldest first (kind from the audit). */
  async function acceptedUploads(agentId: string): Promise<{ at: Date; kind: string }[]> {
    const events = await prisma.auditEvent.findMany({
      where: { tenantId, actorKind: 'AGENT', actorId: agentId, action: 'upload.accept' },
      orderBy: { at: 'asc' },
    });
    return events.map((e) => ({
      at: e.at,
      kind: String((e.details as Record<string, unknown>)['kind']),
    }));
  }

  /** Every payload in the agent's acknowledged spool files. */
  function sentPayloads(dataDir: string): UploadPayload[] {
    const dir = join(dataDir, 'spool', 'sent');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((n) => n.endsWith('.zip'))
      .sort()
      .map((name) => {
        const entries = unzipSync(readFileSync(join(dir, name)));
        return parsePayloadXml(new TextDecoder().decode(entries['payload.xml']));
      });
  }

  /** The simulator's control API, as `printer-sim ctl error|clear <address> <kind>` uses it. */
  async function control(action: 'errors' | 'clear', address: string, kind: string): Promise<void> {
    const response = await fetch(
      `http://127.0.0.1:${fleet.controlPort}/printers/${address}/${action}/${kind}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    );
    expect(response.status).toBe(200);
  }

  const localConfig = (targets: string[], extra: Record<string, unknown> = {}) => ({
    discovery: { targets, snmpPort: fleet.snmpPort, concurrency: 4, timeoutMs: 1500 },
    snmp: { version: '2c', community: 'public', timeoutMs: 1000, retries: 0 },
    ...extra,
  });

  beforeAll(async () => {
    if (!ownerUrl)
      throw new Error('PRINTBEAT_TEST_DATABASE_URL is not set: run with --selectProjects system');
    buildCentralAndAgent();
    mkdirSync(logs, { recursive: true });

    fleet = await startFleet({
      printers: [...printer.fresh, printer.flapping, printer.sleepy].map((address, index) => ({
        address,
        fixture: FIXTURES[index]!,
        pagesPerMinute: 0,
      })),
      snmpPort: randomInt(20_000, 40_000),
      rawPort: false,
      controlPort: 0,
      tickMs: 200,
      rebootSilenceMs: 500,
    });

    sink = await startSmtpSinkProcess();
    webPort = await freePort();
    gatewayPort = await freePort();
    central = await startCentralProcess(
      {
        ...centralProcessEnv(centralData, work),
        PORT: String(webPort),
        GATEWAY_PORT: String(gatewayPort),
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.smtpPort),
        SMTP_FROM: 'Printbeat <alerts@events-e2e.test>',
        PUBLIC_URL: `http://127.0.0.1:${webPort}`,
      },
      join(logs, 'central.log'),
    );
    client = new GraphqlClient(`http://127.0.0.1:${webPort}`);

    const operator = await seedOperator(prisma, client);
    const dealer = await createDealer(client, operator.accessToken, 'events-e2e');
    dealerToken = dealer.adminToken;
    tenantId = dealer.tenantId;
    customerId = await createCustomer(client, dealerToken, 'Events E2E Customer');
    siteId = await createSite(client, dealerToken, customerId, 'Events E2E Site');
    caFile = writeCentralCaFile(centralData, work);
  }, 240_000);

  afterEach(async () => {
    for (const name of [...agents.keys()]) await stopAgent(name);
  }, 60_000);

  afterAll(async () => {
    for (const name of [...agents.keys()]) await stopAgent(name);
    await stopProcess(central);
    await fleet?.stop();
    await sink?.stop();
    await prisma.$disconnect();
    if (process.env['PRINTBEAT_KEEP_E2E'] !== '1') rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('default schedules: a new agent shows its printers at once; a jam is an open alert within 2 minutes and closes when cleared', async () => {
    await client.ok(
      `mutation($input: CreateNotificationPolicyInput!) { createNotificationPolicy(input: $input) { id } }`,
      {
        input: {
          name: 'Alerts to the service desk',
          eventTypes: ['ALERT_OPENED'],
          recipientEmails: ['desk@events-e2e.test'],
        },
      },
      dealerToken,
    );
    const { dataDir, agentId } = await enrollAgent('fresh', localConfig(printer.fresh));
    const started = Date.now();
    startAgent('fresh', dataDir);

    // Discovery at start, collection and upload right away: not the next day.
    const found = await waitFor(
      'the new agent to show both printers with a meter read',
      async () => {
        const seen = (await devices()).filter(
          (d) => printer.fresh.includes(d.ipAddress) && d.latestMeterRead,
        );
        return seen.length === 2 ? seen : null;
      },
      90_000,
    );
    const shownAfterMs = Date.now() - started;
    expect(shownAfterMs).toBeLessThan(90_000);
    const jammedPrinter = found.find((d) => d.ipAddress === printer.fresh[0])!;
    const readAt = jammedPrinter.latestMeterRead!.readAt;
    expect(jammedPrinter.openAlerts.map((a) => a.code)).not.toContain('JAM');
    const uploadsBefore = (await acceptedUploads(agentId)).length;

    const jamAt = Date.now();
    await control('errors', printer.fresh[0]!, 'jam');
    await waitFor(
      'the jam to be an open alert',
      async () =>
        (await deviceAt(printer.fresh[0]!))?.openAlerts.some((a) => a.code === 'JAM') ?? false,
      120_000,
      1000,
    );
    const jamLatencyMs = Date.now() - jamAt;
    expect(jamLatencyMs).toBeLessThan(120_000);
    const mail = await sink.waitForMessage(
      (m) =>
        m.to.includes('desk@events-e2e.test') &&
        /jam/i.test(m.subject ?? '') &&
        (m.subject ?? '').includes(printer.fresh[0]!),
      180_000 - (Date.now() - jamAt),
    );
    expect(Date.now() - jamAt).toBeLessThan(180_000);
    expect(mail.text).toContain(`http://127.0.0.1:${webPort}/devices/${jammedPrinter.id}`);
    const afterJam = (await acceptedUploads(agentId)).slice(uploadsBefore);
    expect(afterJam.map((u) => u.kind)).toContain('event');
    // The event carried no counters: the meter read of the first upload is still the latest.
    expect((await deviceAt(printer.fresh[0]!))?.latestMeterRead?.readAt).toBe(readAt);
    // The other printer did not change and is in no event upload.
    const events = sentPayloads(dataDir).filter((p) => p.kind === 'event');
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.flatMap((p) => p.devices.map((d) => d.address))).not.toContain(printer.fresh[1]);
    expect(events[0]!.devices[0]!.readings[0]!.counters).toEqual({ extra: {} });

    const clearAt = Date.now();
    await control('clear', printer.fresh[0]!, 'jam');
    await waitFor(
      'the jam alert to close',
      async () =>
        (await deviceAt(printer.fresh[0]!))?.openAlerts.every((a) => a.code !== 'JAM') ?? false,
      120_000,
      1000,
    );
    expect(Date.now() - clearAt).toBeLessThan(120_000);
    const jam = await prisma.alert.findFirstOrThrow({
      where: { tenantId, deviceId: jammedPrinter.id, code: 'JAM' },
    });
    expect(jam.closedAt).not.toBeNull();

    // A restart uploads its first collection at once too.
    await stopAgent('fresh');
    const beforeRestart = (await acceptedUploads(agentId)).length;
    startAgent('fresh', dataDir);
    await waitFor(
      'an upload right after the restart',
      async () => (await acceptedUploads(agentId)).length > beforeRestart,
      60_000,
    );
  }, 420_000);

  it('a flapping printer gives a bounded number of event uploads; a silent one is reported unreachable once', async () => {
    const windowSeconds = 10;
    const { dataDir, agentId } = await enrollAgent(
      'watch',
      localConfig([printer.flapping, printer.sleepy], {
        devices: [printer.flapping, printer.sleepy],
        events: { pollSeconds: 5, windowSeconds, unansweredBackoffMaxSeconds: 20 },
      }),
    );
    startAgent('watch', dataDir);
    await waitFor(
      'both printers in central',
      async () => {
        const seen = (await devices()).filter(
          (d) => [printer.flapping, printer.sleepy].includes(d.ipAddress) && d.latestMeterRead,
        );
        return seen.length === 2;
      },
      90_000,
    );

    // 40 s of a printer whose jam comes and goes between every two status polls of the agent
    // (the worst flapping it can see: a change at every poll, 5 s apart), and the agent sends
    // at most one event upload per window.
    const flapStart = Date.now();
    const flapping = fleet.printer(printer.flapping);
    const sleepy = fleet.printer(printer.sleepy);
    sleepy.setSilent(true);
    let jammed = false;
    let requests = flapping.snmpRequests;
    let quietSince = Date.now();
    let polled = false;
    while (Date.now() - flapStart < 40_000) {
      await new Promise((r) => setTimeout(r, 100));
      if (flapping.snmpRequests !== requests) {
        requests = flapping.snmpRequests;
        quietSince = Date.now();
        polled = true;
      } else if (polled && Date.now() - quietSince >= 300) {
        // The poll is over: change the printer before the next one.
        jammed = !jammed;
        if (jammed) flapping.injectError('jam');
        else flapping.clearError('jam');
        polled = false;
      }
    }
    flapping.clearError('jam');
    const flapSeconds = (Date.now() - flapStart) / 1000;
    await new Promise((r) => setTimeout(r, (windowSeconds + 8) * 1000));

    const flapEvents = sentPayloads(dataDir).filter(
      (p) => p.kind === 'event' && p.devices.some((d) => d.address === printer.flapping),
    );
    const bound = Math.ceil((flapSeconds + windowSeconds + 8) / windowSeconds) + 1;
    expect(flapEvents.length).toBeGreaterThanOrEqual(2);
    expect(flapEvents.length).toBeLessThanOrEqual(bound);
    for (const payload of flapEvents)
      expect(payload.devices.filter((d) => d.address === printer.flapping)).toHaveLength(1);

    // The silent printer: polled with backoff, reported once, UNREACHABLE open in central.
    const unreachableReports = sentPayloads(dataDir).flatMap((p) =>
      (p.unreachable ?? []).filter((u) => u.address === printer.sleepy),
    );
    expect(unreachableReports).toHaveLength(1);
    await waitFor(
      'UNREACHABLE to be open',
      async () =>
        (await deviceAt(printer.sleepy))?.openAlerts.some((a) => a.code === 'UNREACHABLE') ?? false,
      30_000,
    );
    const log = readFileSync(join(logs, 'agent-watch.log'), 'utf8');
    expect(log).toContain('"changes":["reachability"]');

    // Back: reported at its next poll (the backoff is capped at 20 s here), the alert closes.
    sleepy.setSilent(false);
    await waitFor(
      'UNREACHABLE to close',
      async () =>
        (await deviceAt(printer.sleepy))?.openAlerts.every((a) => a.code !== 'UNREACHABLE') ??
        false,
      60_000,
      1000,
    );
    // Exactly once: every event upload the agent has acknowledged was accepted once by central.
    await waitFor(
      'the spool to be drained',
      () => Promise.resolve(readdirSync(join(dataDir, 'spool', 'pending')).length === 0),
      30_000,
    );
    expect((await acceptedUploads(agentId)).filter((u) => u.kind === 'event').length).toBe(
      sentPayloads(dataDir).filter((p) => p.kind === 'event').length,
    );
  }, 420_000);
});
