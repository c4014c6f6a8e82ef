import {
  EMPTY_STATE,
  rollbackReason,
  rolledBack,
  supersededByBase,
  withStart,
  type UpdateState,
} from './update-state.js';

const rules = { maxStarts: 3, startWindowMs: 600_000, confirmWithinMs: 300_000 };
const switchedAt = new Date('2026-12-07T10:00:00Z');
const pending: UpdateState = {
  ...EMPTY_STATE,
  current: '2.0.0',
  previous: '1.0.0',
  pending: { version: '2.0.0', from: '1.0.0', switchedAt: switchedAt.toISOString(), starts: [] },
};
const at = (seconds: number) => new Date(switchedAt.getTime() + seconds * 1000);

describe('rollback rules of a newly switched-to release', () => {
  it('nothing to roll back without a pending release, or while it is young and starting', () => {
    expect(rollbackReason(EMPTY_STATE, at(10_000), rules)).toBeNull();
    const started = withStart(withStart(pending, at(1)), at(20));
    expect(rollbackReason(started, at(30), rules)).toBeNull();
  });

  it('more starts than allowed within the window: CRASHED', () => {
    let state = pending;
    for (const s of [1, 5, 10, 15]) state = withStart(state, at(s));
    expect(rollbackReason(state, at(16), rules)).toEqual({
      code: 'CRASHED',
      reason: '2.0.0 stopped 3 times within 600 s without reaching central',
    });
  });

  it('not confirmed by reaching central in time: NO_CONTACT', () => {
    expect(rollbackReason(withStart(pending, at(1)), at(301), rules)).toEqual({
      code: 'NO_CONTACT',
      reason: '2.0.0 did not reach central within 300 s',
    });
  });

  it('rolling back returns to the previous release, remembers the failed one and reports why', () => {
    const state = rolledBack(pending, { code: 'NO_CONTACT', reason: 'r' }, at(301), '0.1.0');
    expect(state).toMatchObject({
      current: '1.0.0',
      pending: null,
      failedVersions: ['2.0.0'],
      unreported: [
        { outcome: 'ROLLED_BACK', fromVersion: '2.0.0', toVersion: '1.0.0', code: 'NO_CONTACT' },
      ],
    });
    const fromBase = rolledBack(
      { ...pending, pending: { ...pending.pending!, from: null } },
      { code: 'CRASHED', reason: 'r' },
      at(301),
      '0.1.0',
    );
    expect(fromBase.current).toBeNull();
    expect(fromBase.unreported[0]?.toVersion).toBe('0.1.0');
  });

  it('a newer base installation (new package or image) takes over from an older updated release', () => {
    const updated = { ...EMPTY_STATE, current: '1.2.0', previous: '1.1.0' };
    expect(supersededByBase(updated, '1.3.0')).toEqual({
      ...updated,
      current: null,
      previous: null,
      pending: null,
    });
    expect(supersededByBase(updated, '1.2.0')).toBeNull();
    expect(supersededByBase(updated, '1.2.0-beta.1')).toBeNull();
    expect(supersededByBase({ ...EMPTY_STATE }, '9.0.0')).toBeNull();
  });
});
