import {
  compareVersions,
  RELEASE_PLATFORM_PATTERN,
  RELEASE_VERSION_PATTERN,
} from './release-versions.js';

describe('compareVersions', () => {
  it('orders numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1);
    expect(compareVersions('0.1.0', '0.1.0')).toBe(0);
    expect(compareVersions('2.0.0', '10.0.0')).toBe(-1);
  });

  it('puts a pre-release before its release', () => {
    expect(compareVersions('1.2.0-beta.1', '1.2.0')).toBe(-1);
    expect(compareVersions('1.2.0', '1.2.0-beta.1')).toBe(1);
    expect(compareVersions('1.2.0-beta.1', '1.2.0-beta.2')).toBe(-1);
  });

  it('accepts only x.y.z[-pre] as a release version', () => {
    expect(RELEASE_VERSION_PATTERN.test('1.2.3')).toBe(true);
    expect(RELEASE_VERSION_PATTERN.test('1.2.3-rc.1')).toBe(true);
    expect(RELEASE_VERSION_PATTERN.test('1.2')).toBe(false);
    expect(RELEASE_VERSION_PATTERN.test('1.2.3/../x')).toBe(false);
  });
});

describe('RELEASE_PLATFORM_PATTERN', () => {
  it('accepts os-arch and os-arch-sea only', () => {
    for (const platform of ['linux-x64', 'linux-arm64', 'linux-x64-sea'])
      expect({ platform, ok: RELEASE_PLATFORM_PATTERN.test(platform) }).toEqual({
        platform,
        ok: true,
      });
    for (const platform of [
      'linux',
      'linux-x64-deb',
      'linux-x64-sea-sea',
      'Linux-x64',
      'linux-x64/..',
    ])
      expect({ platform, ok: RELEASE_PLATFORM_PATTERN.test(platform) }).toEqual({
        platform,
        ok: false,
      });
  });
});
