import { describe, expect, it } from 'vitest';
import { isBadReport, targetText, updateReportText } from './release-text';

const report = {
  __typename: 'AgentUpdateReport' as const,
  id: 'r1',
  fromVersion: '1.0.0',
  toVersion: '1.1.0',
  code: 'CRASHED',
  reason: 'crashed 3 times within 60 s',
  at: '2026-12-07T10:00:00Z',
};

describe('updateReportText', () => {
  it('words each outcome with its reason', () => {
    expect(updateReportText({ ...report, outcome: 'INSTALLED' })).toBe(
      'Updated from 1.0.0 to 1.1.0',
    );
    expect(updateReportText({ ...report, outcome: 'ROLLED_BACK' })).toBe(
      'Rolled back from 1.1.0 to 1.0.0: crashed 3 times within 60 s',
    );
    expect(updateReportText({ ...report, outcome: 'REFUSED', reason: 'bad signature' })).toBe(
      'Refused 1.1.0: bad signature',
    );
    expect(isBadReport({ ...report, outcome: 'INSTALLED' })).toBe(false);
    expect(isBadReport({ ...report, outcome: 'FAILED' })).toBe(true);
  });
});

describe('targetText', () => {
  const base = { targetVersion: '1.1.0', offered: false, downgrade: false, reason: null };
  it('says whether the target is running, offered, or why not', () => {
    expect(targetText({ ...base, targetVersion: null }, '1.0.0')).toBe('No target');
    expect(targetText(base, '1.1.0')).toBe('Target 1.1.0 (running it)');
    expect(targetText({ ...base, offered: true }, '1.0.0')).toBe('Target 1.1.0: update offered');
    expect(targetText({ ...base, offered: true, downgrade: true }, '2.0.0')).toBe(
      'Target 1.1.0: downgrade offered',
    );
    expect(
      targetText({ ...base, reason: 'staged rollout of 1.1.0 at 50%: not in it yet' }, '1.0.0'),
    ).toBe('Target 1.1.0: not offered — staged rollout of 1.1.0 at 50%: not in it yet');
  });
});
