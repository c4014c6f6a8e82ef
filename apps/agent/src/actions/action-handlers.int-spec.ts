import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { startFleet, type Fleet } from '@printbeat/printer-sim';
import { createActionHandlers, type ActionDeps } from './action-handlers.js';
import { runCommand } from './run-command.js';
import type { AgentCommand } from '../gateway-client/protocol.js';

// Reboot, test page and troubleshoot against the project's simulator over real UDP SNMP and
// TCP on loopback: one printer with a separate write community that answers PJL, one that
// does not speak PJL.

const havePing = spawnSync('sh', ['-c', 'command -v ping'], { stdio: 'ignore' }).status === 0;
const octet = randomInt(10, 250);
const STRICT = `127.44.${octet}.1`;
const NO_PJL = `127.44.${octet}.2`;
const READ = { version: '2c' as const, community: 'public' };
const WRITE = { version: '2c' as const, community: 'private-rw' };
const V3_USER = {
  authProtocol: 'sha256' as const,
  authKey: 'authpass123',
  privProtocol: 'aes' as const,
  privKey: 'privpass123',
};
const v3 = (user: string) => ({
  version: '3' as const,
  user,
  auth: { protocol: 'sha256' as const, key: 'authpass123' },
  priv: { protocol: 'aes' as const, key: 'privpass123' },
});

describe('device actions against the simulator', () => {
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await startFleet({
      printers: [
        {
          address: STRICT,
          fixture: 'printmaster/kyocera_p2040_snmp.json',
          writeCommunity: 'private-rw',
          v3Users: [
            { ...V3_USER, name: 'ops-ro', readOnly: true },
            { ...V3_USER, name: 'ops-rw' },
          ],
        },
        { address: NO_PJL, fixture: 'librenms/ricoh_mpc3002.snmprec', pjl: false },
      ],
      snmpPort: randomInt(20_000, 40_000),
      rawPort: randomInt(40_001, 60_000),
      rebootSilenceMs: 200,
    });
  });
  afterAll(() => fleet.stop());

  const handlers = (write: ActionDeps['writeCredentials'], ping?: ActionDeps['ping']) =>
    createActionHandlers({
      refreshStatus: () => Promise.resolve({}),
      sendMeters: () => Promise.resolve({}),
      updateSettings: () => Promise.resolve({}),
      credentials: () => [READ],
      writeCredentials: write,
      pingAllowed: () => true,
      snmpPort: () => fleet.snmpPort,
      rawPrintPort: () => fleet.rawPort!,
      timeoutMs: () => 700,
      ...(ping ? { ping } : {}),
    });
  const command = (type: AgentCommand['type'], address: string): AgentCommand => ({
    id: 'c',
    type,
    deviceId: 'd',
    target: { address },
    params: {},
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  });
  const allowAll = {
    allowed: ['REBOOT', 'PRINT_TEST_PAGE', 'TROUBLESHOOT'] as AgentCommand['type'][],
    disabledLocally: [],
    configVersion: 1,
    announcedConfigVersion: 1,
  };

  it('reboots with the write community, and records the SET as accepted', async () => {
    const boots = fleet.printer(STRICT).engineBoots;
    const report = await runCommand(
      command('REBOOT', STRICT),
      allowAll,
      handlers(() => [WRITE]),
    );
    expect(report).toMatchObject({
      status: 'SUCCEEDED',
      result: { capabilities: { writeCredential: true, lastSet: 'ACCEPTED' } },
    });
    expect(fleet.printer(STRICT).engineBoots).toBe(boots + 1);
  });

  it('is refused when only the read community is configured as write credential, and says so', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const boots = fleet.printer(STRICT).engineBoots;
    const report = await runCommand(
      command('REBOOT', STRICT),
      allowAll,
      handlers(() => [READ]),
    );
    expect(report.status).toBe('FAILED');
    expect(report.message).toMatch(
      new RegExp(`^${STRICT} refused the reset with its write credentials: .*NoAccess`, 'i'),
    );
    expect(report.result).toMatchObject({
      code: 'REBOOT_FAILED',
      capabilities: { writeCredential: true, lastSet: 'REFUSED' },
    });
    expect(fleet.printer(STRICT).engineBoots).toBe(boots);
  });

  it('tries write credentials in order: a read-only v3 user is refused, the v3 write user reboots', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const boots = fleet.printer(STRICT).engineBoots;
    const report = await runCommand(
      command('REBOOT', STRICT),
      allowAll,
      handlers(() => [v3('ops-ro'), v3('ops-rw')]),
    );
    expect(report).toMatchObject({
      status: 'SUCCEEDED',
      result: { capabilities: { lastSet: 'ACCEPTED' } },
    });
    expect(fleet.printer(STRICT).engineBoots).toBe(boots + 1);
    await new Promise((r) => setTimeout(r, 300));
    const readOnly = await runCommand(
      command('REBOOT', STRICT),
      allowAll,
      handlers(() => [v3('ops-ro')]),
    );
    expect(readOnly).toMatchObject({
      status: 'FAILED',
      result: { capabilities: { lastSet: 'REFUSED' } },
    });
    expect(fleet.printer(STRICT).engineBoots).toBe(boots + 1);
  });

  it('sends nothing without a write credential and names how to configure one', async () => {
    const requests = fleet.printer(STRICT).snmpRequests;
    const report = await runCommand(
      command('REBOOT', STRICT),
      allowAll,
      handlers(() => []),
    );
    expect(report).toMatchObject({
      status: 'FAILED',
      result: {
        code: 'WRITE_CREDENTIAL_MISSING',
        capabilities: { writeCredential: false, lastSet: 'NO_CREDENTIAL' },
      },
    });
    expect(report.message).toContain('"snmpWrite"');
    expect(fleet.printer(STRICT).snmpRequests).toBe(requests);
  });

  it('asks a PJL printer for its configuration page, and sends others the plain page', async () => {
    const pjl = await runCommand(
      command('PRINT_TEST_PAGE', STRICT),
      allowAll,
      handlers(() => []),
    );
    expect(pjl).toMatchObject({
      status: 'SUCCEEDED',
      result: { kind: 'CONFIGURATION_PAGE', capabilities: { rawPrintPort: true, pjl: true } },
    });
    const plain = await runCommand(
      command('PRINT_TEST_PAGE', NO_PJL),
      allowAll,
      handlers(() => []),
    );
    expect(plain).toMatchObject({
      status: 'SUCCEEDED',
      result: { kind: 'PLAIN_TEST_PAGE', capabilities: { rawPrintPort: true, pjl: false } },
    });
    await waitUntil(() => fleet.printer(STRICT).configPagesPrinted === 1);
    // A printer that ignores PJL takes the unanswered probe as a job too: the plain page is the second.
    await waitUntil(() => fleet.printer(NO_PJL).rawJobsReceived === 2);
    expect(fleet.printer(NO_PJL).configPagesPrinted).toBe(0);
    // On the PJL printer the probe itself printed nothing.
    expect(fleet.printer(STRICT).rawJobsReceived).toBe(1);
    expect(fleet.printer(STRICT).pjlQueriesAnswered).toBe(1);
  });

  it('troubleshoots step by step: ping, SNMP, raw port, PJL, with the capabilities learned', async () => {
    const pinged: string[] = [];
    const report = await runCommand(
      command('TROUBLESHOOT', STRICT),
      allowAll,
      handlers(
        () => [WRITE],
        (address) => {
          pinged.push(address);
          return Promise.resolve({ exitCode: null, errorCode: 'ENOENT', output: '' });
        },
      ),
    );
    expect(pinged).toEqual([STRICT]);
    expect(report.status).toBe('SUCCEEDED');
    const result = report.result as { steps: { step: string; outcome: string; message: string }[] };
    expect(result.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['ping', 'NOT_PERMITTED'],
      ['snmp', 'OK'],
      ['rawPrintPort', 'OK'],
      ['pjl', 'OK'],
    ]);
    expect(result.steps[0]!.message).toBe('ping not permitted: no ping command on this machine');
    expect(result.steps[3]!.message).toMatch(/^PJL INFO ID: .+/);
    expect(report.result).toMatchObject({
      snmpReachable: true,
      capabilities: { rawPrintPort: true, pjl: true, writeCredential: true },
    });
  });
});

describe('troubleshoot with the system ping', () => {
  const address = `127.45.${randomInt(10, 250)}.1`;
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({
      printers: [{ address, fixture: 'printmaster/kyocera_p2040_snmp.json' }],
      snmpPort: randomInt(20_000, 40_000),
      rawPort: randomInt(40_001, 60_000),
    });
  });
  afterAll(() => fleet.stop());

  (havePing ? it : it.skip)(
    'its first step is the loopback printer answering a real echo',
    async () => {
      const report = await runCommand(
        {
          id: 'c',
          type: 'TROUBLESHOOT',
          deviceId: 'd',
          target: { address },
          params: {},
          createdAt: new Date().toISOString(),
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
        },
        {
          allowed: ['TROUBLESHOOT'],
          disabledLocally: [],
          configVersion: 1,
          announcedConfigVersion: 1,
        },
        createActionHandlers({
          refreshStatus: () => Promise.resolve({}),
          sendMeters: () => Promise.resolve({}),
          updateSettings: () => Promise.resolve({}),
          credentials: () => [READ],
          writeCredentials: () => [],
          pingAllowed: () => true,
          snmpPort: () => fleet.snmpPort,
          rawPrintPort: () => fleet.rawPort!,
          timeoutMs: () => 700,
        }),
      );
      expect(report.status).toBe('SUCCEEDED');
      const { steps } = report.result as {
        steps: { step: string; outcome: string; message: string }[];
      };
      expect(steps[0]).toMatchObject({
        step: 'ping',
        outcome: 'OK',
        message: `${address} answered one echo request`,
      });
      expect(steps.slice(1).map((s) => [s.step, s.outcome])).toEqual([
        ['snmp', 'OK'],
        ['rawPrintPort', 'OK'],
        ['pjl', 'OK'],
      ]);
    },
  );
});

async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}
