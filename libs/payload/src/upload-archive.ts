import {
  createHash,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  X509Certificate,
} from 'node:crypto';
import { zipSync } from 'fflate';
import { CompactSign, compactVerify } from 'jose';
import { excerpt, PayloadError } from './payload.errors.js';
import type { PayloadLimits } from './payload.limits.js';
import { isPayloadVersion, type PayloadVersion, type UploadPayload } from './payload.types.js';
import { buildPayloadXml } from './xml-builder.js';
import { parsePayloadXml } from './xml-parser.js';
import { readZip } from './zip-reader.js';

export const PAYLOAD_ENTRY = 'payload.xml';
export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.jws';
/** JWS `cty`: a signature made for something else cannot be replayed as an upload manifest. */
export const MANIFEST_CONTENT_TYPE = 'printbeat-upload-manifest+json';

export const DEFAULT_MAX_COMPRESSED_BYTES = 16 * 1024 * 1024;
/**
 * The decoded document is held whole while it streams through the parser (one device's
 * elements at a time); the hard XML limits bound what the parse can build from it.
 */
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 4 * 1024;
const MAX_SIGNATURE_BYTES = 16 * 1024;
const SIGNING_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;

export type UploadManifest = {
  version: PayloadVersion;
  uploadId: string;
  agentId: string;
  createdAt: string;
  /** SHA-256 of the payload.xml bytes, lower-case hex. */
  sha256: string;
  /** Size of payload.xml in bytes. */
  size: number;
};

/** Signs the manifest bytes and returns a compact JWS (e.g. a key held elsewhere). */
export type ManifestSigner = (manifestBytes: Uint8Array) => Promise<string>;

export type PackUploadOptions = {
  payload: UploadPayload;
  /** The agent's private key (PEM, PKCS#8 or PKCS#1; or a KeyObject), or a signer function. */
  signManifest: string | KeyObject | ManifestSigner;
  limits?: Partial<PayloadLimits>;
};

export type PackedUpload = {
  zip: Uint8Array;
  xml: string;
  manifest: UploadManifest;
  sha256: string;
};

/**
 * Builds the upload archive: payload.xml, manifest.json (what was sent, with its digest) and
 * manifest.jws (the manifest signed with the agent's certificate key: non-repudiation).
 * Deterministic for a given payload and key, so a retried upload is byte-identical.
 */
export async function packUpload(options: PackUploadOptions): Promise<PackedUpload> {
  const xml = buildPayloadXml(options.payload, { limits: options.limits });
  const xmlBytes = new TextEncoder().encode(xml);
  const sha256 = createHash('sha256').update(xmlBytes).digest('hex');
  const manifest: UploadManifest = {
    version: options.payload.version,
    uploadId: options.payload.uploadId,
    agentId: options.payload.agentId,
    createdAt: options.payload.createdAt,
    sha256,
    size: xmlBytes.length,
  };
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
  const jws = await signWith(options.signManifest, manifestBytes);
  // DOS timestamps start in 1980 and have no zone: pin them so the archive bytes depend on the payload only.
  const mtime = new Date(Math.max(Date.parse(options.payload.createdAt), Date.UTC(1980, 0, 2)));
  const zip = zipSync({
    [PAYLOAD_ENTRY]: [xmlBytes, { level: 6, mtime }],
    [MANIFEST_ENTRY]: [manifestBytes, { level: 0, mtime }],
    [SIGNATURE_ENTRY]: [new TextEncoder().encode(jws), { level: 0, mtime }],
  });
  return { zip, xml, manifest, sha256 };
}

export type VerifyKey = string | Uint8Array | KeyObject | X509Certificate;

export type UnpackUploadOptions = {
  /**
   * The public key to check the manifest signature with: normally the client certificate of
   * the TLS connection (X509Certificate, PEM or DER), or a public key (PEM or KeyObject).
   */
  verifyKey: VerifyKey;
  maxCompressedBytes?: number;
  maxUncompressedBytes?: number;
  /** When given (the agent id of the client certificate), the manifest and payload must name it. */
  expectedAgentId?: string;
  limits?: Partial<PayloadLimits>;
};

export type UnpackedUpload = {
  payload: UploadPayload;
  manifest: UploadManifest;
  xml: string;
  sha256: string;
};

/**
 * Opens and checks an upload archive, cheapest and most fundamental checks first: size, zip
 * structure and entries (with a hard cap on inflation), manifest shape, signature, digest,
 * then the XML itself. Every refusal is a PayloadError; see `httpStatusFor`.
 */
export async function unpackUpload(
  zipBytes: Uint8Array,
  options: UnpackUploadOptions,
): Promise<UnpackedUpload> {
  const maxUncompressedBytes = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  const verifyKey = toPublicKey(options.verifyKey);
  const entries = readZip(zipBytes, {
    maxCompressedBytes: options.maxCompressedBytes ?? DEFAULT_MAX_COMPRESSED_BYTES,
    maxUncompressedBytes,
    entries: [
      { name: PAYLOAD_ENTRY, maxBytes: maxUncompressedBytes },
      { name: MANIFEST_ENTRY, maxBytes: MAX_MANIFEST_BYTES },
      { name: SIGNATURE_ENTRY, maxBytes: MAX_SIGNATURE_BYTES },
    ],
  });
  const xmlBytes = entries.get(PAYLOAD_ENTRY) as Buffer;
  const manifestBytes = entries.get(MANIFEST_ENTRY) as Buffer;
  const jws = (entries.get(SIGNATURE_ENTRY) as Buffer).toString('latin1').trim();

  const manifest = readManifest(manifestBytes);
  await verifySignature(jws, manifestBytes, verifyKey);
  if (options.expectedAgentId !== undefined && manifest.agentId !== options.expectedAgentId) {
    throw new PayloadError(
      'AGENT_MISMATCH',
      'The upload was made for another agent than the one connected',
    );
  }

  const sha256 = createHash('sha256').update(xmlBytes).digest('hex');
  if (sha256 !== manifest.sha256 || xmlBytes.length !== manifest.size) {
    throw new PayloadError('DIGEST_MISMATCH', 'payload.xml does not match the signed manifest');
  }

  const payload = parsePayloadXml(xmlBytes, { limits: options.limits });
  const xml = xmlBytes.toString('utf8');
  for (const field of ['version', 'uploadId', 'agentId', 'createdAt'] as const) {
    if (payload[field] !== manifest[field]) {
      throw new PayloadError(
        'MANIFEST_MISMATCH',
        `The manifest and payload.xml disagree on ${field}`,
        field,
      );
    }
  }
  return { payload, manifest, xml: xml.startsWith('\uFEFF') ? xml.slice(1) : xml, sha256 };
}

async function signWith(
  signer: string | KeyObject | ManifestSigner,
  manifestBytes: Uint8Array,
): Promise<string> {
  if (typeof signer === 'function') return signer(manifestBytes);
  let key: KeyObject;
  try {
    key = typeof signer === 'string' ? createPrivateKey({ key: signer, format: 'pem' }) : signer;
  } catch (error) {
    throw new PayloadError(
      'INVALID_ARGUMENT',
      'The signing key is not a readable private key',
      null,
      { cause: error },
    );
  }
  if (key.type !== 'private')
    throw new PayloadError('INVALID_ARGUMENT', 'Manifests are signed with a private key');
  const alg = algorithmFor(key);
  return new CompactSign(manifestBytes)
    .setProtectedHeader({ alg, cty: MANIFEST_CONTENT_TYPE })
    .sign(key);
}

function algorithmFor(key: KeyObject): 'RS256' | 'ES256' {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return 'ES256';
  throw new PayloadError(
    'INVALID_ARGUMENT',
    `Cannot sign manifests with a ${key.asymmetricKeyType ?? 'unknown'} key`,
  );
}

function toPublicKey(input: VerifyKey): KeyObject {
  try {
    if (input instanceof KeyObject)
      return input.type === 'private' ? createPublicKey(input) : input;
    if (input instanceof X509Certificate) return input.publicKey;
    if (typeof input === 'string') {
      return input.includes('-----BEGIN CERTIFICATE-----')
        ? new X509Certificate(input).publicKey
        : createPublicKey(input);
    }
    return new X509Certificate(input).publicKey;
  } catch (error) {
    throw new PayloadError(
      'INVALID_ARGUMENT',
      'verifyKey is not a certificate or public key',
      null,
      { cause: error },
    );
  }
}

async function verifySignature(jws: string, manifestBytes: Buffer, key: KeyObject): Promise<void> {
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(jws, key, { algorithms: [...SIGNING_ALGORITHMS] });
  } catch (error) {
    throw new PayloadError(
      'BAD_SIGNATURE',
      'The manifest signature does not verify with the agent certificate',
      null,
      { cause: error },
    );
  }
  if (verified.protectedHeader.cty !== MANIFEST_CONTENT_TYPE) {
    throw new PayloadError('BAD_SIGNATURE', 'The signature was not made for an upload manifest');
  }
  if (!Buffer.from(verified.payload).equals(manifestBytes)) {
    throw new PayloadError('BAD_SIGNATURE', 'The signature covers another manifest');
  }
}

function readManifest(bytes: Buffer): UploadManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new PayloadError('MANIFEST_INVALID', 'manifest.json is not JSON', null, { cause: error });
  }
  const expectedKeys = ['agentId', 'createdAt', 'sha256', 'size', 'uploadId', 'version'];
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.keys(value).sort().join() !== expectedKeys.join()
  ) {
    throw new PayloadError(
      'MANIFEST_INVALID',
      `manifest.json must have exactly ${expectedKeys.join(', ')}`,
    );
  }
  const manifest = value as Record<string, unknown>;
  if (!isPayloadVersion(manifest['version'])) {
    throw new PayloadError(
      'UNSUPPORTED_VERSION',
      `Manifest version ${excerpt(String(manifest['version']))} is not supported`,
      'version',
    );
  }
  const valid =
    typeof manifest['uploadId'] === 'string' &&
    typeof manifest['agentId'] === 'string' &&
    typeof manifest['createdAt'] === 'string' &&
    typeof manifest['sha256'] === 'string' &&
    /^[0-9a-f]{64}$/.test(manifest['sha256']) &&
    typeof manifest['size'] === 'number' &&
    Number.isSafeInteger(manifest['size']) &&
    manifest['size'] >= 0;
  if (!valid)
    throw new PayloadError('MANIFEST_INVALID', 'manifest.json fields have the wrong types');
  return manifest as UploadManifest;
}
