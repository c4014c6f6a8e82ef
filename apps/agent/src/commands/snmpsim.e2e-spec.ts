import { jest } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeSnapshot,
  isPrinter,
  parseWalk,
  compareOids,
  PRINTER_DETECTION_OIDS,
  PRINTER_PRESENCE_NEXT_OIDS,
  type VarBind,
} from '@printbeat/printer-mib';
import { listFixtureFiles } from '../../../../libs/printer-mib/src/test-support/fixtures.js';
import { startFleet, type Fleet } from '@printbeat/printer-sim';
import { startSnmpsim, type Snmpsim } from '../../../../tools/testing/snmpsim.js';
import type { DiscoveredDevice } from '../discovery/discover.js';
import type { PollJson } from './poll.format.js';

// The built CLI against two independent SNMP agents serving the same real walks: Debian's
// snmpsim (Python, pysnmp) and the project's own simulator (net-snmp based). What the agent
// reads must not depend on whose SNMP stack answers.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CLI = join(ROOT, 'apps/agent/bin/printbeat-agent.js');
const PORT = 42_610;
const SNMPSIM_NET = '127.42.61';
const PRINTER_SIM_NET = '127.42.62';

/** Every walk in fixtures/snmp, each on its own address. */
const FIXTURES = listFixtureFiles();
const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0';

function walkOf(fixture: string): VarBind[] {
  const path = join(ROOT, 'fixtures/snmp', fixture);
  return parseWalk(path, readFileSync(path, 'utf8'));
}

/** What discovery's GET and its one GETNEXT read from a device serving this walk. */
function detectionEvidence(walk: VarBind[]): VarBind[] {
  const asked = new Set<string>(PRINTER_DETECTION_OIDS);
  const sorted = [...walk].sort((a, b) => compareOids(a.oid, b.oid));
  const next = PRINTER_PRESENCE_NEXT_OIDS.map((oid) =>
    sorted.find((varbind) => compareOids(varbind.oid, oid) > 0),
  );
  return [
    ...walk.filter((varbind) => asked.has(varbind.oid)),
    ...next.filter((varbind): varbind is VarBind => varbind !== undefined),
  ];
}

/**
 * A poll picks the vendor's private OIDs by sysObjectID, which every SNMP agent answers. The
 * captures without it are not whole answers of a device (bieniu/brother's decoded maps, the
 * LibreNMS files for SNMP context `Jetdirect`): those are compared with the project's
 * simulator only, not with a decode of the whole file.
 */
const WHOLE_DEVICE_FIXTURES = FIXTURES.filter((fixture) =>
  walkOf(fixture).some((varbind) => varbind.oid === SYS_OBJECT_ID),
);

const hostOf = (net: string, index: number) => `${net}.${index + 1}`;
const SNMPSIM_WALKS = FIXTURES.map((fixture, index) => ({
  address: hostOf(SNMPSIM_NET, index),
  fixture,
}));

type CliRun = { code: number; stdout: string; stderr: string };

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const lastHost = (net: string) =>
  hostOf(net, FIXTURES.length - 1)
    .split('.')
    .pop();

async function pollRange(net: string): Promise<PollJson[]> {
  const run = await runCli(['poll', `${net}.1-${lastHost(net)}`, '--port', String(PORT), '--json']);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as PollJson[];
}

/**
 * snmpsim answers one request at a time in one Python thread; on a loaded 2-core machine a
 * burst of first contacts outlasts a short timeout, so the sweep is paced.
 */
async function discoverRange(net: string): Promise<{ run: CliRun; devices: DiscoveredDevice[] }> {
  const run = await runCli([
    'discover',
    `${net}.1-${lastHost(net)}`,
    '--port',
    String(PORT),
    '--json',
    '--concurrency',
    '8',
    '--timeout',
    '3000',
    '--retries',
    '2',
  ]);
  return { run, devices: JSON.parse(run.stdout) as DiscoveredDevice[] };
}

/** A reading with the parts that differ by design left out: address, and uptime (the walk's vs. a live clock). */
function comparable(reading: PollJson) {
  const { address: _address, identity, ...rest } = reading;
  return { ...rest, identity: identity && { ...identity, uptimeSeconds: 0 } };
}

jest.setTimeout(180_000);

describe('printbeat-agent poll and discover against Debian snmpsim serving the real walks', () => {
  let snmpsim: Snmpsim;
  let fleet: Fleet;
  let fromSnmpsim: PollJson[];
  let fromPrinterSim: PollJson[];

  beforeAll(async () => {
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
    [snmpsim, fleet] = await Promise.all([
      startSnmpsim(SNMPSIM_WALKS, { port: PORT }),
      startFleet({
        printers: FIXTURES.map((fixture, index) => ({
          address: hostOf(PRINTER_SIM_NET, index),
          fixture,
        })),
        snmpPort: PORT,
        rawPort: false,
        controlPort: false,
      }),
    ]);
    [fromSnmpsim, fromPrinterSim] = await Promise.all([
      pollRange(SNMPSIM_NET),
      pollRange(PRINTER_SIM_NET),
    ]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([snmpsim?.stop(), fleet?.stop()]);
  });

  it('polls every walk through snmpsim', () => {
    expect(fromSnmpsim.map((reading) => reading.address)).toEqual(
      SNMPSIM_WALKS.map((walk) => walk.address),
    );
    for (const reading of fromSnmpsim) {
      expect({
        address: reading.address,
        reachable: reading.reachable,
        error: reading.error,
      }).toEqual({
        address: reading.address,
        reachable: true,
        error: undefined,
      });
    }
  });

  it.each(FIXTURES.map((fixture, index) => ({ fixture, index })))(
    '$fixture: snmpsim and the project simulator give the same reading',
    ({ index }) => {
      expect(comparable(fromSnmpsim[index]!)).toEqual(comparable(fromPrinterSim[index]!));
    },
  );

  it.each(WHOLE_DEVICE_FIXTURES)(
    '%s: identity, counters and supplies read through snmpsim equal the decoded walk',
    (fixture) => {
      const expected = decodeSnapshot(walkOf(fixture));
      const reading = fromSnmpsim[FIXTURES.indexOf(fixture)]!;
      expect(reading.identity).toEqual(expected.identity);
      expect(reading.counters).toEqual(expected.counters);
      expect(reading.supplies).toEqual(
        expected.supplies.map(({ index: _index, ...supply }) => supply),
      );
    },
  );

  it('discover over the loopback range finds the same devices as on the project simulator', async () => {
    const bySnmpsim = await discoverRange(SNMPSIM_NET);
    const byPrinterSim = await discoverRange(PRINTER_SIM_NET);
    expect(bySnmpsim.run.code).toBe(0);
    const hostIndex = (device: DiscoveredDevice) => device.address.split('.').pop();
    const shape = (devices: DiscoveredDevice[]) =>
      devices.map((device) => ({ ...device, address: hostIndex(device) }));
    expect(shape(bySnmpsim.devices)).toEqual(shape(byPrinterSim.devices));
    expect(bySnmpsim.devices.map((device) => device.address)).toEqual(
      SNMPSIM_WALKS.map((walk) => walk.address),
    );
    FIXTURES.forEach((fixture, index) => {
      const answered = detectionEvidence(walkOf(fixture));
      expect({ fixture, isPrinter: bySnmpsim.devices[index]?.isPrinter }).toEqual({
        fixture,
        isPrinter: isPrinter(answered),
      });
    });
    expect(bySnmpsim.run.stderr).toContain(`${FIXTURES.length} addresses scanned`);
  });
});
