import type { Logger } from 'pino';
import { GatewayError, type GatewayClient } from '../gateway-client/gateway-client.js';
import type { Spool } from '../spool/spool.js';

export type DrainOutcome = {
  sent: number;
  duplicates: number;
  rejected: number;
  remaining: number;
  error: GatewayError | null;
};

/**
 * Sends every pending spool file, oldest first. A file leaves `pending/` only when central
 * has acknowledged it (accepted, or "already have it"), or refused it for good (4xx: it would
 * be refused again, so it moves to `rejected/` with the reason instead of blocking the queue).
 * On a retryable failure it stops and leaves the rest for the next try.
 */
export async function drainSpool(
  spool: Spool,
  client: GatewayClient,
  log: Logger,
  signal?: AbortSignal,
): Promise<DrainOutcome> {
  const outcome: DrainOutcome = { sent: 0, duplicates: 0, rejected: 0, remaining: 0, error: null };
  const pending = await spool.pending();
  for (const [index, entry] of pending.entries()) {
    if (signal?.aborted) {
      outcome.remaining = pending.length - index;
      break;
    }
    try {
      const ack = await client.upload(entry.uploadId, await spool.read(entry));
      await spool.markSent(entry);
      if (ack.status === 'duplicate') outcome.duplicates++;
      else outcome.sent++;
      log.info({ uploadId: entry.uploadId, status: ack.status }, 'upload acknowledged');
    } catch (error) {
      if (
        error instanceof GatewayError &&
        !error.retryable &&
        error.code !== 'NOT_ENROLLED' &&
        error.status !== 401 &&
        error.status !== 403
      ) {
        await spool.markRejected(entry, { code: error.code, message: error.message });
        outcome.rejected++;
        log.error(
          { uploadId: entry.uploadId, code: error.code },
          'upload refused by central; moved to spool/rejected',
        );
        continue;
      }
      outcome.error =
        error instanceof GatewayError
          ? error
          : new GatewayError('UPLOAD_FAILED', String(error), null, true);
      outcome.remaining = pending.length - index;
      break;
    }
  }
  return outcome;
}
