import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { netSnmp as snmp } from '../snmp/net-snmp.js';
import { parseWalk } from '@printbeat/printer-mib';
import type { V3User } from '../model/sim-printer.js';
import { fixturesDir } from './fixtures.js';
import { buildFleetSpec, startFleet, type Fleet } from './fleet.js';
import { execFile, execFileSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';

// Real UDP/TCP on loopback, queried with net-snmp's manager as an independent client.
// Random high ports, so two runs on one machine (other helpers, CI shards) do not collide.
const SNMP_PORT = 30_000 + Math.floor(Math.random() * 10_000) * 3;
const RAW_PORT = SNMP_PORT + 1;
const SCALE_PORT = SNMP_PORT + 2;
const KYOCERA = 'printmaster/kyocera_p2040_snmp.json';
const TASKALFA = 'printmaster/parse_debug_172_52_105_95.json';
const A = '127.10.200.1'; // Kyocera ECOSYS P2040dw (mono)
const B = '127.10.200.2'; // Kyocera TASKalfa 6052ci (colour)
const C = '127.10.200.3'; // Sharp MX-3570N

const USERS: V3User[] = [
  {
    name: 'ops256',
    authProtocol: 'sha256',
    authKey: 'auth-pass-256',
    privProtocol: 'aes',
    privKey: 'priv-pass-aes',
  },
  {
    name: 'opssha',
    authProtocol: 'sha',
    authKey: 'auth-pass-sha',
    privProtocol: 'aes256r',
    privKey: 'priv-pass-256r',
  },
  {
    name: 'opsmd5',
    authProtocol: 'md5',
    authKey: 'auth-pass-md5',
    privProtocol: 'des',
    privKey: 'priv-pass-des',
  },
  {
    name: 'ops512',
    authProtocol: 'sha512',
    authKey: 'auth-pass-512',
    privProtocol: 'aes256b',
    privKey: 'priv-pass-256b',
  },
];

// OpenSSL 3 ships DES only in its legacy provider (node --openssl-legacy-provider).
const desAvailable = ((): boolean => {
  try {
    createCipheriv('des-cbc', Buffer.alloc(8), Buffer.alloc(8));
    return true;
  } catch {
    return false;
  }
})();

const hasCTools = ((): boolean => {
  try {
    execFileSync('snmpbulkwalk', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { timeout: 20000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) =>
      err ? reject(new Error(err.message)) : resolve(stdout),
    ),
  );
}

type Varbind = { oid: string; type: number; value: unknown };
type Session = ReturnType<typeof snmp.createSession>;

function call<T>(fn: (cb: (err: Error | null, v: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));
}

const v1 = (address: string): Session =>
  snmp.createSession(address, 'public', {
    port: SNMP_PORT,
    version: snmp.Version1,
    timeout: 1500,
    retries: 0,
  });
const v2 = (address: string, timeout = 1500): Session =>
  snmp.createSession(address, 'public', {
    port: SNMP_PORT,
    version: snmp.Version2c,
    timeout,
    retries: 0,
  });
const v3 = (address: string, user: V3User, keys: Partial<V3User> = {}): Session =>
  snmp.createV3Session(
    address,
    {
      name: user.name,
      level: snmp.SecurityLevel.authPriv!,
      authProtocol: snmp.AuthProtocols[user.authProtocol]!,
      authKey: keys.authKey ?? user.authKey,
      privProtocol: snmp.PrivProtocols[user.privProtocol]!,
      privKey: keys.privKey ?? user.privKey,
    },
    { port: SNMP_PORT, timeout: 1500, retries: 0 },
  );

const get = (s: Session, oids: string[]): Promise<Varbind[]> => call((cb) => s.get(oids, cb));
const num = async (s: Session, oid: string): Promise<number> =>
  Number((await get(s, [oid]))[0]!.value);
const text = async (s: Session, oid: string): Promise<string> =>
  String((await get(s, [oid]))[0]!.value);

function fixtureValue(fixture: string, oid: string): string {
  const vb = parseWalk(fixture, readFileSync(join(fixturesDir(), fixture), 'utf8')).find(
    (v) => v.oid === oid,
  );
  if (!vb) throw new Error(`${oid} not in ${fixture}`);
  return vb.type === 'OctetString' ? Buffer.from(vb.value).toString('latin1') : String(vb.value);
}

function lastOid(fixture: string): string {
  const all = parseWalk(fixture, readFileSync(join(fixturesDir(), fixture), 'utf8'));
  return all[all.length - 1]!.oid;
}

function sendRawJob(address: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port: RAW_PORT }, () => socket.end(body));
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

describe('printer fleet over real UDP SNMP', () => {
  let fleet: Fleet;
  const sessions: Session[] = [];
  const open = (s: Session): Session => {
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    fleet = await startFleet({
      printers: [
        { address: A, fixture: KYOCERA, v3Users: USERS },
        { address: B, fixture: TASKALFA, v3Users: USERS },
        { address: C, fixture: 'librenms/sharp.snmprec', community: 'sharp-ro' },
      ],
      snmpPort: SNMP_PORT,
      rawPort: RAW_PORT,
      controlPort: 0,
      rebootSilenceMs: 400,
      cartridgeYieldPages: 1000,
    });
  });

  afterAll(async () => {
    for (const s of sessions) s.close();
    await fleet.stop();
  });

  it('answers v1 GET with the fixture values and noSuchName for a missing OID', async () => {
    const s = open(v1(A));
    const [descr, life] = await get(s, ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.43.10.2.1.4.1.1']);
    expect(String(descr!.value)).toBe(fixtureValue(KYOCERA, '1.3.6.1.2.1.1.1.0'));
    expect(String(descr!.value)).toBe('KYOCERA Document Solutions Printing System');
    expect(life!.value).toBe(7432);
    await expect(get(s, ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.99.0'])).rejects.toMatchObject({
      status: snmp.ErrorStatus.NoSuchName,
    });
  });

  it('answers v2c with noSuchObject / noSuchInstance and uses the per-printer community', async () => {
    const vbs = await get(open(v2(A)), [
      '1.3.6.1.2.1.1.1.0',
      '1.3.6.1.2.1.1.1.7',
      '1.3.6.1.4.1.99999.1.0',
    ]);
    expect(vbs.map((v) => v.type)).toEqual([
      snmp.ObjectType.OctetString,
      snmp.ObjectType.NoSuchInstance,
      snmp.ObjectType.NoSuchObject,
    ]);
    const sharp = open(
      snmp.createSession(C, 'sharp-ro', {
        port: SNMP_PORT,
        version: snmp.Version2c,
        timeout: 1500,
        retries: 0,
      }),
    );
    expect(await text(sharp, '1.3.6.1.2.1.1.1.0')).toBe('SHARP MX-3570N');
    await expect(get(open(v2(C)), ['1.3.6.1.2.1.1.1.0'])).rejects.toThrow(/timed out/i);
  });

  it('GETNEXT past the last OID returns endOfMibView; a v2c walk returns the whole fixture', async () => {
    const s = open(v2(A));
    const [end] = await call<Varbind[]>((cb) => s.getNext([lastOid(KYOCERA)], cb));
    expect(end!.type).toBe(snmp.ObjectType.EndOfMibView);
    const walked: string[] = [];
    await call<void>((cb) =>
      s.subtree(
        '1.3.6.1.2.1.43.11.1.1.9',
        20,
        (vbs) => walked.push(...vbs.map((v) => v.oid)),
        (e) => cb(e, undefined),
      ),
    );
    expect(walked).toEqual(['1.3.6.1.2.1.43.11.1.1.9.1.1', '1.3.6.1.2.1.43.11.1.1.9.1.2']);
  });

  it('GETBULK with non-repeaters > 0 returns max-repetitions rows (not one fewer)', async () => {
    const s = open(v2(B));
    const out = await call<(Varbind | Varbind[])[]>((cb) =>
      s.getBulk(
        ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.43.11.1.1.6', '1.3.6.1.2.1.43.11.1.1.9'],
        1,
        4,
        cb,
      ),
    );
    expect((out[0] as Varbind).oid).toBe('1.3.6.1.2.1.1.2.0');
    // net-snmp's manager groups the repetitions per repeater: one column of 4 each.
    const columns = out.slice(1) as Varbind[][];
    expect(columns.map((c) => c.map((v) => v.oid))).toEqual([
      [1, 2, 3, 4].map((i) => `1.3.6.1.2.1.43.11.1.1.6.1.${i}`),
      [1, 2, 3, 4].map((i) => `1.3.6.1.2.1.43.11.1.1.9.1.${i}`),
    ]);
    expect(columns[1]!.map((v) => v.value)).toEqual([8400, 17400, 11800, 3300]);
  });

  it.each(USERS.filter((u) => u.privProtocol !== 'des' || desAvailable))(
    'answers SNMPv3 authPriv for $name ($authProtocol/$privProtocol)',
    async (user) => {
      const s = open(v3(B, user));
      const [descr, level] = await get(s, [
        '1.3.6.1.2.1.25.3.2.1.3.1',
        '1.3.6.1.2.1.43.11.1.1.9.1.1',
      ]);
      expect(String(descr!.value)).toBe(fixtureValue(TASKALFA, '1.3.6.1.2.1.25.3.2.1.3.1'));
      expect(typeof level!.value).toBe('number');
    },
  );

  it('refuses SNMPv3 with a wrong key or unknown user', async () => {
    await expect(
      get(open(v3(A, USERS[0]!, { authKey: 'wrong-auth-key' })), ['1.3.6.1.2.1.1.1.0']),
    ).rejects.toThrow();
    await expect(
      get(open(v3(A, { ...USERS[0]!, name: 'nobody' })), ['1.3.6.1.2.1.1.1.0']),
    ).rejects.toThrow();
  });

  it('advances counters after print() and moves the vendor counters with them', async () => {
    const s = open(v2(B));
    const oids = [
      '1.3.6.1.2.1.43.10.2.1.4.1.1',
      '1.3.6.1.4.1.1347.43.10.1.1.12.1.1',
      '1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1',
      '1.3.6.1.4.1.1347.42.3.1.2.1.1.1.3',
    ];
    const before = (await get(s, oids)).map((v) => Number(v.value));
    fleet.printer(B).print(40);
    fleet.printer(B).print(10, { color: true });
    const after = (await get(s, oids)).map((v) => Number(v.value));
    expect(after.map((v, i) => v - before[i]!)).toEqual([50, 50, 40, 10]);
    expect(fleet.printer(B).counters).toMatchObject({ total: 50, mono: 40, color: 10 });
  });

  it('lets toner fall with pages and jump back on replaceCartridge', async () => {
    const s = open(v2(A));
    const level = '1.3.6.1.2.1.43.11.1.1.9.1.1';
    const max = await num(s, '1.3.6.1.2.1.43.11.1.1.8.1.1');
    const before = await num(s, level);
    fleet.printer(A).print(100);
    const after = await num(s, level);
    expect(after).toBe(before - (max * 100) / 1000);
    fleet.printer(A).replaceCartridge('black');
    expect(await num(s, level)).toBe(max);
  });

  it('shows an injected jam in the error bits, status and alert table, and clears it', async () => {
    const s = open(v2(A));
    fleet.printer(A).injectError('jam');
    const [device, printer, bits] = await get(s, [
      '1.3.6.1.2.1.25.3.2.1.5.1',
      '1.3.6.1.2.1.25.3.5.1.1.1',
      '1.3.6.1.2.1.25.3.5.1.2.1',
    ]);
    expect([device!.value, printer!.value]).toEqual([5, 1]);
    expect(((bits!.value as Buffer)[0] ?? 0) & 0x04).toBe(0x04);
    const codes: Varbind[] = [];
    await call<void>((cb) =>
      s.subtree(
        '1.3.6.1.2.1.43.18.1.1.7',
        10,
        (vbs) => codes.push(...vbs),
        (e) => cb(e, undefined),
      ),
    );
    // The walk's own alerts (indexes 2, 23, 24), then the jam (jam = 8) after them.
    expect(codes.map((v) => [v.oid, v.value])).toEqual([
      ['1.3.6.1.2.1.43.18.1.1.7.1.2', 503],
      ['1.3.6.1.2.1.43.18.1.1.7.1.23', 1001],
      ['1.3.6.1.2.1.43.18.1.1.7.1.24', 1001],
      ['1.3.6.1.2.1.43.18.1.1.7.1.25', 8],
    ]);
    fleet.printer(A).clearError('jam');
    expect(await num(s, '1.3.6.1.2.1.25.3.5.1.1.1')).toBe(3);
    const [gone] = await get(s, ['1.3.6.1.2.1.43.18.1.1.7.1.25']);
    expect(gone!.type).toBe(snmp.ObjectType.NoSuchInstance);
  });

  it('a silent printer times out; a slow one answers late', async () => {
    const p = fleet.printer(C);
    const s = open(
      snmp.createSession(C, 'sharp-ro', {
        port: SNMP_PORT,
        version: snmp.Version2c,
        timeout: 600,
        retries: 0,
      }),
    );
    p.setSilent(true);
    await expect(get(s, ['1.3.6.1.2.1.1.1.0'])).rejects.toThrow(/timed out/i);
    p.setSilent(false);
    p.setDelay(250);
    const t0 = Date.now();
    await get(s, ['1.3.6.1.2.1.1.1.0']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
    p.setDelay(0);
  });

  it('counts a raw 9100 job as a job and as pages printed', async () => {
    const p = fleet.printer(A);
    const jobs = p.rawJobsReceived;
    const total = p.counters.total;
    await sendRawJob(A, 'Printbeat test page\r\n\fsecond page\r\n\f');
    await new Promise((r) => setTimeout(r, 50));
    expect(p.rawJobsReceived).toBe(jobs + 1);
    expect(p.counters.total).toBe(total + 2);
  });

  it('reboots on SET prtGeneralReset: silent briefly, then uptime restarts', async () => {
    const s = open(v2(A, 300));
    const uptimeBefore = await num(s, '1.3.6.1.2.1.1.3.0');
    expect(uptimeBefore).toBeGreaterThan(181301465 - 1);
    await expect(
      call<Varbind[]>((cb) =>
        s.set([{ oid: '1.3.6.1.2.1.1.5.0', type: snmp.ObjectType.OctetString!, value: 'x' }], cb),
      ),
    ).rejects.toMatchObject({ status: snmp.ErrorStatus.NotWritable });
    await call<Varbind[]>((cb) =>
      s.set([{ oid: '1.3.6.1.2.1.43.5.1.1.3.1', type: snmp.ObjectType.Integer!, value: 4 }], cb),
    );
    await expect(get(s, ['1.3.6.1.2.1.1.3.0'])).rejects.toThrow(/timed out/i);
    await new Promise((r) => setTimeout(r, 400));
    const uptimeAfter = await num(s, '1.3.6.1.2.1.1.3.0');
    expect(uptimeAfter).toBeLessThan(100); // hundredths of a second since the reboot
  });

  it('is driven through the HTTP control API', async () => {
    const base = `http://127.0.0.1:${fleet.controlPort}`;
    const post = (path: string, body?: unknown): Promise<Response> =>
      fetch(`${base}${path}`, {
        method: 'POST',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const before = fleet.printer(C).counters.total;
    expect((await post(`/printers/${C}/print`, { pages: 12 })).status).toBe(200);
    expect(fleet.printer(C).counters.total).toBe(before + 12);
    expect((await post(`/printers/${C}/errors/paperOut`)).status).toBe(200);
    expect(fleet.printer(C).activeErrors()).toEqual(['paperOut']);
    expect((await post(`/printers/${C}/clear/paperOut`)).status).toBe(200);
    expect(fleet.printer(C).activeErrors()).toEqual([]);
    expect((await post(`/printers/${C}/errors/onfire`)).status).toBe(400);
    expect((await post(`/printers/127.99.0.1/print`, { pages: 1 })).status).toBe(404);
    const list = (await (await fetch(`${base}/printers`)).json()) as { address: string }[];
    expect(list.map((p) => p.address)).toEqual([A, B, C]);
  });

  // Debian's net-snmp C tools, an implementation independent of the Node one, when installed.
  (hasCTools ? it : it.skip)(
    'serves net-snmp C tools: full bulk walk, v3 get, bulk get',
    async () => {
      const walk = await run('snmpbulkwalk', [
        '-v2c',
        '-c',
        'public',
        '-On',
        '-Oq',
        '-Cr25',
        `${A}:${SNMP_PORT}`,
        '.1',
      ]);
      const oids = walk
        .split('\n')
        .filter((l) => l.startsWith('.1.') && !l.includes('No more variables'))
        .map((l) => l.split(' ')[0]!.slice(1));
      const model = fleet.printer(A).model;
      expect(oids).toEqual(model.oids);
      const user = USERS[0]!;
      const v3get = await run('snmpget', [
        ...[
          '-v3',
          '-l',
          'authPriv',
          '-u',
          user.name,
          '-a',
          'SHA-256',
          '-A',
          user.authKey,
          '-x',
          'AES',
          '-X',
          user.privKey,
        ],
        ...['-On', '-Oq', `${B}:${SNMP_PORT}`, '.1.3.6.1.2.1.43.11.1.1.8.1.1'],
      ]);
      expect(v3get.trim()).toBe('.1.3.6.1.2.1.43.11.1.1.8.1.1 20000');
      const bulk = await run('snmpbulkget', [
        ...['-v2c', '-c', 'public', '-On', '-Oq', '-Cn1', '-Cr3', `${B}:${SNMP_PORT}`],
        ...['.1.3.6.1.2.1.1.1.0', '.1.3.6.1.2.1.43.11.1.1.8'],
      ]);
      expect(
        bulk
          .trim()
          .split('\n')
          .map((l) => l.split(' ')[0]),
      ).toEqual([
        '.1.3.6.1.2.1.1.2.0',
        '.1.3.6.1.2.1.43.11.1.1.8.1.1',
        '.1.3.6.1.2.1.43.11.1.1.8.1.2',
        '.1.3.6.1.2.1.43.11.1.1.8.1.3',
      ]);
    },
  );

  it('refuses to bind anything but loopback', async () => {
    await expect(
      startFleet({
        printers: [{ address: '10.0.0.5', fixture: KYOCERA }],
        snmpPort: SNMP_PORT + 1,
        rawPort: false,
      }),
    ).rejects.toMatchObject({ code: 'PRINTER_SIM_NOT_LOOPBACK' });
  });
});

describe('fleet scale', () => {
  it('binds 10,000 printers in one process and a sample of them answers', async () => {
    const fleet = await startFleet({
      printers: buildFleetSpec({ count: 10000, firstAddress: '127.60.0.1' }),
      snmpPort: SCALE_PORT,
      rawPort: false,
    });
    try {
      expect(fleet.printers).toHaveLength(10000);
      const sample = fleet.printers.filter((_, i) => i % 97 === 0);
      const answers = await Promise.all(
        sample.map(async (p) => {
          const s = snmp.createSession(p.address, 'public', {
            port: SCALE_PORT,
            version: snmp.Version2c,
            timeout: 3000,
            retries: 1,
          });
          try {
            return String((await get(s, ['1.3.6.1.2.1.1.1.0']))[0]!.value).length > 0;
          } finally {
            s.close();
          }
        }),
      );
      expect(answers.every(Boolean)).toBe(true);
      expect(answers.length).toBeGreaterThan(100);
    } finally {
      await fleet.stop();
    }
  }, 60_000);
});
