import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import {
  baseEntry,
  installationKind,
  launchCommand,
  type InstallationKind,
} from './installation.js';
import { entryPoint, switchCurrent } from './release-install.js';
import {
  readUpdateState,
  rollbackReason,
  rolledBack,
  supersededByBase,
  withStart,
  writeUpdateState,
  type RollbackRules,
} from './update-state.js';

/** Set for the `run` a supervisor starts: updates are installed only then. */
export const SUPERVISED_ENV = 'PRINTBEAT_AGENT_SUPERVISED';

/** `run`'s exit status asking to be started again at once: a new release is in place. */
export const EXIT_RESTART = 75;

export type SupervisorOptions = {
  dataDir: string;
  /** Arguments after `run` (data dir, config) passed to each start. */
  runArguments: string[];
  rules: () => Promise<RollbackRules>;
  /** The version of the installation the supervisor runs from (what `current` null means). */
  baseVersion: string;
  log: Logger;
  /** The base installation's entry point (default: the one this supervisor runs from). */
  baseEntry?: string;
  /** How releases are installed and started (default: as this process is installed). */
  kind?: InstallationKind;
  /** Pause before restarting a release that stopped on its own, doubled per quick stop. */
  restartDelayMs?: { min: number; max: number };
};

/** A run longer than this was not a crash loop: the restart pause starts small again. */
const STABLE_RUN_MS = 60_000;

/**
 * Keeps `printbeat-agent run` of the current release running: starts it, restarts it when it
 * stops, and rolls a newly switched-to release back to the one before it when it keeps
 * stopping or does not reach central in time. Both rules read `<data-dir>/update/state.json`.
 */
export class Supervisor {
  private child: ChildProcess | null = null;
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  async run(signal: AbortSignal): Promise<void> {
    const onAbort = () => {
      this.stopping = true;
      this.child?.kill('SIGTERM');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const delays = this.options.restartDelayMs ?? { min: 1_000, max: 30_000 };
    let delay = delays.min;
    try {
      while (!this.stopping) {
        const entry = await this.prepareStart();
        const startedAt = Date.now();
        const code = await this.runOnce(entry);
        if (this.stopping) break;
        if (code === EXIT_RESTART) {
          delay = delays.min;
          continue;
        }
        delay = Date.now() - startedAt > STABLE_RUN_MS ? delays.min : delay;
        this.options.log.warn({ code, restartInMs: delay }, 'agent stopped; restarting');
        await sleep(delay, signal);
        delay = Math.min(delay * 2, delays.max);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Rolls back when due, counts the start of a pending release, and names what to start. */
  private async prepareStart(): Promise<string> {
    const { dataDir, log, baseVersion } = this.options;
    let state = await readUpdateState(dataDir);
    const replaced = supersededByBase(state, baseVersion);
    if (replaced) {
      log.info(
        { release: state.current, base: baseVersion },
        'the installation is newer than the updated release: starting the installation',
      );
      state = replaced;
      await switchCurrent(dataDir, null);
    }
    const why = rollbackReason(state, new Date(), await this.options.rules());
    if (why && state.pending) {
      log.error({ version: state.pending.version, ...why }, 'rolling back to the previous release');
      state = rolledBack(state, why, new Date(), baseVersion);
      await switchCurrent(dataDir, state.current);
    }
    if (state.pending) state = withStart(state, new Date());
    await writeUpdateState(dataDir, state);
    const base = this.options.baseEntry ?? baseEntry(this.kind);
    const entry = entryPoint(dataDir, state.current, base, this.kind);
    if (existsSync(entry)) return entry;
    log.error({ entry }, 'release entry point missing; starting the base installation');
    return base;
  }

  private get kind(): InstallationKind {
    return this.options.kind ?? installationKind();
  }

  private runOnce(entry: string): Promise<number> {
    const launch = launchCommand(entry, ['run', ...this.options.runArguments], this.kind);
    const child = spawn(launch.command, launch.args, {
      stdio: 'inherit',
      env: { ...process.env, [SUPERVISED_ENV]: '1' },
    });
    this.child = child;
    this.options.log.info({ pid: child.pid, entry }, 'agent started');
    const deadline = setInterval(() => {
      this.checkContactDeadline(child).catch((error: unknown) =>
        this.options.log.warn({ err: String(error) }, 'rollback deadline not checked'),
      );
    }, 1_000);
    return new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        clearInterval(deadline);
        this.child = null;
        resolve(code ?? (signal ? 128 : 1));
      });
      child.once('error', (error) => {
        this.options.log.error({ err: error.message }, 'agent could not be started');
      });
    });
  }

  /** A pending release past its time to reach central is stopped; the next start rolls back. */
  private async checkContactDeadline(child: ChildProcess): Promise<void> {
    const state = await readUpdateState(this.options.dataDir);
    const why = rollbackReason(state, new Date(), await this.options.rules());
    if (why?.code === 'NO_CONTACT' && this.child === child) {
      this.options.log.error({ ...why }, 'stopping the new release');
      child.kill('SIGTERM');
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
