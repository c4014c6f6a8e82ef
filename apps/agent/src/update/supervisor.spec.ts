import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { switchCurrent } from './release-install.js';
import { Supervisor } from './supervisor.js';
import { readUpdateState, writeUpdateState, EMPTY_STATE } from './update-state.js';

/** A stand-in entry point: notes each start in `marker`, then runs until stopped. */
const hangingEntry = (marker: string) =>
  `import { appendFileSync } from 'node:fs';
   appendFileSync(${JSON.stringify(marker)}, 'start\\n');
   setInterval(() => {}, 1000);
   process.on('SIGTERM', () => process.exit(0));`;

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Supervisor with real child processes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pb-supervisor-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops a new release that does not reach central in time and rolls back to the base installation', async () => {
    const baseMarker = join(dataDir, 'base.starts');
    const newMarker = join(dataDir, 'new.starts');
    const baseEntry = join(dataDir, 'base', 'bin', 'printbeat-agent.js');
    const newEntry = join(dataDir, 'versions', '2.0.0', 'bin', 'printbeat-agent.js');
    for (const [entry, marker] of [
      [baseEntry, baseMarker],
      [newEntry, newMarker],
    ] as const) {
      mkdirSync(join(entry, '..'), { recursive: true });
      writeFileSync(entry, hangingEntry(marker));
    }
    writeFileSync(join(dataDir, 'package.json'), '{"type":"module"}');
    await switchCurrent(dataDir, '2.0.0');
    await writeUpdateState(dataDir, {
      ...EMPTY_STATE,
      current: '2.0.0',
      pending: {
        version: '2.0.0',
        from: null,
        fromVersion: '1.0.0',
        switchedAt: new Date().toISOString(),
        starts: [],
      },
    });
    const stop = new AbortController();
    const supervisor = new Supervisor({
      dataDir,
      runArguments: [],
      rules: () => Promise.resolve({ maxStarts: 3, startWindowMs: 60_000, confirmWithinMs: 1_500 }),
      baseVersion: '1.0.0',
      baseEntry,
      log: pino({ level: 'silent' }),
      restartDelayMs: { min: 50, max: 100 },
    });
    const running = supervisor.run(stop.signal);
    try {
      await until('the new release to start', () => Promise.resolve(existsSync(newMarker)));
      await until('the rollback', async () => (await readUpdateState(dataDir)).pending === null);
      await until('the base installation to start', () => Promise.resolve(existsSync(baseMarker)));
      const state = await readUpdateState(dataDir);
      expect(state).toMatchObject({
        current: null,
        failedVersions: ['2.0.0'],
        unreported: [
          {
            outcome: 'ROLLED_BACK',
            fromVersion: '2.0.0',
            toVersion: '1.0.0',
            code: 'NO_CONTACT',
            reason: '2.0.0 did not reach central within 2 s',
          },
        ],
      });
      expect(existsSync(join(dataDir, 'current'))).toBe(false);
    } finally {
      stop.abort();
      await running;
    }
  }, 30_000);

  it('starts the base installation when it is newer than the updated release in current', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-supervisor-base-'));
    try {
      const baseMarker = join(dir, 'base.starts');
      const oldMarker = join(dir, 'old.starts');
      const baseEntry = join(dir, 'base', 'bin', 'printbeat-agent.js');
      const oldEntry = join(dir, 'versions', '1.5.0', 'bin', 'printbeat-agent.js');
      for (const [entry, marker] of [
        [baseEntry, baseMarker],
        [oldEntry, oldMarker],
      ] as const) {
        mkdirSync(join(entry, '..'), { recursive: true });
        writeFileSync(entry, hangingEntry(marker));
      }
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      await switchCurrent(dir, '1.5.0');
      await writeUpdateState(dir, { ...EMPTY_STATE, current: '1.5.0', previous: '1.4.0' });
      const stop = new AbortController();
      const running = new Supervisor({
        dataDir: dir,
        runArguments: [],
        rules: () =>
          Promise.resolve({ maxStarts: 3, startWindowMs: 60_000, confirmWithinMs: 60_000 }),
        baseVersion: '2.0.0',
        baseEntry,
        kind: 'node',
        log: pino({ level: 'silent' }),
      }).run(stop.signal);
      try {
        await until('the base installation to start', () =>
          Promise.resolve(existsSync(baseMarker)),
        );
        expect(existsSync(oldMarker)).toBe(false);
        expect(existsSync(join(dir, 'current'))).toBe(false);
        expect(await readUpdateState(dir)).toMatchObject({ current: null, previous: null });
      } finally {
        stop.abort();
        await running;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
