/** A release version as tools/release accepts it: `x.y.z` with an optional `-pre` part. */
export const RELEASE_VERSION_PATTERN = /^\d{1,6}\.\d{1,6}\.\d{1,6}(-[0-9A-Za-z.-]{1,40})?$/;

/**
 * The platform a release is for and an agent asks for: `os-arch` (`linux-x64`), with `-sea` for
 * the single executable, which central keeps and offers apart from the tarball.
 */
export const RELEASE_PLATFORM_PATTERN = /^[a-z0-9]{1,20}-[a-z0-9]{1,20}(-sea)?$/;

/** Orders release versions `x.y.z[-pre]` numerically; a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = splitVersion(a);
  const [coreB = '', preB] = splitVersion(b);
  const partsA = coreA.split('.').map(Number);
  const partsB = coreB.split('.').map(Number);
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const difference = (partsA[i] ?? 0) - (partsB[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA < preB ? -1 : 1;
}

function splitVersion(version: string): [string, string | undefined] {
  const dash = version.indexOf('-');
  return dash < 0 ? [version, undefined] : [version.slice(0, dash), version.slice(dash + 1)];
}
