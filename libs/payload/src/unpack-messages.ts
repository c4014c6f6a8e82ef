import type { PayloadErrorCode } from './payload.errors.js';
import type { PayloadLimits } from './payload.limits.js';
import type { UnpackedUpload } from './upload-archive.js';

/** Module specifier of the worker entry (built JavaScript), for `new Worker(resolve(it))`. */
export const UNPACK_WORKER_SPECIFIER = '@printbeat/payload/unpack-worker';

/** What a parsing worker is asked: `unpackUpload` of one archive, with options that survive structured clone. */
export type UnpackRequest = {
  id: number;
  zip: Uint8Array;
  /** The certificate (DER or PEM) or public key (PEM) that signed the manifest. */
  verifyKey: string | Uint8Array;
  expectedAgentId?: string;
  maxCompressedBytes?: number;
  maxUncompressedBytes?: number;
  limits?: Partial<PayloadLimits>;
};

/** A refusal as it crosses the thread boundary; `message` is without the path prefix. */
export type UnpackRefusal = {
  code: PayloadErrorCode | null;
  message: string;
  path: string | null;
};

export type UnpackReply =
  | { id: number; ok: true; unpacked: UnpackedUpload }
  | { id: number; ok: false; refusal: UnpackRefusal };
