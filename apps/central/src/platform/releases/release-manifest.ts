import { createHash } from 'node:crypto';
import { RELEASE_PLATFORM_PATTERN, RELEASE_VERSION_PATTERN } from '@printbeat/domain';
import { decodeProtectedHeader } from 'jose';

/** What tools/release signs for one artifact; central reads it, agents verify it. */
export type ReleaseManifest = { version: string; platform: string; sha256: string; size: number };

export const MANIFEST_TYPE = 'printbeat-agent-release+jws';
/** Larger artifacts are refused at publication (a tarball is a few MiB, a single executable ~100). */
export const MAX_ARTIFACT_BYTES = 200 * 1024 * 1024;

/** A release a platform operator tried to publish that central will not store, with why. */
export class ReleaseRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseRejected';
  }
}

/**
 * The manifest inside a release's compact JWS, checked against its artifact. Central holds no
 * release key: the signature is the agents' to verify; this only catches a manifest that does
 * not belong to the artifact before any agent downloads it.
 */
export function readReleaseManifest(jws: string, artifact: Uint8Array): ReleaseManifest {
  const parts = jws.trim().split('.');
  if (parts.length !== 3) throw new ReleaseRejected('the manifest is not a compact JWS');
  let header: ReturnType<typeof decodeProtectedHeader>;
  let value: unknown;
  try {
    header = decodeProtectedHeader(jws.trim());
    value = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    throw new ReleaseRejected('the manifest is not a compact JWS with a JSON payload');
  }
  if (header.alg !== 'EdDSA' || header.typ !== MANIFEST_TYPE) {
    throw new ReleaseRejected(`the manifest must be signed EdDSA with typ ${MANIFEST_TYPE}`);
  }
  const m = (value ?? {}) as Partial<Record<keyof ReleaseManifest, unknown>>;
  if (typeof m.version !== 'string' || !RELEASE_VERSION_PATTERN.test(m.version)) {
    throw new ReleaseRejected('the manifest has no release version (x.y.z[-pre])');
  }
  if (typeof m.platform !== 'string' || !RELEASE_PLATFORM_PATTERN.test(m.platform)) {
    throw new ReleaseRejected(
      'the manifest has no platform (os-arch, e.g. linux-x64, or linux-x64-sea)',
    );
  }
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) {
    throw new ReleaseRejected('the manifest has no SHA-256 (64 hex digits)');
  }
  if (typeof m.size !== 'number' || !Number.isInteger(m.size) || m.size < 1) {
    throw new ReleaseRejected('the manifest has no size');
  }
  if (artifact.byteLength > MAX_ARTIFACT_BYTES) {
    throw new ReleaseRejected(
      `the artifact is ${artifact.byteLength} bytes, more than ${MAX_ARTIFACT_BYTES}`,
    );
  }
  if (artifact.byteLength !== m.size) {
    throw new ReleaseRejected(
      `the artifact is ${artifact.byteLength} bytes, the manifest says ${m.size}: not this release's artifact`,
    );
  }
  const sha256 = createHash('sha256').update(artifact).digest('hex');
  if (sha256 !== m.sha256) {
    throw new ReleaseRejected(
      `the artifact's SHA-256 is ${sha256}, the manifest says ${m.sha256}: not this release's artifact`,
    );
  }
  return { version: m.version, platform: m.platform, sha256: m.sha256, size: m.size };
}
