import type { VarBind } from '@printbeat/printer-mib';
import { createFallbackClientFactory, FallbackSnmpClient } from './credential-fallback.js';
import type { SnmpClient, SnmpCredentials, SnmpTarget } from './snmp-client.js';
import { SnmpError } from './snmp.errors.js';

const TARGET: SnmpTarget = { host: '127.30.0.1', port: 16100 };
const SYS_DESCR: VarBind = {
  oid: '1.3.6.1.2.1.1.1.0',
  type: 'OctetString',
  value: new TextEncoder().encode('printer'),
};
const v3 = (user: string): SnmpCredentials => ({ version: '3', user });

/** A device that answers only `answers` and fails the others as the real client does. */
function fakeDevice(answers: string, failure: SnmpError) {
  const opened: string[] = [];
  const closed: string[] = [];
  const open = (_target: SnmpTarget, credentials: SnmpCredentials): SnmpClient => {
    const name = credentials.version === '3' ? credentials.user : credentials.community;
    opened.push(name);
    const request = () =>
      name === answers ? Promise.resolve([SYS_DESCR]) : Promise.reject(failure);
    return {
      target: TARGET,
      get: request,
      getNext: request,
      walk: request,
      walkAll: request,
      close: () => closed.push(name),
    };
  };
  return { open, opened, closed };
}

const authFailed = new SnmpError('SNMP_AUTH_FAILED', 'unknown user');

describe('FallbackSnmpClient', () => {
  it('goes past a refused v3 user to the next one and keeps the one that answered', async () => {
    const device = fakeDevice('right', authFailed);
    const client = new FallbackSnmpClient(
      TARGET,
      [v3('wrong'), v3('right'), v3('spare')],
      device.open,
    );
    await expect(client.get([SYS_DESCR.oid])).resolves.toEqual([SYS_DESCR]);
    await expect(client.walk('1.3.6.1.2.1.43')).resolves.toEqual([SYS_DESCR]);
    expect(device.opened).toEqual(['wrong', 'right']);
    expect(device.closed).toEqual(['wrong']);
    expect(client.chosenIndex).toBe(1);
    client.close();
    expect(device.closed).toEqual(['wrong', 'right']);
  });

  it('goes past a silent community (timeout) too', async () => {
    const device = fakeDevice('site', new SnmpError('SNMP_TIMEOUT', 'no answer'));
    const client = new FallbackSnmpClient(
      TARGET,
      [
        { version: '2c', community: 'public' },
        { version: '2c', community: 'site' },
      ],
      device.open,
    );
    await expect(client.get([SYS_DESCR.oid])).resolves.toEqual([SYS_DESCR]);
    expect(client.chosenIndex).toBe(1);
  });

  it('stops at an answer that is not about credentials, and reports the last failure when none answers', async () => {
    const malformed = new SnmpError('SNMP_MALFORMED_RESPONSE', 'garbage');
    const garbled = fakeDevice('nobody', malformed);
    const first = new FallbackSnmpClient(TARGET, [v3('a'), v3('b')], garbled.open);
    await expect(first.get([SYS_DESCR.oid])).rejects.toBe(malformed);
    expect(garbled.opened).toEqual(['a']);

    const silentAfterRefusal = fakeDevice('nobody', authFailed);
    const mixed = new FallbackSnmpClient(
      TARGET,
      [v3('a'), { version: '2c', community: 'public' }],
      (target, credentials) =>
        credentials.version === '3'
          ? silentAfterRefusal.open(target, credentials)
          : fakeDevice('x', new SnmpError('SNMP_TIMEOUT', 'no answer')).open(target, credentials),
    );
    await expect(mixed.get([SYS_DESCR.oid])).rejects.toBe(authFailed);

    const refusing = fakeDevice('nobody', authFailed);
    const all = new FallbackSnmpClient(TARGET, [v3('a'), v3('b'), v3('c')], refusing.open);
    await expect(all.get([SYS_DESCR.oid])).rejects.toBe(authFailed);
    expect(refusing.opened).toEqual(['a', 'b', 'c']);
  });
});

describe('createFallbackClientFactory', () => {
  it("uses the target's own list before the batch's, and a plain client for a list of one", async () => {
    const device = fakeDevice('own', authFailed);
    const factory = createFallbackClientFactory({
      credentials: [v3('batch')],
      open: device.open,
      close: () => undefined,
    });
    const plain = factory.create(TARGET);
    expect(plain).not.toBeInstanceOf(FallbackSnmpClient);
    await expect(plain.get([SYS_DESCR.oid])).rejects.toBe(authFailed);
    const own = factory.create({ ...TARGET, credentials: [v3('first'), v3('own')] });
    await expect(own.get([SYS_DESCR.oid])).resolves.toEqual([SYS_DESCR]);
    expect(device.opened).toEqual(['batch', 'first', 'own']);
  });
});
