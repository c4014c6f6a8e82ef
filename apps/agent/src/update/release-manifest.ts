import { compactVerify, importSPKI } from 'jose';
import { releasePlatform } from './installation.js';

/** What the release key signs for one artifact (tools/release). */
export type ReleaseManifest = {
  version: string;
  platform: string;
  sha256: string;
  size: number;
  createdAt: string;
};

export const MANIFEST_TYPE = 'printbeat-agent-release+jws';

export type RefusalCode =
  | 'BAD_SIGNATURE'
  | 'WRONG_PLATFORM'
  | 'WRONG_VERSION'
  | 'DIGEST_MISMATCH'
  | 'SIZE_MISMATCH'
  | 'NO_RELEASE_KEY'
  | 'UPDATES_DISABLED'
  | 'LOCK_DOWN'
  | 'NOT_SUPERVISED';

/** An update the agent will not install; `code` and `message` go to the log and to central. */
export class UpdateRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** The platform this agent runs on, as releases name it (`linux-x64`, `linux-x64-sea`). */
export const agentPlatform = (): string => releasePlatform();

/**
 * The manifest's content once its signature by the pinned release key is checked, and only if
 * it is for the release central offered (version) on this platform.
 */
export async function verifyManifest(
  jws: string,
  publicKeyPem: string,
  expected: { version: string; platform: string },
): Promise<ReleaseManifest> {
  let payload: Uint8Array;
  try {
    const key = await importSPKI(publicKeyPem, 'EdDSA');
    const verified = await compactVerify(jws.trim(), key, { algorithms: ['EdDSA'] });
    if (verified.protectedHeader.typ !== MANIFEST_TYPE) throw new Error('not a release manifest');
    payload = verified.payload;
  } catch (error) {
    throw new UpdateRefused(
      'BAD_SIGNATURE',
      `release manifest for ${expected.version} not signed by the pinned release key (${(error as Error).message})`,
    );
  }
  const manifest = parseManifest(payload);
  if (manifest.platform !== expected.platform) {
    throw new UpdateRefused(
      'WRONG_PLATFORM',
      `release ${manifest.version} is for ${manifest.platform}, this agent runs on ${expected.platform}`,
    );
  }
  if (manifest.version !== expected.version) {
    throw new UpdateRefused(
      'WRONG_VERSION',
      `central offered ${expected.version} but the signed manifest is for ${manifest.version}`,
    );
  }
  return manifest;
}

/** The downloaded artifact is the one the manifest names. */
export function checkArtifact(
  manifest: ReleaseManifest,
  artifact: { sha256: string; size: number },
): void {
  if (artifact.size !== manifest.size) {
    throw new UpdateRefused(
      'SIZE_MISMATCH',
      `artifact of ${manifest.version} is ${artifact.size} bytes, the manifest says ${manifest.size}`,
    );
  }
  if (artifact.sha256 !== manifest.sha256) {
    throw new UpdateRefused(
      'DIGEST_MISMATCH',
      `artifact of ${manifest.version} has SHA-256 ${artifact.sha256}, the signed manifest says ${manifest.sha256}: tampered or corrupt`,
    );
  }
}

function parseManifest(payload: Uint8Array): ReleaseManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new UpdateRefused('BAD_SIGNATURE', 'release manifest is not JSON');
  }
  const m = value as Partial<ReleaseManifest>;
  if (
    typeof m.version !== 'string' ||
    typeof m.platform !== 'string' ||
    typeof m.sha256 !== 'string' ||
    !/^[0-9a-f]{64}$/.test(m.sha256) ||
    typeof m.size !== 'number' ||
    typeof m.createdAt !== 'string'
  ) {
    throw new UpdateRefused(
      'BAD_SIGNATURE',
      'release manifest lacks version, platform, sha256 or size',
    );
  }
  return {
    version: m.version,
    platform: m.platform,
    sha256: m.sha256,
    size: m.size,
    createdAt: m.createdAt,
  };
}
