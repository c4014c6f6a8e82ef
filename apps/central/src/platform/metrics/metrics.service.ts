import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { LOGGER } from '../logging/logger.js';
import { PrismaService } from '../prisma/prisma.service.js';

export type UploadOutcome = 'accepted' | 'duplicate' | 'refused';
export type EnrollmentOutcome = 'enrolled' | 'renewed' | 'refused';

/** Gateway paths whose refusals also count against their own operation. */
const UPLOAD_PATH = '/agent/v1/uploads';
const ENROLL_PATH = '/agent/v1/enroll';
const RENEW_PATH = '/agent/v1/renew';

/**
 * Per queue: jobs still to be run (waiting for a worker or for their next retry) and how long
 * the longest-waiting due one is overdue (start time passed, no worker yet). `state < 'active'`
 * is created/retry and matches pg-boss's partial index. Schema: a checked identifier.
 */
const queueStatsSql = (schema: string) => `
  SELECT q.name AS queue,
         count(j.id)::int AS depth,
         COALESCE(EXTRACT(EPOCH FROM now() - min(j.start_after) FILTER (WHERE j.start_after <= now())), 0)::float8 AS oldest
    FROM "${schema}".queue q
    LEFT JOIN "${schema}".job j ON j.name = q.name AND j.state < 'active'
   GROUP BY q.name`;

/** A scrape waits at most this long for the queue statistics (then they are left out). */
const QUEUE_STATS_TIMEOUT_MS = 2_000;

type QueueStats = { queue: string; depth: number; oldest: number };

/**
 * Prometheus metrics of one central instance. Each app has its own registry (not prom-client's
 * global one), so test apps side by side do not share or clash on counters. Gauges that
 * describe the database (devices, queue depth) are read at scrape time, not kept in memory:
 * with N replicas every replica reports the same cluster-wide value (aggregate with max()).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly uploads = new Counter({
    name: 'printbeat_uploads_total',
    help: 'Agent uploads by outcome (accepted, duplicate of an earlier upload id, refused).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly uploadRefusals = new Counter({
    name: 'printbeat_upload_refusals_total',
    help: 'Refused agent uploads by error code (e.g. TOO_LARGE, INVALID_XML, SIGNATURE_INVALID).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  private readonly gatewayRefusals = new Counter({
    name: 'printbeat_gateway_refusals_total',
    help: 'Every request the agent gateway refused, by error code (certificate, agent, key, rate limit, payload).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly enrollments = new Counter({
    name: 'printbeat_enrollments_total',
    help: 'Agent enrollments and certificate renewals by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly ingestDuration = new Histogram({
    name: 'printbeat_ingest_duration_seconds',
    help: 'Time from an upload received (body read) to its data committed.',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  private readonly deviceReadings = new Counter({
    name: 'printbeat_ingest_device_readings_total',
    help: 'Device readings (counters, supplies, status at one time) in accepted uploads.',
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'printbeat_http_request_duration_seconds',
    help: 'Web port requests (GraphQL, portal, health) by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const jobSchema = config.jobQueueSchema;
    collectDefaultMetrics({ register: this.registry });
    const prismaClient = this.prisma;
    const log = this.logger;
    new Gauge({
      name: 'printbeat_devices',
      help: 'Devices known to central, all tenants.',
      registers: [this.registry],
      async collect() {
        try {
          // Owner connection, no tenant bound: one cross-tenant count (platform code).
          const rows = await prismaClient.$queryRawUnsafe<{ count: number }[]>(
            'SELECT count(*)::int AS count FROM devices',
          );
          this.set(rows[0]?.count ?? 0);
        } catch (error) {
          log.warn({ err: error }, 'metrics: could not count devices');
        }
      },
    });
    // Both queue gauges are filled from one read per scrape (prom-client collects them together).
    let reading: Promise<QueueStats[] | null> | null = null;
    const queueStats = () => {
      reading ??= readQueueStats(prismaClient, jobSchema)
        .catch((error: unknown) => {
          log.warn({ err: error }, 'metrics: could not read the job queues');
          return null;
        })
        .finally(() => setImmediate(() => (reading = null)));
      return reading;
    };
    new Gauge({
      name: 'printbeat_job_queue_depth',
      help: 'Background jobs waiting to run (created or retry), by pg-boss queue.',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of (await queueStats()) ?? []) this.set({ queue: row.queue }, row.depth);
      },
    });
    new Gauge({
      name: 'printbeat_job_queue_oldest_seconds',
      help: 'How long the longest-waiting job whose start time has come has waited for a worker, by pg-boss queue.',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of (await queueStats()) ?? []) this.set({ queue: row.queue }, row.oldest);
      },
    });
  }

  /** An upload answered 200: accepted (with its readings) or acknowledged as a duplicate. */
  uploadAnswered(
    ack: { status: 'accepted'; readings: number } | { status: 'duplicate' },
    receivedAt: bigint,
  ): void {
    this.uploads.inc({ outcome: ack.status });
    if (ack.status === 'accepted') {
      this.deviceReadings.inc(ack.readings);
      this.ingestDuration.observe(Number(process.hrtime.bigint() - receivedAt) / 1e9);
    }
  }

  enrolled(outcome: 'enrolled' | 'renewed'): void {
    this.enrollments.inc({ outcome });
  }

  /** Any refusal of the agent gateway; the path says which operation it also counts against. */
  gatewayRefused(path: string, code: string): void {
    this.gatewayRefusals.inc({ reason: code });
    const route = path.replace(/\/+$/, '');
    if (route === UPLOAD_PATH) {
      this.uploads.inc({ outcome: 'refused' });
      this.uploadRefusals.inc({ code });
    } else if (route === ENROLL_PATH || route === RENEW_PATH) {
      this.enrollments.inc({ outcome: 'refused' });
    }
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  /** The Prometheus text exposition of everything above. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The queue statistics, or none before pg-boss created its schema; bounded by a statement timeout. */
function readQueueStats(prisma: PrismaService, schema: string): Promise<QueueStats[]> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${QUEUE_STATS_TIMEOUT_MS}`);
      const exists = await tx.$queryRawUnsafe<{ present: boolean }[]>(
        `SELECT to_regclass('"${schema}".queue') IS NOT NULL AND to_regclass('"${schema}".job') IS NOT NULL AS present`,
      );
      return exists[0]?.present ? tx.$queryRawUnsafe<QueueStats[]>(queueStatsSql(schema)) : [];
    },
    { maxWait: QUEUE_STATS_TIMEOUT_MS, timeout: 2 * QUEUE_STATS_TIMEOUT_MS },
  );
}
