import { jest } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSnapshot, parseWalk } from '@printbeat/printer-mib';
import { startFleet, type Fleet } from '@printbeat/printer-sim';
import { fileDigest, installRelease, switchCurrent } from '../update/release-install.js';
import { checkArtifact, verifyManifest } from '../update/release-manifest.js';
import { releasePlatform } from '../update/installation.js';
import { EMPTY_STATE, writeUpdateState } from '../update/update-state.js';
import type { PollJson } from './poll.format.js';

// The agent as one executable (Node's single executable applications), built once for this file
// by tools/release/build.mjs --sea from this checkout, then run on its own: from an empty
// directory, against the printer simulator over real UDP SNMP on loopback.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const VERSION = '3.2.1-sea.1';
const PORT = 41_310;
const PRINTER = { address: '127.43.7.1', fixture: 'printmaster/kyocera_p2040_snmp.json' };

type Run = { code: number; stdout: string; stderr: string };

function runFile(file: string, args: string[], cwd: string, timeout = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd, timeout, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

jest.setTimeout(120_000);

describe('printbeat-agent as a single executable', () => {
  const work = mkdtempSync(join(tmpdir(), 'pb-sea-'));
  const outDir = join(work, 'releases');
  const elsewhere = join(work, 'elsewhere');
  const binary = join(outDir, `printbeat-agent-${VERSION}-${process.platform}-${process.arch}`);
  const manifestPath = join(
    outDir,
    `printbeat-agent-${VERSION}-${process.platform}-${process.arch}-sea.manifest.jws`,
  );
  let fleet: Fleet;

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
    execFileSync(process.execPath, ['tools/release/keygen.mjs', '--out', join(work, 'key')], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    execFileSync(
      process.execPath,
      [
        'tools/release/build.mjs',
        '--version',
        VERSION,
        '--key',
        join(work, 'key/release.key'),
        '--out',
        outDir,
        '--sea',
      ],
      { cwd: ROOT, stdio: 'pipe', timeout: 170_000 },
    );
    execFileSync('mkdir', ['-p', elsewhere]);
    fleet = await startFleet({
      printers: [PRINTER],
      snmpPort: PORT,
      rawPort: false,
      controlPort: false,
    });
  }, 180_000);

  afterAll(async () => {
    await fleet?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('is one executable file beside the tarball and says the release version', async () => {
    expect(
      existsSync(
        join(outDir, `printbeat-agent-${VERSION}-${process.platform}-${process.arch}.tar.gz`),
      ),
    ).toBe(true);
    const run = await runFile(binary, ['--version'], elsewhere);
    expect(run).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('polls the simulated printer from an empty directory, as the decoded walk says', async () => {
    const run = await runFile(binary, ['poll', `${PRINTER.address}:${PORT}`, '--json'], elsewhere);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as PollJson;
    const path = join(ROOT, 'fixtures/snmp', PRINTER.fixture);
    const expected = decodeSnapshot(parseWalk(path, readFileSync(path, 'utf8')));
    expect(json).toMatchObject({ address: PRINTER.address, port: PORT, reachable: true });
    expect({ ...json.identity, uptimeSeconds: 0 }).toEqual({
      ...expected.identity,
      uptimeSeconds: 0,
    });
    expect(json.counters).toEqual(expected.counters);
  });

  it('doctor: FAIL for the missing enrollment, OK for the printer, exit 2', async () => {
    const run = await runFile(
      binary,
      ['doctor', '--data-dir', join(work, 'no-agent'), '--printer', `${PRINTER.address}:${PORT}`],
      elsewhere,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^FAIL enrollment +no identity in /m);
    expect(run.stdout).toMatch(
      new RegExp(`^OK +printer +${PRINTER.address.replaceAll('.', '\\.')}:${PORT}: KYOCERA`, 'm'),
    );
  });

  it('its signed manifest is the one the updater accepts for a single-executable agent', async () => {
    const publicKey = readFileSync(join(work, 'key/release.pub.pem'), 'utf8');
    const platform = releasePlatform('single-executable');
    expect(platform).toBe(`${process.platform}-${process.arch}-sea`);
    const manifest = await verifyManifest(readFileSync(manifestPath, 'utf8'), publicKey, {
      version: VERSION,
      platform,
    });
    expect(() => checkArtifact(manifest, { ...manifest, sha256: '0'.repeat(64) })).toThrow(
      /tampered or corrupt/,
    );
    expect(checkArtifact(manifest, await fileDigest(binary))).toBeUndefined();
    await expect(
      verifyManifest(readFileSync(manifestPath, 'utf8'), publicKey, {
        version: VERSION,
        platform: releasePlatform('node'),
      }),
    ).rejects.toMatchObject({ code: 'WRONG_PLATFORM' });
  });

  it('installed by the updater into versions/, it is what supervise starts', async () => {
    const dataDir = join(work, 'agent');
    await installRelease(dataDir, VERSION, binary, 'single-executable');
    const installed = join(dataDir, 'versions', VERSION, 'printbeat-agent');
    expect(await runFile(installed, ['--version'], elsewhere)).toMatchObject({
      code: 0,
      stdout: `${VERSION}\n`,
    });
    await switchCurrent(dataDir, VERSION);
    await writeUpdateState(dataDir, { ...EMPTY_STATE, current: VERSION });
    // Not enrolled: each `run` stops at once and the supervisor restarts it; stopped by timeout.
    const run = await runFile(binary, ['supervise', '--data-dir', dataDir], elsewhere, 3_000);
    const started = run.stderr
      .split('\n')
      .filter((line) => line.includes('"agent started"'))
      .map((line) => (JSON.parse(line) as { entry: string }).entry);
    expect(started[0]).toBe(installed);
    expect(run.stderr).toContain('[NOT_ENROLLED]');
  });
});
