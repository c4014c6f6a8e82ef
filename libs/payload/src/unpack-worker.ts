import { parentPort } from 'node:worker_threads';
import { PayloadError } from './payload.errors.js';
import type { UnpackRefusal, UnpackReply, UnpackRequest } from './unpack-messages.js';
import { unpackUpload } from './upload-archive.js';

function refusalOf(error: unknown): UnpackRefusal {
  if (!(error instanceof PayloadError))
    return { code: null, message: 'The upload could not be unpacked', path: null };
  const prefix = error.path === null ? '' : `${error.path}: `;
  return {
    code: error.code,
    message: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message,
    path: error.path,
  };
}

/**
 * Entry of a parsing worker thread (`@printbeat/payload/unpack-worker`): unpacks one archive
 * per message, so a hostile upload costs this thread's time and heap, never the caller's.
 */
const port = parentPort;
if (port === null) throw new Error('unpack-worker runs as a worker thread only');
port.on('message', (request: UnpackRequest) => {
  const { id, zip, verifyKey, ...options } = request;
  unpackUpload(zip, { ...options, verifyKey }).then(
    (unpacked) => port.postMessage({ id, ok: true, unpacked } satisfies UnpackReply),
    (error: unknown) =>
      port.postMessage({ id, ok: false, refusal: refusalOf(error) } satisfies UnpackReply),
  );
});
