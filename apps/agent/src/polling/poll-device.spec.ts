import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeSnapshot,
  IDENTITY_PROBE_OIDS,
  parseWalk,
  pollPlan,
  type VarBind,
} from '@printbeat/printer-mib';
import { SnmpError } from '../snmp/snmp.errors.js';
import { pollDevice } from './poll-device.js';
import { pollMany } from './poll-many.js';
import { WalkBackedClient, walkBackedFactory } from './test-support/walk-backed-client.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/snmp');
const walk = (fixture: string): VarBind[] =>
  parseWalk(fixture, readFileSync(join(FIXTURES, fixture), 'utf8'));
const KYOCERA = walk('printmaster/kyocera_p2040_snmp.json');
const SHARP = walk('librenms/sharp.snmprec');
const target = { host: '127.20.0.1', port: 161 };

describe('pollDevice', () => {
  it('probes identity, then fetches the plan: scalars not yet known and all subtrees in one walkAll', async () => {
    const client = new WalkBackedClient(target, SHARP);
    const result = await pollDevice(client);

    const probe = SHARP.filter((varBind) => IDENTITY_PROBE_OIDS.includes(varBind.oid));
    const plan = pollPlan(probe);
    expect(client.calls.map((call) => call.method)).toEqual(['get', 'get', 'walkAll']);
    expect(client.calls[0]?.oids).toEqual([...IDENTITY_PROBE_OIDS]);
    expect(client.calls[1]?.oids).toEqual(
      plan.scalars.filter((oid) => !probe.some((varBind) => varBind.oid === oid)),
    );
    expect(client.calls[2]?.oids).toEqual(plan.subtrees);

    const expected = decodeSnapshot(SHARP);
    expect(result).toMatchObject({ address: '127.20.0.1', port: 161, reachable: true });
    expect(result.error).toBeUndefined();
    expect(result.identity).toEqual(expected.identity);
    expect(result.counters).toEqual(expected.counters);
    expect(result.counters?.total).toBe(121_104);
    expect(result.supplies).toEqual(expected.supplies);
  });

  it('is reachable:false with the reason when the identity probe gets no answer', async () => {
    const client = new WalkBackedClient(target, KYOCERA);
    client.failAt = {
      call: 0,
      error: new SnmpError(
        'SNMP_TIMEOUT',
        'no answer from 127.20.0.1:161 within 2000 ms (1 retry)',
      ),
    };
    const result = await pollDevice(client);
    expect(result).toMatchObject({
      reachable: false,
      error: {
        code: 'SNMP_TIMEOUT',
        message: 'no answer from 127.20.0.1:161 within 2000 ms (1 retry)',
      },
      identity: null,
      counters: null,
      supplies: [],
    });
  });

  it('gives no partial reading when the device fails part-way through', async () => {
    const client = new WalkBackedClient(target, KYOCERA);
    client.failAt = {
      call: 2,
      error: new SnmpError(
        'SNMP_MALFORMED_RESPONSE',
        '127.20.0.1:161 sent an answer that cannot be decoded',
      ),
    };
    const result = await pollDevice(client);
    expect(result).toMatchObject({
      reachable: true,
      error: { code: 'SNMP_MALFORMED_RESPONSE' },
      identity: null,
      counters: null,
      supplies: [],
      alerts: [],
    });
  });

  it('reports an unexpected exception as POLL_FAILED instead of throwing', async () => {
    const client = new WalkBackedClient(target, KYOCERA);
    client.failAt = { call: 1, error: new TypeError('boom') as unknown as SnmpError };
    await expect(pollDevice(client)).resolves.toMatchObject({
      reachable: true,
      error: { code: 'POLL_FAILED', message: 'boom' },
    });
  });
});

describe('pollMany', () => {
  it('keeps target order, closes every client and reports silent hosts as unreachable', async () => {
    const factory = walkBackedFactory({ '127.20.0.1': KYOCERA, '127.20.0.3': SHARP });
    const seen: string[] = [];
    const { results } = await pollMany(
      [1, 2, 3].map((host) => ({ host: `127.20.0.${host}`, port: 161 })),
      {
        credentials: { version: '2c', community: 'public' },
        clientFactory: factory,
        concurrency: 2,
        onResult: (result) => seen.push(result.address),
      },
    );
    expect(
      results.map((result) => [
        result.address,
        result.reachable,
        result.identity?.manufacturer ?? null,
      ]),
    ).toEqual([
      ['127.20.0.1', true, 'Kyocera'],
      ['127.20.0.2', false, null],
      ['127.20.0.3', true, 'Sharp'],
    ]);
    expect(seen.sort()).toEqual(['127.20.0.1', '127.20.0.2', '127.20.0.3']);
    expect(factory.clients.every((client) => client.closed)).toBe(true);
  });

  it('turns a failed host-name lookup into an unreachable result', async () => {
    const { results } = await pollMany([{ host: 'printer.invalid', port: 161 }], {
      credentials: { version: '2c', community: 'public' },
      clientFactory: walkBackedFactory({}),
      resolver: (host) =>
        Promise.reject(
          Object.assign(new Error(`cannot resolve ${host}`), { code: 'HOST_LOOKUP_FAILED' }),
        ),
    });
    expect(results[0]).toMatchObject({
      address: 'printer.invalid',
      reachable: false,
      error: { message: 'cannot resolve printer.invalid' },
    });
  });
});
