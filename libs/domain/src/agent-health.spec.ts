import { agentHealthProblems, DEFAULT_AGENT_HEALTH_THRESHOLDS } from './agent-health.js';

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
