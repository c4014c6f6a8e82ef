import { jest } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSnapshot, parseWalk, type DeviceSnapshot } from '@printbeat/printer-mib';
import { startFleet, type Fleet } from '@printbeat/printer-sim';
import {
  startMib2OnlyAgent,
  type Mib2OnlyAgent,
} from '../discovery/test-support/mib2-only-agent.js';
import type { DiscoveredDevice } from '../discovery/discover.js';
import type { PollJson } from './poll.format.js';

// End to end: the built CLI as a child process against simulated printers (printer-sim,
// real UDP SNMP on loopback), compared with what printer-mib decodes from the same walks.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CLI = join(ROOT, 'apps/agent/bin/printbeat-agent.js');
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const NET = '127.41.0';
const V3 = {
  name: 'monitor',
  authProtocol: 'sha256',
  authKey: 'auth-pass-2024',
  privProtocol: 'aes',
  privKey: 'priv-pass-2024',
} as const;

const PRINTERS = [
  { address: `${NET}.1`, fixture: 'printmaster/kyocera_p2040_snmp.json' },
  { address: `${NET}.2`, fixture: 'librenms/sharp.snmprec' },
  { address: `${NET}.3`, fixture: 'librenms/konica_c250i.snmprec' },
  { address: `${NET}.4`, fixture: 'librenms/ricoh_mpc3002.snmprec' },
  { address: `${NET}.5`, fixture: 'librenms/jetdirect_m130nw.snmprec' },
  { address: `${NET}.6`, fixture: 'printmaster/brother_snmp.json' },
];
const NON_PRINTER = `${NET}.200`;

type CliRun = { code: number; stdout: string; stderr: string };

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function pollJson(
  address: string,
  extra: string[] = [],
): Promise<{ run: CliRun; json: PollJson }> {
  const run = await runCli(['poll', `${address}:${PORT}`, '--json', ...extra]);
  return { run, json: JSON.parse(run.stdout) as PollJson };
}

function expectedFrom(fixture: string): DeviceSnapshot {
  const path = join(ROOT, 'fixtures/snmp', fixture);
  return decodeSnapshot(parseWalk(path, readFileSync(path, 'utf8')));
}

function withoutIndex<T extends { index: string }>(items: T[]): Array<Omit<T, 'index'>> {
  return items.map(({ index: _index, ...rest }) => rest);
}

// Each test starts one to three CLI processes; on a busy machine that exceeds jest's 5 s default.
jest.setTimeout(60_000);

describe('printbeat-agent poll / discover against the printer simulator', () => {
  let fleet: Fleet;
  let plainAgent: Mib2OnlyAgent;

  beforeAll(async () => {
    // The CLI runs from dist: bring it up to date. Type errors elsewhere in the package (work in
    // progress of other parts) must not stop this test, as long as the CLI's files were emitted.
    try {
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'apps/agent'],
        { cwd: ROOT, stdio: 'pipe' },
      );
    } catch (error) {
      process.stderr.write(
        `tsc -b apps/agent reported errors:\n${String((error as { stdout?: unknown }).stdout ?? error)}\n`,
      );
    }
    expect(existsSync(join(ROOT, 'apps/agent/dist/main.js'))).toBe(true);
    fleet = await startFleet({
      printers: PRINTERS.map((printer) => ({ ...printer, v3Users: [V3] })),
      snmpPort: PORT,
      rawPort: false,
      controlPort: false,
      cartridgeYieldPages: 1000,
    });
    plainAgent = await startMib2OnlyAgent(
      NON_PRINTER,
      PORT,
      'Linux fileserver 6.1.0-18-amd64 #1 SMP x86_64',
    );
  }, 120_000);

  afterAll(async () => {
    plainAgent?.close();
    await fleet?.stop();
  });

  it.each(PRINTERS)(
    'v2c poll of $fixture equals the decoded walk',
    async ({ address, fixture }) => {
      const { run, json } = await pollJson(address);
      expect(run.code).toBe(0);
      const expected = expectedFrom(fixture);
      expect(json).toMatchObject({ address, port: PORT, reachable: true });
      expect(json.error).toBeUndefined();
      expect({ ...json.identity, uptimeSeconds: 0 }).toEqual({
        ...expected.identity,
        uptimeSeconds: 0,
      });
      expect(json.counters).toEqual(expected.counters);
      expect(json.supplies).toEqual(withoutIndex(expected.supplies));
      expect(json.status?.errors).toEqual(expected.status.errors);
      expect(json.status?.device).toEqual(expected.status.device);
      expect(json.alerts).toEqual(withoutIndex(expected.alerts));
      expect(json.identity?.serial).toEqual(expect.any(String));
      expect(json.supplies.length).toBeGreaterThan(0);
    },
  );

  it('v3 authPriv (SHA-256/AES) gives the same reading as v2c', async () => {
    const address = PRINTERS[2]?.address ?? '';
    const v2c = (await pollJson(address)).json;
    const { run, json } = await pollJson(address, [
      '--snmp-version',
      '3',
      '--user',
      V3.name,
      '--auth-protocol',
      'sha256',
      '--auth-key',
      V3.authKey,
      '--priv-protocol',
      'aes',
      '--priv-key',
      V3.privKey,
    ]);
    expect(run.code).toBe(0);
    expect({ ...json, identity: { ...json.identity, uptimeSeconds: 0 } }).toEqual({
      ...v2c,
      identity: { ...v2c.identity, uptimeSeconds: 0 },
    });
  });

  it('SNMPv1 (GETNEXT walks, noSuchName handling) gives the same reading as v2c', async () => {
    const address = PRINTERS[0]?.address ?? '';
    const v2c = (await pollJson(address)).json;
    const { run, json } = await pollJson(address, ['--snmp-version', '1']);
    expect(run.code).toBe(0);
    const withoutUptime = (reading: PollJson) => ({
      ...reading,
      identity: { ...reading.identity, uptimeSeconds: 0 },
    });
    expect(withoutUptime(json)).toEqual(withoutUptime(v2c));
  });

  it('v3 with a wrong key is refused with a reason and a non-zero exit', async () => {
    const { run, json } = await pollJson(PRINTERS[2]?.address ?? '', [
      '--snmp-version',
      '3',
      '--user',
      V3.name,
      '--auth-protocol',
      'sha256',
      '--auth-key',
      'wrong-pass-2024',
      '--priv-protocol',
      'aes',
      '--priv-key',
      V3.privKey,
      '--timeout',
      '500',
      '--retries',
      '0',
    ]);
    expect(run.code).toBe(1);
    expect(json).toMatchObject({
      reachable: false,
      error: { code: expect.stringMatching(/^SNMP_(AUTH_FAILED|TIMEOUT)$/) },
    });
  });

  it('a jam shows in status and alerts, and goes away when cleared', async () => {
    const printer = fleet.printer(`${NET}.1`);
    printer.injectError('jam');
    try {
      const jammed = (await pollJson(`${NET}.1`)).json;
      expect(jammed.status?.errors).toContain('jammed');
      expect(jammed.alerts).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'jam', severity: 'critical' })]),
      );
    } finally {
      printer.clearError('jam');
    }
    const cleared = (await pollJson(`${NET}.1`)).json;
    expect(cleared.status?.errors).not.toContain('jammed');
    expect(cleared.alerts.some((alert) => alert.code === 'jam')).toBe(false);
  });

  it('counters advance by exactly the pages printed', async () => {
    const before = (await pollJson(`${NET}.2`)).json;
    fleet.printer(`${NET}.2`).print(37);
    fleet.printer(`${NET}.2`).print(5, { color: true });
    const after = (await pollJson(`${NET}.2`)).json;
    expect((after.counters?.total ?? 0) - (before.counters?.total ?? 0)).toBe(42);
    expect((after.counters?.mono ?? 0) - (before.counters?.mono ?? 0)).toBe(37);
    expect((after.counters?.color ?? 0) - (before.counters?.color ?? 0)).toBe(5);
  });

  it('a cartridge swap makes the toner level jump back to full', async () => {
    const printer = fleet.printer(`${NET}.1`);
    printer.print(400);
    const used = (await pollJson(`${NET}.1`)).json.supplies.find(
      (supply) => supply.type === 'toner',
    );
    expect(used?.percent).toBeLessThan(70);
    expect(printer.replaceCartridge('black')).toBeGreaterThan(0);
    const fresh = (await pollJson(`${NET}.1`)).json.supplies.find(
      (supply) => supply.type === 'toner',
    );
    expect(fresh?.percent).toBe(100);
    expect(fresh?.state).toBe('ok');
  });

  it('a silent printer is reachable:false with the reason, and the exit status is 1', async () => {
    const printer = fleet.printer(`${NET}.3`);
    printer.setSilent(true);
    try {
      const { run, json } = await pollJson(`${NET}.3`, ['--timeout', '200', '--retries', '1']);
      expect(run.code).toBe(1);
      expect(json).toMatchObject({
        reachable: false,
        error: { code: 'SNMP_TIMEOUT' },
        identity: null,
        counters: null,
      });
      expect(json.error?.message).toContain(`${NET}.3:${PORT}`);
    } finally {
      printer.setSilent(false);
    }
  });

  it('polls a CIDR as a batch and prints a JSON array', async () => {
    const run = await runCli([
      'poll',
      `${NET}.0/29`,
      '--port',
      String(PORT),
      '--json',
      '--timeout',
      '300',
      '--retries',
      '0',
    ]);
    const results = JSON.parse(run.stdout) as PollJson[];
    expect(results.map((result) => result.address)).toEqual(
      [1, 2, 3, 4, 5, 6].map((host) => `${NET}.${host}`),
    );
    expect(results.every((result) => result.reachable && result.identity?.serial)).toBe(true);
    expect(run.code).toBe(0);
  });

  it('ends quietly when the reader of its output goes away (`| head`)', async () => {
    const script = `"${process.execPath}" "${CLI}" poll ${NET}.0/29 --port ${PORT} --json | true; echo "exit \${PIPESTATUS[0]}" >&2`;
    const run = await new Promise<CliRun>((resolve) => {
      execFile('bash', ['-c', script], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : -1, stdout, stderr }),
      );
    });
    expect(run.stderr.trim()).toBe('exit 0');
  });

  it('prints a readable table without --json', async () => {
    const run = await runCli(['poll', `${NET}.2:${PORT}`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${NET}.2:${PORT}  Sharp`);
    expect(run.stdout).toMatch(/Counters\n\s+total\s+[\d,]+/);
    expect(run.stdout).toMatch(/\[[#.]{20}\]\s+\d+ %/);
  });

  it('discover finds the printers in a /24 and reports the other SNMP agent as skipped', async () => {
    const run = await runCli([
      'discover',
      `${NET}.0/24`,
      '--port',
      String(PORT),
      '--json',
      '--timeout',
      '400',
      '--retries',
      '0',
    ]);
    expect(run.code).toBe(0);
    const devices = JSON.parse(run.stdout) as DiscoveredDevice[];
    const printers = devices.filter((device) => device.isPrinter);
    expect(printers.map((device) => device.address)).toEqual(
      PRINTERS.map((printer) => printer.address),
    );
    for (const printer of printers) {
      const fixture =
        PRINTERS.find((candidate) => candidate.address === printer.address)?.fixture ?? '';
      const expected = expectedFrom(fixture).identity;
      expect(printer.manufacturer).toBe(expected.manufacturer);
      expect(printer.sysObjectId).toBe(expected.sysObjectId);
    }
    expect(devices.filter((device) => !device.isPrinter)).toEqual([
      expect.objectContaining({
        address: NON_PRINTER,
        isPrinter: false,
        sysDescr: expect.stringContaining('Linux fileserver'),
        reason: expect.stringContaining('no Printer-MIB'),
      }),
    ]);
    expect(run.stderr).toContain('254 addresses scanned');
    expect(run.stderr).toMatch(/6 printers, 1 skipped, 247 silent/);
  });

  it('refuses bad arguments with exit status 2', async () => {
    const bad = await runCli(['poll', '127.41.0.0/33']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid target "127.41.0.0/33"');
    const tooMany = await runCli(['discover', '127.0.0.0/12']);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain('--allow-large');
  });
});
