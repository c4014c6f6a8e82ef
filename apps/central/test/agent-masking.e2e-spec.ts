// Privacy masking end to end with real processes (issue #14): the dealer hashes IP and MAC
// addresses, the customer withholds host names and sysContact/sysLocation; a freshly enrolled
// agent polls simulated printers over real UDP SNMP and uploads. Central's stored raw archives
// hold the keyed tokens and none of the printers' addresses, MACs, names or locations; the
// devices are still told apart and matched upload after upload (by serial and the MAC's
// token), a silent printer's unreachable report finds its device by the hashed address, the
// local config cannot loosen central's masking, and `show` prints the masked upload.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomInt } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
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

// The Zebra walk is the one that answers a host name and a location (the others are redacted).
const FIXTURES = [
  'printmaster/kyocera_p2040_snmp.json',
  'librenms/ricoh_mpc3002.snmprec',
  'librenms/zebra.snmprec',
];

type DeviceView = {
  id: string;
  ipAddress: string | null;
  macAddress: string | null;
  hostname: string | null;
  location: string | null;
  serialNumber: string | null;
  latestMeterRead: { readAt: string } | null;
  openAlerts: { code: string }[];
};

type RawIdentity = {
  mac: string | null;
  hostname: string | null;
  location: string | null;
  contact: string | null;
  serial: string | null;
};

describe('privacy masking, end to end with real processes', () => {
  const work = mkdtempSync(join(tmpdir(), 'pb-masking-e2e-'));
  const centralData = join(work, 'central');
  const logs = join(work, 'logs');
  const octet = randomInt(10, 250);
  const printers = [`127.43.${octet}.10`, `127.43.${octet}.11`, `127.43.${octet}.12`];
  const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL'] ?? '';
  const prisma = createPrismaClient(ownerUrl);
  let agent: ChildProcess | null = null;
  let fleet: Fleet;
  let central: ChildProcess | null = null;
  let client: GraphqlClient;
  let dealerToken = '';
  let tenantId = '';
  let customerId = '';
  let siteId = '';
  let gatewayPort = 0;
  let caFile = '';

  async function devices(): Promise<DeviceView[]> {
    const data = await client.ok(
      `{ devices(first: 100) { edges { node { id ipAddress macAddress hostname location serialNumber latestMeterRead { readAt } openAlerts { code } } } } }`,
      {},
      dealerToken,
    );
    return (data['devices'].edges as { node: DeviceView }[]).map((e) => e.node);
  }

  /** The printer's identity as it answers SNMP, read by the agent's local `poll` (nothing sent). */
  async function rawIdentity(address: string): Promise<RawIdentity> {
    const child = spawn(process.execPath, [
      AGENT_BIN,
      'poll',
      address,
      '--port',
      String(fleet.snmpPort),
      '--json',
    ]);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect({ status, stdout }).toEqual({ status: 0, stdout: expect.any(String) });
    return (JSON.parse(stdout) as { identity: RawIdentity }).identity;
  }

  /** Every payload.xml central stored as received for the tenant (the raw archives). */
  async function storedArchives(): Promise<string[]> {
    const blobs = await prisma.uploadBlob.findMany({ where: { tenantId } });
    return blobs.map((blob) =>
      new TextDecoder().decode(unzipSync(new Uint8Array(blob.data))['payload.xml']),
    );
  }

  beforeAll(async () => {
    if (!ownerUrl)
      throw new Error('PRINTBEAT_TEST_DATABASE_URL is not set: run with --selectProjects system');
    buildCentralAndAgent();
    mkdirSync(logs, { recursive: true });

    fleet = await startFleet({
      printers: printers.map((address, index) => ({
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
    const dealer = await createDealer(client, operator.accessToken, 'masking-e2e');
    dealerToken = dealer.adminToken;
    tenantId = dealer.tenantId;
    customerId = await createCustomer(client, dealerToken, 'Masking E2E Customer');
    siteId = await createSite(client, dealerToken, customerId, 'Masking E2E Site');
    caFile = writeCentralCaFile(centralData, work);
  }, 240_000);

  afterAll(async () => {
    await stopProcess(agent);
    await stopProcess(central);
    await fleet?.stop();
    await prisma.$disconnect();
    if (process.env['PRINTBEAT_KEEP_E2E'] !== '1') rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('keeps addresses, MACs, names and locations out of the stored uploads; devices still match', async () => {
    await client.ok(
      `mutation($input: MaskingSettingsInput!) { updateMaskingSettings(input: $input) { ip } }`,
      { input: { ip: 'HASH', mac: 'HASH' } },
      dealerToken,
    );
    const customerMasking = await client.ok(
      `mutation($input: CustomerMaskingSettingsInput!) { updateCustomerMaskingSettings(input: $input) { effective { ip mac hostname contactLocation } } }`,
      { input: { customerId, hostname: 'WITHHOLD', contactLocation: 'WITHHOLD' } },
      dealerToken,
    );
    expect(customerMasking['updateCustomerMaskingSettings'].effective).toEqual({
      ip: 'HASH',
      mac: 'HASH',
      hostname: 'WITHHOLD',
      contactLocation: 'WITHHOLD',
    });
    const raw = await Promise.all(printers.map(rawIdentity));
    const macs = raw.map((identity) => identity.mac).filter((mac): mac is string => !!mac);
    expect(macs.length).toBeGreaterThan(0);
    expect(raw[2]).toMatchObject({ hostname: '6NM1PAS_AB07', location: 'Booth 7' });

    // Enrollment: the config it hands over already masks (the first upload follows at once).
    const dataDir = join(work, 'agent');
    mkdirSync(dataDir, { recursive: true });
    const created = await client.ok(
      `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`,
      { input: { customerId, siteId, maxUses: 1 } },
      dealerToken,
    );
    const enrolled = await runAgentCli(dataDir, [
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
    // The site's own file asks to send MACs as they are: it may only tighten, so they stay hashed.
    writeFileSync(
      join(dataDir, 'agent.config.json'),
      JSON.stringify({
        discovery: { targets: printers, snmpPort: fleet.snmpPort, concurrency: 4, timeoutMs: 1500 },
        devices: printers,
        snmp: { version: '2c', community: 'public', timeoutMs: 1000, retries: 0 },
        schedules: {
          meters: { everySeconds: 5 },
          status: { everySeconds: 5 },
          upload: { everySeconds: 5 },
        },
        events: { pollSeconds: 5, windowSeconds: 5, unansweredBackoffMaxSeconds: 10 },
        masking: { mac: 'send' },
      }),
    );
    const out = openSync(join(logs, 'agent.log'), 'a');
    agent = spawn(process.execPath, [AGENT_BIN, 'run', '--data-dir', dataDir], {
      stdio: ['ignore', out, out],
      env: { ...process.env, LOG_LEVEL: 'info' },
    });
    closeSync(out);

    const seen = await waitFor(
      'the printers in central with a meter read',
      async () => {
        const found = (await devices()).filter((d) => d.latestMeterRead);
        return found.length === printers.length ? found : null;
      },
      90_000,
    );

    // The tokens are HMAC-SHA-256 with the customer's key, truncated to 16 hex digits.
    const { maskingKey } = await prisma.customer.findUniqueOrThrow({
      where: { tenantId_id: { tenantId, id: customerId } },
    });
    expect(maskingKey).not.toBeNull();
    const token = (kind: string, value: string) =>
      `${kind}-${createHmac('sha256', Buffer.from(maskingKey!)).update(`${kind}\u0000${value}`).digest('hex').slice(0, 16)}`;
    const byIp = new Map(seen.map((d) => [d.ipAddress, d]));
    printers.forEach((address, index) => {
      const device = byIp.get(token('ip', address));
      expect(device).toBeDefined();
      expect(device!.serialNumber).toBe(raw[index]!.serial);
      expect(device!.macAddress).toBe(raw[index]!.mac ? token('mac', raw[index]!.mac) : null);
      expect(device!.hostname).toBeNull();
      expect(device!.location).toBeNull();
    });

    // More uploads of the same printers: still two devices, matched to the same rows.
    const uploadsBefore = (await storedArchives()).length;
    await waitFor(
      'two more uploads',
      async () => (await storedArchives()).length >= uploadsBefore + 2,
      60_000,
    );
    expect((await devices()).map((d) => d.id).sort()).toEqual(seen.map((d) => d.id).sort());

    // A silent printer: the event upload names it by its token, and central finds the device.
    fleet.printer(printers[1]!).setSilent(true);
    await waitFor(
      'UNREACHABLE on the hashed device',
      async () =>
        (await devices())
          .find((d) => d.ipAddress === token('ip', printers[1]!))
          ?.openAlerts.some((a) => a.code === 'UNREACHABLE') ?? false,
      90_000,
      1000,
    );

    // The raw archives as central stored them: tokens, never the values.
    const archives = await storedArchives();
    const all = archives.join('\n');
    expect(archives.some((xml) => xml.includes('<unreachable>'))).toBe(true);
    expect(all).toContain(token('ip', printers[0]!));
    for (const secret of [...printers, ...macs]) expect(all).not.toContain(secret);
    for (const identity of raw)
      for (const value of [identity.hostname, identity.location, identity.contact])
        if (value && value.length >= 3) expect(all).not.toContain(value);
    expect(all).not.toMatch(/<(mac|ip)>/);

    // `status` names the masking in force: central's, the local file's loosening ignored.
    const status = await runAgentCli(dataDir, ['status', '--offline']);
    expect(status.stdout).toMatch(
      /Masking\s+ip hash, mac hash, hostname withhold, contact\/location withhold/,
    );

    // `show` prints exactly that: the masked upload.
    const shown = await runAgentCli(dataDir, ['show']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/ip-[0-9a-f]{16}/);
    for (const secret of [...printers, ...macs]) expect(shown.stdout).not.toContain(secret);
  }, 420_000);
});
