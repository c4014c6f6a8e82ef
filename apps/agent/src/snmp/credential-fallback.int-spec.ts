import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSnapshot, parseWalk } from '@printbeat/printer-mib';
import { fixturesDir, startFleet, type Fleet } from '@printbeat/printer-sim';
import { discover } from '../discovery/discover.js';
import { pollMany } from '../polling/poll-many.js';
import { credentialsList, discoveryTargets } from '../targets/discovery-targets.js';
import type { SnmpCredentials } from './snmp-client.js';

// Ordered credentials over real UDP against the project's simulator, whose printers know one
// SNMPv3 user: a wrong first user (or community) must not stop discovery or polling.

const PORT = 42_620;
const NET = '127.42.70';
const FIXTURE = 'librenms/konica_c250i.snmprec';
const RIGHT = {
  name: 'fleet-ops',
  authProtocol: 'sha256',
  authKey: 'auth-pass-2026',
  privProtocol: 'aes',
  privKey: 'priv-pass-2026',
} as const;
const right: SnmpCredentials = {
  version: '3',
  user: RIGHT.name,
  auth: { protocol: RIGHT.authProtocol, key: RIGHT.authKey },
  priv: { protocol: RIGHT.privProtocol, key: RIGHT.privKey },
  context: '',
};
const wrongUser: SnmpCredentials = { ...right, user: 'former-ops' };
const wrongKey: SnmpCredentials = {
  ...right,
  auth: { protocol: RIGHT.authProtocol, key: 'not-the-key-2026' },
};
// A silent credential costs one timeout; 1.5 s leaves a loaded CI machine time to answer the
// right one (400 ms was once missed under a full run).
const FAST = { timeoutMs: 1_500, retries: 0, sourceAddress: '127.0.0.1' };

jest.setTimeout(60_000);

describe('SNMP credentials tried in order, over real UDP', () => {
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await startFleet({
      printers: [1, 2, 3].map((host) => ({
        address: `${NET}.${host}`,
        fixture: FIXTURE,
        v3Users: [RIGHT],
      })),
      snmpPort: PORT,
      rawPort: false,
      controlPort: false,
    });
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  const expected = () => {
    const path = join(fixturesDir(), FIXTURE);
    return decodeSnapshot(parseWalk(path, readFileSync(path, 'utf8')));
  };

  it('a wrong v3 user alone is refused: the simulator really checks users', async () => {
    const { results } = await pollMany([{ host: `${NET}.1`, port: PORT }], {
      ...FAST,
      credentials: [wrongUser],
    });
    expect(results[0]).toMatchObject({ reachable: false, error: { code: 'SNMP_AUTH_FAILED' } });
  });

  it('discovery goes on to the second v3 user when the first is refused', async () => {
    const { targets } = discoveryTargets([`${NET}.1-3`], PORT);
    const outcome = await discover(targets, { ...FAST, credentials: [wrongUser, right] });
    expect(outcome.devices.map((device) => [device.address, device.isPrinter])).toEqual([
      [`${NET}.1`, true],
      [`${NET}.2`, true],
      [`${NET}.3`, true],
    ]);
    expect(outcome.devices[0]?.serial).toBe(expected().identity.serial);
  });

  it("a range's own list (wrong key, silent community, right user) wins over the defaults", async () => {
    const { targets } = discoveryTargets(
      [
        {
          target: `${NET}.2-3`,
          snmp: [
            { version: '3', user: RIGHT.name, authProtocol: 'sha256', authKey: 'not-the-key-2026' },
            { version: '2c', community: 'not-public' },
            {
              version: '3',
              user: RIGHT.name,
              authProtocol: 'sha256',
              authKey: RIGHT.authKey,
              privProtocol: 'aes',
              privKey: RIGHT.privKey,
            },
          ],
        },
      ],
      PORT,
    );
    const { results } = await pollMany(targets, { ...FAST, credentials: [wrongKey] });
    expect(results.map((result) => [result.address, result.reachable, result.error])).toEqual([
      [`${NET}.2`, true, undefined],
      [`${NET}.3`, true, undefined],
    ]);
    expect(results[0]?.counters).toEqual(expected().counters);
    expect(results[0]?.supplies.map(({ index: _index, ...supply }) => supply)).toEqual(
      expected().supplies.map(({ index: _index, ...supply }) => supply),
    );
  });

  it('credentials built from settings keep the v3 context', () => {
    expect(
      credentialsList([
        {
          version: '3',
          user: 'u',
          authProtocol: 'sha',
          authKey: 'authpass1',
          context: 'Jetdirect',
        },
      ]),
    ).toEqual([
      {
        version: '3',
        user: 'u',
        auth: { protocol: 'sha', key: 'authpass1' },
        context: 'Jetdirect',
      },
    ]);
  });
});
