import { isNewer, shouldTakeAnnouncedConfig } from './config-freshness.js';

const held = (version: number | null, refusedVersion: number | null = null, lockDown = false) => ({
  lockDown,
  version,
  refusedVersion,
});

describe('shouldTakeAnnouncedConfig', () => {
  it('re-pulls when central announces a newer version than the one in use', () => {
    expect(shouldTakeAnnouncedConfig(held(3), 4)).toBe(true);
    expect(shouldTakeAnnouncedConfig(held(null), 1)).toBe(true);
  });

  it('does not re-pull for the version in use or an older one', () => {
    expect(shouldTakeAnnouncedConfig(held(4), 4)).toBe(false);
    expect(shouldTakeAnnouncedConfig(held(5), 4)).toBe(false);
  });

  it('does not re-pull when central announces nothing (an older central)', () => {
    expect(shouldTakeAnnouncedConfig(held(3), null)).toBe(false);
    expect(shouldTakeAnnouncedConfig(held(null), null)).toBe(false);
  });

  it('takes no remote settings in lock-down mode', () => {
    expect(shouldTakeAnnouncedConfig(held(null, null, true), 9)).toBe(false);
    expect(shouldTakeAnnouncedConfig(held(3, null, true), 9)).toBe(false);
  });

  it('does not fetch again a version it refused, but does fetch a newer one', () => {
    expect(shouldTakeAnnouncedConfig(held(3, 4), 4)).toBe(false);
    expect(shouldTakeAnnouncedConfig(held(3, 4), 5)).toBe(true);
  });
});

describe('isNewer', () => {
  it('compares an announced version with the one held', () => {
    expect(isNewer(2, 1)).toBe(true);
    expect(isNewer(1, 1)).toBe(false);
    expect(isNewer(1, null)).toBe(true);
    expect(isNewer(null, 1)).toBe(false);
  });
});
