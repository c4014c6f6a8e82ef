import {
  agentHealthProblems,
  DEFAULT_AGENT_HEALTH_THRESHOLDS,
  versionBehindProblem,
} from './agent-health.js';

const healthy = {
  diskFreeBytes: 20 * 1024 ** 3,
  spoolPendingFiles: 1,
  spoolOldestPendingSeconds: 600,
  collectionPrinters: 10,
  collectionAnswered: 9,
};
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('agentHealthProblems', () => {
  it('finds nothing in a healthy agent, or in one that reports nothing', () => {
    expect(agentHealthProblems(healthy, 4)).toEqual([]);
    expect(agentHealthProblems(null, null)).toEqual([]);
    expect(agentHealthProblems({}, 0)).toEqual([]);
  });

  it('names a low disk with the free space and the threshold', () => {
    const [problem] = agentHealthProblems({ ...healthy, diskFreeBytes: 120 * 1024 ** 2 }, 0);
    expect(problem).toEqual({
      code: 'AGENT_DISK_LOW',
      severity: 'WARNING',
      message: 'Disk almost full: 120 MiB free where the agent keeps its data (below 500 MiB)',
    });
    const atThreshold = { ...healthy, diskFreeBytes: DEFAULT_AGENT_HEALTH_THRESHOLDS.diskLowBytes };
    expect(agentHealthProblems(atThreshold, 0)).toEqual([]);
  });

  it('sees a spool backlog older than two days', () => {
    const stuck = { ...healthy, spoolPendingFiles: 31, spoolOldestPendingSeconds: 50 * 3600 };
    expect(agentHealthProblems(stuck, 0)).toEqual([
      {
        code: 'AGENT_SPOOL_BACKLOG',
        severity: 'WARNING',
        message: 'Uploads not getting through: 31 waiting, the oldest for 50 h',
      },
    ]);
    expect(agentHealthProblems({ ...healthy, spoolOldestPendingSeconds: 47 * 3600 }, 0)).toEqual(
      [],
    );
  });

  it('sees a clock off either way beyond the threshold', () => {
    expect(agentHealthProblems(healthy, 301)[0]?.message).toBe(
      'Agent clock ahead of central by 301 s (more than 300 s)',
    );
    expect(agentHealthProblems(healthy, -900)[0]?.message).toBe(
      'Agent clock behind central by 900 s (more than 300 s)',
    );
    expect(agentHealthProblems(healthy, -300)).toEqual([]);
    const strict = { ...DEFAULT_AGENT_HEALTH_THRESHOLDS, clockOffsetSeconds: 60 };
    expect(codes(agentHealthProblems(healthy, 61, strict))).toEqual(['AGENT_CLOCK_OFF']);
  });

  it('sees a collection where fewer than half the printers answered', () => {
    const failing = { ...healthy, collectionPrinters: 10, collectionAnswered: 4 };
    expect(agentHealthProblems(failing, 0)).toEqual([
      {
        code: 'AGENT_COLLECTION_FAILING',
        severity: 'WARNING',
        message: 'Collection failing: 4 of 10 printers answered the last collection',
      },
    ]);
    expect(agentHealthProblems({ ...failing, collectionAnswered: 5 }, 0)).toEqual([]);
    expect(
      agentHealthProblems({ ...failing, collectionPrinters: 0, collectionAnswered: 0 }, 0),
    ).toEqual([]);
  });

  it('reports every problem at once', () => {
    const bad = {
      diskFreeBytes: 0,
      spoolPendingFiles: 400,
      spoolOldestPendingSeconds: 9 * 86400,
      collectionPrinters: 3,
      collectionAnswered: 0,
    };
    expect(codes(agentHealthProblems(bad, 3600))).toEqual([
      'AGENT_DISK_LOW',
      'AGENT_SPOOL_BACKLOG',
      'AGENT_CLOCK_OFF',
      'AGENT_COLLECTION_FAILING',
    ]);
  });
});

describe('versionBehindProblem', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  it('waits a day after the offer began before calling an agent behind', () => {
    expect(versionBehindProblem('1.2.0', { version: '1.3.0', dueSince: hoursAgo(23) }, now)).toBe(
      null,
    );
    expect(
      versionBehindProblem('1.2.0', { version: '1.3.0', dueSince: hoursAgo(30) }, now),
    ).toEqual({
      code: 'AGENT_VERSION_BEHIND',
      severity: 'WARNING',
      message: 'Agent runs 1.2.0, its update target 1.3.0 has been offered for 30 h',
    });
  });

  it('finds nothing when no update is due, the agent is on target, or its version is unknown', () => {
    expect(versionBehindProblem('1.2.0', null, now)).toBe(null);
    expect(versionBehindProblem('1.3.0', { version: '1.3.0', dueSince: hoursAgo(99) }, now)).toBe(
      null,
    );
    expect(versionBehindProblem(null, { version: '1.3.0', dueSince: hoursAgo(99) }, now)).toBe(
      null,
    );
  });

  it('says why the last attempt did not take, and honours a shorter threshold', () => {
    const strict = { ...DEFAULT_AGENT_HEALTH_THRESHOLDS, versionBehindSeconds: 3600 };
    const problem = versionBehindProblem(
      '1.3.0',
      { version: '1.2.0', dueSince: hoursAgo(2) },
      now,
      "updates are switched off in the agent's local settings",
      strict,
    );
    expect(problem?.message).toBe(
      "Agent runs 1.3.0, its update target 1.2.0 has been offered for 2 h; last update attempt: updates are switched off in the agent's local settings",
    );
  });
});
