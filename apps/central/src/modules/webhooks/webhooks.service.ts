import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  Prisma,
  WebhookDelivery as DeliveryRow,
  WebhookEndpoint as EndpointRow,
} from '@prisma/client';
import {
  createdAtCursor,
  decodeTimeCursor,
  offsetOf,
  toConnection,
  toOffsetConnection,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import { JobQueue, type TenantJobData } from '../../platform/jobs/job-queue.js';
import { newWebhookSecret } from './webhook-signature.js';
import {
  WEBHOOK_DELIVER_JOB,
  WEBHOOK_JOB_RETRY,
  WEBHOOK_SETTINGS,
  type WebhookSettings,
} from './webhook-settings.js';
import { WebhookSecretBox } from './webhook-secret-box.js';
import type { WebhookEvent } from './webhook-events.js';
import type {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
} from './webhook.inputs.js';
import {
  WebhookDeliveryStatusEnum,
  type CreatedWebhookEndpoint,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './webhook.model.js';
import { WebhookEndpointNotFoundError, WebhookTargetNotAllowedError } from './webhooks.errors.js';
import { WebhooksRepository } from './webhooks.repository.js';

export type DeliverJobData = TenantJobData & { deliveryIds: string[] };

const DELIVERIES_PER_JOB = 50;

/**
 * Endpoints (dealer admins) and the outbox: `emit` writes one delivery row per subscribed
 * endpoint and hands the events to the other listeners (`DomainEvents`: notifications).
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(WebhooksRepository) private readonly repository: WebhooksRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(WebhookSecretBox) private readonly secrets: WebhookSecretBox,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    @Inject(DomainEvents) private readonly domainEvents: DomainEvents,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Part of the caller's transaction (a `TenantPrisma.run`): the delivery rows are the outbox,
   * they exist exactly when the event's change does. Their jobs are published once the
   * transaction has committed (nothing when it rolls back); the sweeper re-queues any row
   * whose job got lost. Returns the delivery ids.
   */
  async emit(tx: Prisma.TransactionClient, event: WebhookEvent): Promise<string[]> {
    return this.emitMany(tx, [event]);
  }

  /** `emit` for a batch (an upload's alerts): one endpoint lookup per event type, one insert. */
  async emitMany(tx: Prisma.TransactionClient, events: readonly WebhookEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    await this.domainEvents.publish(tx, events);
    const { tenantId } = tenantContext.get();
    const endpointsOf = new Map<string, { id: string }[]>();
    for (const type of new Set(events.map((event) => event.type)))
      endpointsOf.set(type, await this.repository.subscribedEndpoints(tx, type));
    const timestamp = new Date().toISOString();
    const deliveries = events.flatMap((event) => {
      const eventId = randomUUID();
      const payload = { type: event.type, timestamp, data: event.data } as Prisma.InputJsonValue;
      return (endpointsOf.get(event.type) ?? []).map((endpoint) => ({
        tenantId,
        endpointId: endpoint.id,
        eventId,
        eventType: event.type,
        payload,
      }));
    });
    if (deliveries.length === 0) return [];
    const rows = await this.repository.createDeliveries(tx, deliveries);
    this.db.afterCommit(tx, () =>
      this.queueDeliveries(tenantId, rows, this.settings.firstAttemptDelaySeconds),
    );
    return rows.map((row) => row.id);
  }

  /**
   * Jobs for deliveries of one tenant: one per endpoint and up to `DELIVERIES_PER_JOB`
   * deliveries, so a slow receiver holds up only its own. Never throws (runs after commits):
   * a job that could not be queued is the sweeper's.
   */
  queueDeliveries(
    tenantId: string,
    deliveries: readonly { id: string; endpointId: string }[],
    startAfterSeconds: number,
  ): void {
    const byEndpoint = new Map<string, string[]>();
    for (const { id, endpointId } of deliveries)
      byEndpoint.set(endpointId, [...(byEndpoint.get(endpointId) ?? []), id]);
    for (const ids of byEndpoint.values()) {
      for (let i = 0; i < ids.length; i += DELIVERIES_PER_JOB) {
        const deliveryIds = ids.slice(i, i + DELIVERIES_PER_JOB);
        this.jobs
          .send<DeliverJobData>(
            WEBHOOK_DELIVER_JOB,
            { tenantId, deliveryIds },
            { startAfterSeconds, retry: WEBHOOK_JOB_RETRY },
          )
          .catch((error: unknown) =>
            this.logger.warn(
              { err: error, deliveries: deliveryIds.length },
              'could not queue webhook deliveries (the sweeper will)',
            ),
          );
      }
    }
  }

  private async assertAllowedTarget(url: string): Promise<void> {
    const refusal = await this.settings.targets.refusalForUrl(url);
    if (refusal) throw new WebhookTargetNotAllowedError(refusal);
  }

  async listEndpoints(args: {
    first: number;
    after?: string | null;
  }): Promise<ConnectionShape<WebhookEndpoint>> {
    const skip = args.after ? offsetOf(args.after) : 0;
    const rows = await this.db.run((tx) =>
      this.repository.listEndpoints(tx, { take: args.first + 1, skip }),
    );
    return toOffsetConnection(rows, args.first, skip, toEndpoint);
  }

  async createEndpoint(input: CreateWebhookEndpointInput): Promise<CreatedWebhookEndpoint> {
    await this.assertAllowedTarget(input.url);
    const { tenantId } = tenantContext.get();
    const secret = newWebhookSecret();
    return this.db.run(async (tx) => {
      const row = await this.repository.createEndpoint(tx, {
        tenantId,
        url: input.url,
        description: input.description ?? null,
        eventTypes: input.eventTypes,
        secretEncrypted: this.secrets.seal(secret),
      });
      await this.audit.record(tx, {
        action: 'webhook_endpoint.create',
        targetType: 'WebhookEndpoint',
        targetId: row.id,
        details: { url: row.url, eventTypes: row.eventTypes },
      });
      return { endpoint: toEndpoint(row), secret };
    });
  }

  async updateEndpoint(id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    if (input.url !== undefined) await this.assertAllowedTarget(input.url);
    return this.db.run(async (tx) => {
      const row = await this.repository.updateEndpoint(tx, id, {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.eventTypes !== undefined ? { eventTypes: input.eventTypes } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      });
      if (!row) throw new WebhookEndpointNotFoundError(id);
      await this.audit.record(tx, {
        action: 'webhook_endpoint.update',
        targetType: 'WebhookEndpoint',
        targetId: id,
        details: { fields: Object.keys(input) },
      });
      return toEndpoint(row);
    });
  }

  /** A new signing secret, shown once; the old one stops working at once. */
  rotateSecret(id: string): Promise<CreatedWebhookEndpoint> {
    const secret = newWebhookSecret();
    return this.db.run(async (tx) => {
      const row = await this.repository.updateEndpoint(tx, id, {
        secretEncrypted: this.secrets.seal(secret),
      });
      if (!row) throw new WebhookEndpointNotFoundError(id);
      await this.audit.record(tx, {
        action: 'webhook_endpoint.rotate_secret',
        targetType: 'WebhookEndpoint',
        targetId: id,
      });
      return { endpoint: toEndpoint(row), secret };
    });
  }

  deleteEndpoint(id: string): Promise<boolean> {
    return this.db.run(async (tx) => {
      if (!(await this.repository.deleteEndpoint(tx, id)))
        throw new WebhookEndpointNotFoundError(id);
      await this.audit.record(tx, {
        action: 'webhook_endpoint.delete',
        targetType: 'WebhookEndpoint',
        targetId: id,
      });
      return true;
    });
  }

  async listDeliveries(args: WebhookDeliveriesArgs): Promise<ConnectionShape<WebhookDelivery>> {
    const first = args.first ?? 20;
    const before = args.after ? decodeTimeCursor(args.after, 'createdAt') : null;
    const rows = await this.db.run((tx) =>
      this.repository.listDeliveries(
        tx,
        { endpointId: args.endpointId ?? null, status: args.status ?? null },
        { take: first + 1, before },
      ),
    );
    return toConnection(rows, first, createdAtCursor, toDelivery);
  }
}

export function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    payload: row.payload,
    status: WebhookDeliveryStatusEnum[row.status],
    attempt: row.attempt,
    responseCode: row.responseCode,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt,
    lastAttemptAt: row.lastAttemptAt,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  };
}
