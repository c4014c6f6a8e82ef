// `printbeat-agent doctor` end to end with real processes: an agent enrolled with a real
// central and a simulated printer on loopback, then the same agent with a wrong CA file and
// with central stopped.
import { type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority } from '@printbeat/pki';
import { startFleet, type Fleet } from '@printbeat/printer-sim';
import { createPrismaClient } from '../src/platform/prisma/prisma-client.factory.js';
import { GraphqlClient } from '../src/platform/graphql/test-support/graphql-client.js';
import {
  createCustomer,
  createDealer,
  createSite,
} from '../src/platform/graphql/test-support/scenario.js';
import {
  runAgentCli,
  type CliRun,
  centralProcessEnv,
  freePort,
  stopProcess,
} from './test-support/e2e-processes.js';
import {
  buildCentralAndAgent,
  seedOperator,
  startCentralProcess,
  writeCentralCaFile,
} from './test-support/e2e-central.js';

describe('printbeat-agent doctor, end to end with real processes', () => {
  const work = mkdtempSync(join(tmpdir(), 'pb-doctor-e2e-'));
  const centralData = join(work, 'central');
  const dataDir = join(work, 'agent');
  const printerAddress = `127.${randomInt(100, 250)}.11.10`;
  const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL'] ?? '';
  const appUrl = process.env['PRINTBEAT_TEST_APP_DATABASE_URL'] ?? '';
  const prisma = createPrismaClient(ownerUrl);
  let fleet: Fleet;
  let central: ChildProcess | null = null;
  let snmpPort = 0;
  let gatewayPort = 0;

  // Asynchronous: the simulated printer lives in this process and must keep answering.
  const agentCli = (args: string[]): Promise<CliRun> =>
    runAgentCli(dataDir, args, { HTTPS_PROXY: '', https_proxy: '', NO_PROXY: '', no_proxy: '' });

  const line = (run: CliRun, name: string): string =>
    run.stdout.split('\n').find((text) => text.slice(5).startsWith(`${name} `)) ?? '';

  beforeAll(async () => {
    if (!ownerUrl || !appUrl)
      throw new Error('PRINTBEAT_TEST_DATABASE_URL is not set: run with --selectProjects system');
    buildCentralAndAgent();
    snmpPort = randomInt(20_000, 40_000);
    fleet = await startFleet({
      printers: [{ address: printerAddress, fixture: 'printmaster/kyocera_p2040_snmp.json' }],
      snmpPort,
      rawPort: false,
      controlPort: false,
    });

    const webPort = await freePort();
    gatewayPort = await freePort();
    mkdirSync(join(work, 'logs'), { recursive: true });
    central = await startCentralProcess(
      {
        ...centralProcessEnv(centralData, work),
        PORT: String(webPort),
        GATEWAY_PORT: String(gatewayPort),
      },
      join(work, 'logs', 'central.log'),
    );
    const client = new GraphqlClient(`http://127.0.0.1:${webPort}`);
    const operator = await seedOperator(prisma, client);
    const dealer = await createDealer(client, operator.accessToken, 'doctor-e2e');
    const customerId = await createCustomer(client, dealer.adminToken, 'Doctor E2E Customer');
    const siteId = await createSite(client, dealer.adminToken, customerId, 'Doctor E2E Site');
    const created = await client.ok(
      `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`,
      { input: { customerId, siteId, maxUses: 1 } },
      dealer.adminToken,
    );
    const caFile = writeCentralCaFile(centralData, work);
    mkdirSync(dataDir, { recursive: true });
    const enrolled = await agentCli([
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
  }, 240_000);

  afterAll(async () => {
    await stopProcess(central);
    await fleet?.stop();
    await prisma.$disconnect();
    if (process.env['PRINTBEAT_KEEP_E2E'] !== '1') rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('an enrolled agent with a live central and printer: every line OK, exit 0', async () => {
    const run = await agentCli(['doctor', '--printer', `${printerAddress}:${snmpPort}`]);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toMatchObject({
      status: 0,
    });
    const names = run.stdout
      .trim()
      .split('\n')
      .map((text) => text.split(/\s+/).slice(0, 2).join(' '));
    expect(names).toEqual([
      'OK enrollment',
      'OK certificate',
      'OK central',
      'OK proxy',
      'OK clock',
      'OK disk',
      'OK printer',
    ]);
    expect(line(run, 'central')).toContain(`https://127.0.0.1:${gatewayPort} reachable`);
    expect(line(run, 'printer')).toMatch(/Kyocera|KYOCERA/);
    expect(line(run, 'printer')).toContain('1.3.6.1.4.1.');
  }, 60_000);

  it('a CA file that did not sign central: "untrusted certificate", exit 2', async () => {
    const other = await createCertificateAuthority({ commonName: 'Not Central', validityDays: 2 });
    const wrongCa = join(work, 'wrong-ca.pem');
    writeFileSync(wrongCa, other.issuing.certPem + other.root.certPem);
    const run = await agentCli(['doctor', '--ca-file', wrongCa]);
    expect(run.status).toBe(2);
    expect(line(run, 'central')).toMatch(/^FAIL central .*untrusted certificate — pass --ca-file/);
    expect(line(run, 'central')).not.toContain('unreachable');
    expect(line(run, 'enrollment')).toMatch(/^OK /);
  }, 60_000);

  it('central stopped: "unreachable" FAIL, exit 2', async () => {
    await stopProcess(central);
    const run = await agentCli(['doctor']);
    expect(run.status).toBe(2);
    expect(line(run, 'central')).toMatch(
      new RegExp(`^FAIL central +https://127\\.0\\.0\\.1:${gatewayPort} unreachable`),
    );
    // Nothing to compare the clock with when central did not answer.
    expect(line(run, 'clock')).toBe('');
  }, 60_000);
});
