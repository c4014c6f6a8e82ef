import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSnapshot, isPrinter, parseWalk, type Identity } from '@printbeat/printer-mib';
import { startFleet, type Fleet } from '@printbeat/printer-sim';
import { pollMany } from '../polling/poll-many.js';
import type { PollResult } from '../polling/poll-result.js';
import { discover, type DiscoveredDevice } from './discover.js';

// Every walk in fixtures/snmp served by the project's simulator over real UDP on loopback;
// `discover` and `poll` run over the same addresses and must name each printer alike, and as
// printer-mib names the whole walk (whose values fixture-expectations.ts pins to sources).

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/snmp');
const PORT = 42_311;
const CREDENTIALS = { version: '2c', community: 'public' } as const;

const FILES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'licenses')
  .flatMap((entry) =>
    readdirSync(join(FIXTURES, entry.name))
      .filter((file) => /\.(snmprec|walk|json)$/.test(file))
      .map((file) => `${entry.name}/${file}`),
  )
  .sort();
const PRINTERS = FILES.map((fixture, i) => ({
  address: `127.43.${Math.floor(i / 250)}.${(i % 250) + 1}`,
  fixture,
}));

type Named = Pick<
  Identity,
  'manufacturer' | 'model' | 'serial' | 'mac' | 'firmware' | 'hostname' | 'sysObjectId' | 'sysDescr'
>;
const named = (identity: Named): Named => ({
  manufacturer: identity.manufacturer,
  model: identity.model,
  serial: identity.serial,
  mac: identity.mac,
  firmware: identity.firmware,
  hostname: identity.hostname,
  sysObjectId: identity.sysObjectId,
  sysDescr: identity.sysDescr,
});

function walkOf(fixture: string) {
  return parseWalk(fixture, readFileSync(join(FIXTURES, fixture), 'utf8'));
}

describe('discover and poll over the same simulated walks', () => {
  let fleet: Fleet;
  const discovered = new Map<string, DiscoveredDevice>();
  const polled = new Map<string, PollResult>();

  beforeAll(async () => {
    fleet = await startFleet({
      printers: PRINTERS,
      snmpPort: PORT,
      rawPort: false,
      controlPort: false,
    });
    const targets = PRINTERS.map((printer) => ({ host: printer.address, port: PORT }));
    const options = {
      credentials: CREDENTIALS,
      sourceAddress: '127.0.0.1',
      timeoutMs: 3000,
      retries: 2,
      concurrency: 16,
    };
    const discovery = await discover(targets, options);
    for (const device of discovery.devices) discovered.set(device.address, device);
    const poll = await pollMany(targets, options);
    for (const result of poll.results) polled.set(result.address, result);
  }, 240_000);

  afterAll(async () => {
    await fleet?.stop();
  });

  it('serves every fixture walk', () => {
    expect(PRINTERS.length).toBeGreaterThan(80);
    expect(discovered.size).toBe(PRINTERS.length);
    expect(polled.size).toBe(PRINTERS.length);
  });

  it.each(PRINTERS)('$fixture: the same printer decision and identity', ({ address, fixture }) => {
    const device = discovered.get(address);
    const result = polled.get(address);
    const walk = walkOf(fixture);
    expect(device?.isPrinter).toBe(isPrinter(walk));
    expect(result).toMatchObject({ reachable: true });
    expect(result?.error).toBeUndefined();
    if (!device?.isPrinter || !result?.identity) return;
    expect(device.reason).toBeUndefined();
    expect(named(device)).toEqual(named(result.identity));
    expect(named(result.identity)).toEqual(named(decodeSnapshot(walk).identity));
  });

  it('finds and polls the Xerox AltaLink that serves only supplies and the system group', () => {
    const altaLink = PRINTERS.find((printer) => printer.fixture === 'librenms/xerox.snmprec');
    const device = discovered.get(altaLink?.address ?? '');
    expect(device).toMatchObject({
      isPrinter: true,
      manufacturer: 'Xerox',
      model: 'AltaLink C8045',
    });
    const supplies = polled.get(altaLink?.address ?? '')?.supplies ?? [];
    expect(supplies).toHaveLength(12);
    expect(supplies[0]).toMatchObject({ type: 'toner', color: 'black', percent: 20 });
  });
});
