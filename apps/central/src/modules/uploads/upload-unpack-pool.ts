import { createRequire } from 'node:module';
import type { X509Certificate } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  PayloadError,
  UNPACK_WORKER_SPECIFIER,
  type UnpackedUpload,
  type UnpackReply,
  type UnpackRequest,
} from '@printbeat/payload';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { UploadsBusyError } from './uploads.errors.js';

export type UnpackOptions = {
  verifyKey: X509Certificate;
  expectedAgentId: string;
  maxCompressedBytes: number;
};

type Job = {
  request: UnpackRequest;
  resolve: (unpacked: UnpackedUpload) => void;
  reject: (error: unknown) => void;
};

/**
 * Unpacks and parses uploads in worker threads with a heap limit, so no upload can stall the
 * event loop (health, GraphQL, other agents) or take the process down with it. A bounded pool
 * takes a bounded queue; past it the caller gets `UploadsBusyError` (503 + Retry-After). A
 * worker that dies — its heap limit reached — refuses its upload and is replaced on demand.
 */
@Injectable()
export class UploadUnpackPool implements OnModuleInit, OnApplicationShutdown {
  // The built JavaScript of the worker entry: tests run central from TypeScript sources.
  private readonly workerPath = createRequire(import.meta.url).resolve(UNPACK_WORKER_SPECIFIER);
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Started with central: the first uploads do not wait for a thread to load its modules. */
  onModuleInit(): void {
    while (this.workers() < this.config.uploadWorkers) this.idle.push(this.spawn());
  }

  unpack(zip: Uint8Array, options: UnpackOptions): Promise<UnpackedUpload> {
    const free = this.idle.length > 0 || this.workers() < this.config.uploadWorkers;
    if (this.closed || (!free && this.queue.length >= this.config.uploadQueueMax))
      return Promise.reject(new UploadsBusyError(this.config.uploadRetryAfterSeconds));
    return new Promise<UnpackedUpload>((resolve, reject) => {
      this.queue.push({
        request: {
          id: this.nextId++,
          // A copy the worker may own: the caller keeps its bytes to store them.
          zip: new Uint8Array(zip),
          verifyKey: new Uint8Array(options.verifyKey.raw),
          expectedAgentId: options.expectedAgentId,
          maxCompressedBytes: options.maxCompressedBytes,
        },
        resolve,
        reject,
      });
      this.dispatch();
    });
  }

  /** After the gateway has let its in-flight uploads finish (its beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.reject(new UploadsBusyError(this.config.uploadRetryAfterSeconds));
    const workers = [...this.idle.splice(0), ...this.running.keys()];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private workers(): number {
    return this.idle.length + this.running.size;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker =
        this.idle.pop() ?? (this.workers() < this.config.uploadWorkers ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.running.set(worker, job);
      worker.postMessage(job.request, [job.request.zip.buffer as ArrayBuffer]);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.workerPath, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.config.uploadWorkerHeapMb,
        maxYoungGenerationSizeMb: Math.min(32, Math.ceil(this.config.uploadWorkerHeapMb / 4)),
      },
    });
    // Idle workers must not keep a stopping process alive (shutdown terminates them).
    worker.unref();
    worker.on('message', (reply: UnpackReply) => this.answered(worker, reply));
    worker.on('error', (error: Error & { code?: string }) => this.failed(worker, error));
    worker.on('exit', () => this.failed(worker, null));
    return worker;
  }

  private answered(worker: Worker, reply: UnpackReply): void {
    const job = this.running.get(worker);
    this.running.delete(worker);
    if (!this.closed) this.idle.push(worker);
    if (job) {
      if (reply.ok) job.resolve(reply.unpacked);
      else if (reply.refusal.code === null) job.reject(new Error(reply.refusal.message));
      else
        job.reject(new PayloadError(reply.refusal.code, reply.refusal.message, reply.refusal.path));
    }
    this.dispatch();
  }

  /** The worker is gone (heap limit, crash, or terminated): refuse its upload, forget it. */
  private failed(worker: Worker, error: (Error & { code?: string }) | null): void {
    const idleAt = this.idle.indexOf(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const job = this.running.get(worker);
    this.running.delete(worker);
    if (job) {
      if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.logger.warn(
          { heapMb: this.config.uploadWorkerHeapMb },
          'upload refused: its parsing worker reached the heap limit',
        );
        job.reject(
          new PayloadError(
            'UPLOAD_TOO_COMPLEX',
            `Parsing the upload needs more than ${this.config.uploadWorkerHeapMb} MB (limit UPLOAD_WORKER_HEAP_MB)`,
          ),
        );
      } else if (this.closed) {
        job.reject(new UploadsBusyError(this.config.uploadRetryAfterSeconds));
      } else {
        this.logger.error({ err: error }, 'upload parsing worker stopped');
        job.reject(error ?? new Error('The upload parsing worker stopped'));
      }
    }
    if (!this.closed) this.dispatch();
  }
}
