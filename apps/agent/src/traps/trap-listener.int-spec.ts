import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildFleetSpec, startFleet, type Fleet } from '@printbeat/printer-sim';
import pino from 'pino';
import type { DecodedTrap } from './decoded-trap.js';
import { DEFAULT_SENDER_LIMITS } from './sender-limiter.js';
import { TrapListener, type TrapListenerOptions } from './trap-listener.js';
import { trapScope } from './trap-scope.js';

// Real UDP on loopback: simulated printers (tools/printer-sim) send RFC 3805 alert traps to a
// real TrapListener. Two printers are in scope, the third is not.
const SNMP_PORT = 42_210;
const IN_SCOPE = '127.62.13.1';
const ALSO_IN_SCOPE = '127.62.13.2';
const STRANGER = '127.62.13.3';
const V3 = {
  name: 'trapops',
  authProtocol: 'sha256',
  authKey: 'trap-auth-key',
  privProtocol: 'aes',
  privKey: 'trap-priv-key',
} as const;

describe('TrapListener with the printer simulator (real UDP)', () => {
  let fleet: Fleet;
  const listeners: TrapListener[] = [];
  let received: Array<{ address: string; trap: DecodedTrap }>;

  async function listen(overrides: Partial<TrapListenerOptions> = {}): Promise<TrapListener> {
    const listener = new TrapListener({
      port: 0,
      address: '127.0.0.1',
      credentials: {
        communities: ['public'],
        v3: {
          version: '3',
          user: V3.name,
          auth: { protocol: V3.authProtocol, key: V3.authKey },
          priv: { protocol: V3.privProtocol, key: V3.privKey },
        },
      },
      scope: () => trapScope(['127.62.13.1-127.62.13.2'], []),
      limits: DEFAULT_SENDER_LIMITS,
      onPrinterTrap: (address, trap) => received.push({ address, trap }),
      log: pino({ level: 'silent' }),
      ...overrides,
    });
    listeners.push(listener);
    expect(await listener.start()).toBe(true);
    return listener;
  }

  const portOf = (listener: TrapListener): number =>
    Number(listener.stats.listening!.split(':')[1]);

  async function until(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    fleet = await startFleet({
      printers: buildFleetSpec({
        count: 3,
        firstAddress: IN_SCOPE,
        fixtures: ['printmaster/kyocera_p2040_snmp.json'],
        v3Users: [V3],
      }),
      snmpPort: SNMP_PORT,
      rawPort: false,
      controlPort: false,
    });
  });

  afterAll(async () => {
    await Promise.all(listeners.map((l) => l.stop()));
    await fleet.stop();
  });

  beforeEach(() => {
    received = [];
    for (const p of fleet.printers) for (const kind of p.activeErrors()) p.clearError(kind);
  });

  it('takes an SNMPv2c printerV2Alert from a printer in scope and names its alert', async () => {
    const listener = await listen();
    fleet.printer(IN_SCOPE).injectError('jam');
    const target = { host: '127.0.0.1', port: portOf(listener), version: '2c' as const };
    expect(await fleet.sendTrap(IN_SCOPE, { target })).toBe(1);
    await until(() => received.length === 1, 'the v2c trap');
    expect(received[0]).toMatchObject({
      address: IN_SCOPE,
      trap: {
        version: '2c',
        kind: 'trap',
        notificationOid: '1.3.6.1.2.1.43.18.2.0.1',
        printerAlert: { severity: 'critical', group: 'mediaPath', code: 'jam' },
      },
    });
    expect(listener.stats).toMatchObject({ accepted: 1, lastAcceptedFrom: IN_SCOPE });
  });

  it('takes an SNMPv1 printerV1Alert trap and an SNMPv3 authPriv one', async () => {
    const listener = await listen();
    fleet.printer(IN_SCOPE).injectError('tonerEmpty');
    const port = portOf(listener);
    await fleet.sendTrap(IN_SCOPE, { target: { host: '127.0.0.1', port, version: '1' } });
    await until(() => received.length === 1, 'the v1 trap');
    await fleet.sendTrap(IN_SCOPE, {
      target: { host: '127.0.0.1', port, version: '3', user: V3.name },
    });
    await until(() => received.length === 2, 'the v3 trap');
    expect(received.map((r) => [r.trap.version, r.trap.printerAlert?.code])).toEqual([
      ['1', 'markerTonerEmpty'],
      ['3', 'markerTonerEmpty'],
    ]);
    expect(received.every((r) => r.trap.notificationOid === '1.3.6.1.2.1.43.18.2.0.1')).toBe(true);
  });

  it('sends the trap by itself when an error is injected in a fleet with a trap target', async () => {
    const listener = await listen({ scope: () => trapScope(['127.62.13.20'], []) });
    const own = await startFleet({
      printers: buildFleetSpec({ count: 1, firstAddress: '127.62.13.20' }),
      snmpPort: SNMP_PORT,
      rawPort: false,
      controlPort: false,
      trapTarget: { host: '127.0.0.1', port: portOf(listener), version: '2c' },
    });
    try {
      own.printer('127.62.13.20').injectError('doorOpen');
      await until(() => received.length === 1, 'the automatic trap');
      expect(received[0]).toMatchObject({
        address: '127.62.13.20',
        trap: { printerAlert: { group: 'cover', code: 'doorOpen' } },
      });
    } finally {
      await own.stop();
    }
  });

  it('counts and drops a wrong community, a wrong v3 key and a sender out of scope', async () => {
    const listener = await listen();
    const port = portOf(listener);
    for (const address of [IN_SCOPE, ALSO_IN_SCOPE, STRANGER])
      fleet.printer(address).injectError('offline');
    await fleet.sendTrap(IN_SCOPE, {
      target: { host: '127.0.0.1', port, version: '2c', community: 'guess' },
    });
    await fleet.sendTrap(STRANGER, { target: { host: '127.0.0.1', port, version: '2c' } });
    const wrongKey = await listen({
      credentials: {
        communities: [],
        v3: {
          version: '3',
          user: V3.name,
          auth: { protocol: 'sha256', key: 'not-the-auth-key' },
          priv: { protocol: 'aes', key: V3.privKey },
        },
      },
    });
    await fleet.sendTrap(ALSO_IN_SCOPE, {
      target: { host: '127.0.0.1', port: portOf(wrongKey), version: '3', user: V3.name },
    });
    await until(
      () => listener.stats.badCredentials === 1 && listener.stats.outOfScope === 1,
      'the drops',
    );
    await until(() => wrongKey.stats.badCredentials === 1, 'the wrong v3 key');
    expect(received).toEqual([]);
    expect(listener.stats.accepted).toBe(0);
  });

  it('lets a trap storm through only at the sender rate', async () => {
    const listener = await listen({
      limits: { ...DEFAULT_SENDER_LIMITS, burst: 2, perSenderPerMinute: 1 },
    });
    fleet.printer(IN_SCOPE).injectError('paperOut');
    const target = { host: '127.0.0.1', port: portOf(listener), version: '2c' as const };
    for (let i = 0; i < 20; i++) await fleet.sendTrap(IN_SCOPE, { target });
    await until(() => listener.stats.accepted + listener.stats.rateLimited === 20, 'the storm');
    expect(listener.stats).toMatchObject({ accepted: 2, rateLimited: 18 });
    expect(received).toHaveLength(2);
  });

  // Net-SNMP's snmptrap (Debian `snmp`, see ensure-system-deps) as an independent sender.
  it('takes a printerV2Alert sent by Net-SNMP snmptrap (an independent sender)', async () => {
    const listener = await listen({ scope: () => trapScope(['127.62.13.9'], []) });
    await promisify(execFile)('snmptrap', [
      '-v',
      '2c',
      '-c',
      'public',
      '--clientaddr=127.62.13.9',
      `127.0.0.1:${portOf(listener)}`,
      '',
      '1.3.6.1.2.1.43.18.2.0.1',
      '1.3.6.1.2.1.43.18.1.1.2.1.9',
      'i',
      '3',
      '1.3.6.1.2.1.43.18.1.1.4.1.9',
      'i',
      '13',
      '1.3.6.1.2.1.43.18.1.1.7.1.9',
      'i',
      '8',
    ]);
    await until(() => received.length === 1, 'the snmptrap trap');
    expect(received[0]).toMatchObject({
      address: '127.62.13.9',
      trap: {
        version: '2c',
        printerAlert: { hrDeviceIndex: 1, alertIndex: 9, group: 'mediaPath', code: 'jam' },
      },
    });
  });

  it('acknowledges SNMPv2c and SNMPv3 informs sent by Net-SNMP snmpinform', async () => {
    const listener = await listen({ scope: () => trapScope(['127.62.13.9'], []) });
    const common = ['--clientaddr=127.62.13.9', '-t', '2', '-r', '1'];
    const notification = ['', '1.3.6.1.6.3.1.1.5.1'];
    const target = `127.0.0.1:${portOf(listener)}`;
    // snmpinform exits 0 only once the listener has answered the inform.
    await promisify(execFile)('snmpinform', [
      ...['-v', '2c', '-c', 'public', ...common, target, ...notification],
    ]);
    await promisify(execFile)('snmpinform', [
      ...['-v', '3', '-l', 'authPriv', '-u', V3.name, '-a', 'SHA-256', '-A', V3.authKey],
      ...['-x', 'AES', '-X', V3.privKey, ...common, target, ...notification],
    ]);
    await until(() => received.length === 2, 'both informs');
    expect(received.map((r) => [r.trap.version, r.trap.kind, r.trap.notificationOid])).toEqual([
      ['2c', 'inform', '1.3.6.1.6.3.1.1.5.1'],
      ['3', 'inform', '1.3.6.1.6.3.1.1.5.1'],
    ]);
  });

  it('reports a port it cannot bind instead of failing', async () => {
    const first = await listen();
    const second = new TrapListener({
      port: portOf(first),
      address: '127.0.0.1',
      credentials: { communities: ['public'], v3: null },
      scope: () => trapScope([], []),
      limits: DEFAULT_SENDER_LIMITS,
      onPrinterTrap: () => undefined,
      log: pino({ level: 'silent' }),
    });
    expect(await second.start()).toBe(false);
    expect(second.stats.listening).toBeNull();
    expect(second.stats.error).toMatch(/cannot bind udp 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
  });
});
