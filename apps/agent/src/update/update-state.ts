import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { compareVersions } from '@printbeat/domain';

export type UpdateOutcome = 'INSTALLED' | 'ROLLED_BACK' | 'REFUSED' | 'FAILED';

/** One update's outcome as reported to central (`POST /agent/v1/update/report`). */
export type UpdateReport = {
  outcome: UpdateOutcome;
  fromVersion: string;
  toVersion: string;
  /** Refusal or rollback code, e.g. DIGEST_MISMATCH, CRASHED, NO_CONTACT. */
  code: string | null;
  reason: string;
  at: string;
};

/**
 * Which release runs, kept in `<data-dir>/update/state.json`. `current` null means the
 * installation the supervisor itself runs from (the one installed by hand or by package).
 */
export type UpdateState = {
  current: string | null;
  previous: string | null;
  /** Switched to but not yet confirmed by reaching central; each start is counted. */
  pending: {
    version: string;
    /** The release switched from (null: the base installation) and its version number. */
    from: string | null;
    fromVersion?: string;
    switchedAt: string;
    starts: string[];
  } | null;
  /** Outcomes central has not acknowledged yet. */
  unreported: UpdateReport[];
  /** Versions rolled back here: never installed again by this agent. */
  failedVersions: string[];
};

export type RollbackRules = {
  /** More starts than this within `startWindowMs` while pending: the release keeps crashing. */
  maxStarts: number;
  startWindowMs: number;
  /** A pending release that has not reached central after this long is rolled back. */
  confirmWithinMs: number;
};

export const EMPTY_STATE: UpdateState = {
  current: null,
  previous: null,
  pending: null,
  unreported: [],
  failedVersions: [],
};

export const stateFile = (dataDir: string): string => join(dataDir, 'update', 'state.json');

export async function readUpdateState(dataDir: string): Promise<UpdateState> {
  try {
    const saved = JSON.parse(await readFile(stateFile(dataDir), 'utf8')) as Partial<UpdateState>;
    return { ...EMPTY_STATE, ...saved };
  } catch {
    return { ...EMPTY_STATE };
  }
}

let writes = 0;
export async function writeUpdateState(dataDir: string, state: UpdateState): Promise<void> {
  const path = stateFile(dataDir);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${++writes}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
}

/** Why a pending release must give way to the previous one now, or null. */
export function rollbackReason(
  state: UpdateState,
  now: Date,
  rules: RollbackRules,
): { code: 'CRASHED' | 'NO_CONTACT'; reason: string } | null {
  const pending = state.pending;
  if (!pending) return null;
  const recent = pending.starts.filter(
    (at) => now.getTime() - Date.parse(at) <= rules.startWindowMs,
  );
  if (recent.length > rules.maxStarts) {
    return {
      code: 'CRASHED',
      reason: `${pending.version} stopped ${recent.length - 1} times within ${Math.round(rules.startWindowMs / 1000)} s without reaching central`,
    };
  }
  if (now.getTime() - Date.parse(pending.switchedAt) > rules.confirmWithinMs) {
    return {
      code: 'NO_CONTACT',
      reason: `${pending.version} did not reach central within ${Math.round(rules.confirmWithinMs / 1000)} s`,
    };
  }
  return null;
}

/** The state after rolling a pending release back to the one it replaced. */
export function rolledBack(
  state: UpdateState,
  why: { code: string; reason: string },
  now: Date,
  baseVersion: string,
): UpdateState {
  const pending = state.pending;
  if (!pending) return state;
  return {
    ...state,
    current: pending.from,
    previous: null,
    pending: null,
    failedVersions: [...new Set([...state.failedVersions, pending.version])],
    unreported: [
      ...state.unreported,
      {
        outcome: 'ROLLED_BACK',
        fromVersion: pending.version,
        toVersion: pending.fromVersion ?? pending.from ?? baseVersion,
        code: why.code,
        reason: why.reason,
        at: now.toISOString(),
      },
    ],
  };
}

/** The state with one more start of the pending release counted. */
export function withStart(state: UpdateState, now: Date): UpdateState {
  if (!state.pending) return state;
  return {
    ...state,
    pending: { ...state.pending, starts: [...state.pending.starts, now.toISOString()].slice(-20) },
  };
}

/**
 * The state once the base installation was replaced by a newer one than the release updates
 * put in `current` (a new package or container image): the base runs again, or null when the
 * current release is still the newest.
 */
export function supersededByBase(state: UpdateState, baseVersion: string): UpdateState | null {
  if (state.current === null || compareVersions(state.current, baseVersion) >= 0) return null;
  return { ...state, current: null, previous: null, pending: null };
}
