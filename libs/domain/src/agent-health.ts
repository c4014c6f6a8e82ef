/**
 * Which health problems an agent has, from the facts it reports with every call and the clock
 * offset central measured. Pure: no I/O. Each problem is one open alert per agent and code.
 */
import type { AlertSeverityLevel } from './alerts.js';

/** The facts the rules read; every one optional (older agents report fewer). */
export type AgentHealthFacts = {
  diskFreeBytes?: number | null;
  spoolPendingFiles?: number | null;
  spoolOldestPendingSeconds?: number | null;
  collectionPrinters?: number | null;
  collectionAnswered?: number | null;
  collectionAgeSeconds?: number | null;
};

export type AgentHealthThresholds = {
  /** Below this free space where the data directory lives, the spool may stop taking uploads. */
  diskLowBytes: number;
  /** An upload waiting longer than this: daily uploads are not getting through. */
  spoolBacklogSeconds: number;
  /** The agent's clock off central's beyond this either way: readings are dated wrongly. */
  clockOffsetSeconds: number;
  /** A last collection that read fewer than this share of the printers in scope. */
  collectionAnsweredShare: number;
  /** An agent still not on the release its target offers this long after it became due. */
  versionBehindSeconds: number;
};

export const DEFAULT_AGENT_HEALTH_THRESHOLDS: AgentHealthThresholds = {
  diskLowBytes: 500 * 1024 * 1024,
  spoolBacklogSeconds: 48 * 3600,
  clockOffsetSeconds: 300,
  collectionAnsweredShare: 0.5,
  versionBehindSeconds: 24 * 3600,
};

export type AgentHealthCode =
  | 'AGENT_DISK_LOW'
  | 'AGENT_SPOOL_BACKLOG'
  | 'AGENT_CLOCK_OFF'
  | 'AGENT_COLLECTION_FAILING'
  | 'AGENT_VERSION_BEHIND';

export type AgentHealthProblem = {
  code: AgentHealthCode;
  severity: AlertSeverityLevel;
  message: string;
};

export const AGENT_HEALTH_CODES: readonly AgentHealthCode[] = [
  'AGENT_DISK_LOW',
  'AGENT_SPOOL_BACKLOG',
  'AGENT_CLOCK_OFF',
  'AGENT_COLLECTION_FAILING',
  'AGENT_VERSION_BEHIND',
];

/** The release an agent's update target offers it, and since when it has been offered. */
export type DueUpdate = { version: string; dueSince: Date };

const MIB = 1024 * 1024;

/** The problems these facts show; none for a fact the agent did not report. */
export function agentHealthProblems(
  facts: AgentHealthFacts | null,
  clockOffsetSeconds: number | null,
  thresholds: AgentHealthThresholds = DEFAULT_AGENT_HEALTH_THRESHOLDS,
): AgentHealthProblem[] {
  const problems: AgentHealthProblem[] = [];
  const disk = facts?.diskFreeBytes;
  if (typeof disk === 'number' && disk < thresholds.diskLowBytes)
    problems.push({
      code: 'AGENT_DISK_LOW',
      severity: 'WARNING',
      message: `Disk almost full: ${Math.floor(disk / MIB)} MiB free where the agent keeps its data (below ${Math.floor(thresholds.diskLowBytes / MIB)} MiB)`,
    });
  const oldest = facts?.spoolOldestPendingSeconds;
  if (typeof oldest === 'number' && oldest > thresholds.spoolBacklogSeconds)
    problems.push({
      code: 'AGENT_SPOOL_BACKLOG',
      severity: 'WARNING',
      message: `Uploads not getting through: ${facts?.spoolPendingFiles ?? 'some'} waiting, the oldest for ${hours(oldest)} h`,
    });
  if (clockOffsetSeconds !== null && Math.abs(clockOffsetSeconds) > thresholds.clockOffsetSeconds)
    problems.push({
      code: 'AGENT_CLOCK_OFF',
      severity: 'WARNING',
      message: `Agent clock ${clockOffsetSeconds > 0 ? 'ahead of' : 'behind'} central by ${Math.abs(clockOffsetSeconds)} s (more than ${thresholds.clockOffsetSeconds} s)`,
    });
  const printers = facts?.collectionPrinters;
  const answered = facts?.collectionAnswered;
  if (
    typeof printers === 'number' &&
    typeof answered === 'number' &&
    printers > 0 &&
    answered < printers * thresholds.collectionAnsweredShare
  )
    problems.push({
      code: 'AGENT_COLLECTION_FAILING',
      severity: 'WARNING',
      message: `Collection failing: ${answered} of ${printers} printers answered the last collection`,
    });
  return problems;
}

/**
 * AGENT_VERSION_BEHIND: the agent still runs another version than the one its target offers it,
 * longer than `versionBehindSeconds` after the offer began (the later of the target's last change
 * and the release's publication). `lastRefusal`: why its last update did not take, if it said.
 */
export function versionBehindProblem(
  running: string | null,
  due: DueUpdate | null,
  now: Date,
  lastRefusal: string | null = null,
  thresholds: AgentHealthThresholds = DEFAULT_AGENT_HEALTH_THRESHOLDS,
): AgentHealthProblem | null {
  if (!running || !due || due.version === running) return null;
  const waited = (now.getTime() - due.dueSince.getTime()) / 1000;
  if (waited <= thresholds.versionBehindSeconds) return null;
  const why = lastRefusal ? `; last update attempt: ${lastRefusal}` : '';
  return {
    code: 'AGENT_VERSION_BEHIND',
    severity: 'WARNING',
    message: `Agent runs ${running}, its update target ${due.version} has been offered for ${hours(waited)} h${why}`,
  };
}

function hours(seconds: number): number {
  return Math.floor(seconds / 3600);
}
