import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { netSnmp as snmp, type Varbind } from './snmp/net-snmp.js';
import { readTlv } from './snmp/ber.js';
import { decodeMessage } from './snmp/message.js';

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
  // The trap receiver: a plain UDP socket standing in for the agent's listener.
  const traps: Array<{ message: Buffer; from: string; port: number }> = [];
  const receiver = dgram.createSocket('udp4');

  async function nextTrap(count: number): Promise<{ message: Buffer; from: string; port: number }> {
    const deadline = Date.now() + 5_000;
    while (traps.length < count && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(traps.length).toBe(count);
    return traps[count - 1]!;
  }

  beforeAll(async () => {
    receiver.on('message', (message, rinfo) =>
      traps.push({ message, from: rinfo.address, port: rinfo.port }),
    );
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    const trapPort = receiver.address().port;
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
      ...['--trap-target', `127.0.0.1:${trapPort}`],
    ]);
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (!output.includes('printers') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
  }, 120_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    receiver.close();
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
    traps.length = 0;

    const bad = await ctl('error', FIRST, 'meltdown');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown error kind/);
  }, 60_000);

  it('sends the RFC 3805 alert trap from the printer when an error is injected, and on ctl trap', async () => {
    expect(output).toContain(`traps v2c to 127.0.0.1:${receiver.address().port}`);
    traps.length = 0;
    expect((await ctl('error', FIRST, 'jam')).code).toBe(0);
    const automatic = await nextTrap(1);
    expect([automatic.from, automatic.port]).toEqual([FIRST, PORT]);
    const v2 = decodeMessage(automatic.message);
    expect(v2).toMatchObject({ version: 1, community: 'public', pdu: { type: 0xa7 } });
    const bindings = 'pdu' in v2 ? v2.pdu.varbinds.map((v) => v.arcs.join('.')) : [];
    expect(bindings.slice(0, 2)).toEqual(['1.3.6.1.2.1.1.3.0', '1.3.6.1.6.3.1.1.4.1.0']);
    expect(bindings).toContain('1.3.6.1.2.1.43.18.1.1.7.1.' + bindings[2]!.split('.').pop());

    const again = await ctl('trap', FIRST);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { trapsSent: number }).trapsSent).toBe(1);
    expect((await nextTrap(2)).from).toBe(FIRST);

    const v1 = await ctl(
      'trap',
      FIRST,
      'jam',
      '--to',
      `127.0.0.1:${receiver.address().port}`,
      '--trap-version',
      '1',
    );
    expect(v1.code).toBe(0);
    // SNMPv1 message: SEQUENCE { INTEGER 0, community, Trap-PDU [4] }.
    const message = (await nextTrap(3)).message;
    const outer = readTlv(message, 0);
    const version = readTlv(message, outer.start);
    const community = readTlv(message, version.next);
    expect(message[version.start]).toBe(0);
    expect(readTlv(message, community.next).tag).toBe(0xa4);

    const none = await ctl('trap', '127.10.210.2');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no active error/);
    expect((await ctl('clear', FIRST, 'jam')).code).toBe(0);
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
