import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { netSnmp as snmp, type Varbind } from './snmp/net-snmp.js';

// The built CLI as a child process: `start` serves a fleet, `ctl` drives it over the control API.
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(PACKAGE, '../..');
const BIN = join(PACKAGE, 'bin/printer-sim.js');
const PORT = 30_000 + Math.floor(Math.random() * 10_000) * 3;
const CONTROL = PORT + 1;
const FIRST = '127.10.210.1';

function ctl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'ctl', '--control-port', String(CONTROL), ...args],
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

function snmpGet(address: string, oid: string): Promise<Varbind> {
  const session = snmp.createSession(address, 'public', {
    port: PORT,
    version: snmp.Version2c,
    timeout: 2000,
    retries: 1,
  });
  return new Promise((resolve, reject) =>
    session.get([oid], (err, vbs) => {
      session.close();
      if (err) reject(err);
      else resolve(vbs[0]!);
    }),
  );
}

describe('printer-sim CLI', () => {
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    // The CLI runs from dist: bring it up to date. Type errors in a referenced package that is
    // being worked on must not stop this test as long as this package's files were emitted.
    try {
      const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
      execFileSync(process.execPath, [tsc, '-b', 'tools/printer-sim'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch (error) {
      const detail = String((error as { stdout?: unknown }).stdout ?? error);
      process.stderr.write(`tsc -b tools/printer-sim reported errors:\n${detail}\n`);
    }
    expect(existsSync(join(PACKAGE, 'dist/cli.js'))).toBe(true);
    child = spawn(process.execPath, [
      BIN,
      'start',
      ...['--count', '2', '--first', FIRST, '--port', String(PORT), '--no-raw'],
      ...['--control-port', String(CONTROL), '--fixtures', 'printmaster/kyocera_p2040_snmp.json'],
    ]);
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (!output.includes('printers') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
  }, 120_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts a fleet and reports where it listens', () => {
    expect(output).toContain(
      `printer-sim: 2 printers ${FIRST}..127.10.210.2, SNMP udp/${PORT}, raw off`,
    );
  });

  it('prints, injects and clears errors through ctl, visible over SNMP', async () => {
    const life = '1.3.6.1.2.1.43.10.2.1.4.1.1';
    const before = Number((await snmpGet(FIRST, life)).value);
    const printed = await ctl('print', FIRST, '7');
    expect(printed.code).toBe(0);
    expect((JSON.parse(printed.stdout) as { counters: { total: number } }).counters.total).toBe(7);
    expect(Number((await snmpGet(FIRST, life)).value)).toBe(before + 7);

    expect((await ctl('error', FIRST, 'doorOpen')).code).toBe(0);
    const bits = (await snmpGet(FIRST, '1.3.6.1.2.1.25.3.5.1.2.1')).value as Buffer;
    expect(bits[0]! & 0x08).toBe(0x08);
    expect((await ctl('clear', FIRST, 'doorOpen')).code).toBe(0);

    const bad = await ctl('error', FIRST, 'meltdown');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown error kind/);
  }, 60_000);

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('printer-sim: stopped');
  });
});
