import { Inject, Injectable } from '@nestjs/common';
import type {
  NotificationMessage as MessageRow,
  NotificationPolicy as PolicyRow,
  Prisma,
} from '@prisma/client';
import { canReachCustomer } from '../../platform/auth/customer-scope.js';
import {
  decodeTimeCursor,
  offsetOf,
  toConnection,
  toOffsetConnection,
  createdAtCursor,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import { NOTIFICATION_LOCALES } from './message-catalogue.js';
import type {
  CreateNotificationPolicyInput,
  NotificationMessagesArgs,
  UpdateNotificationPolicyInput,
} from './notification.inputs.js';
import {
  NotificationDeliveryModeEnum,
  NotificationMessageStatusEnum,
  type NotificationMessage,
  type NotificationPolicy,
  type NotificationSettings,
} from './notification.model.js';
import {
  InvalidNotificationPolicyError,
  NotificationPolicyNotFoundError,
} from './notifications.errors.js';
import { NotificationsRepository } from './notifications.repository.js';

const CUSTOMER_ROLES = ['CUSTOMER_ADMIN', 'CUSTOMER_VIEWER'];

/**
 * Policies: dealer admins manage every policy of the tenant; customer admins only their own
 * customer's, addressed to their customer's roles and explicit addresses. The delivery log
 * shows what row-level security lets the caller see (a customer admin: their customer's).
 */
@Injectable()
export class NotificationPoliciesService {
  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  settings(): NotificationSettings {
    return { locales: [...NOTIFICATION_LOCALES] };
  }

  async list(args: {
    first: number;
    after: string | null;
  }): Promise<ConnectionShape<NotificationPolicy>> {
    const skip = args.after ? offsetOf(args.after) : 0;
    const { customerId } = tenantContext.get();
    const rows = await this.db.run((tx) =>
      this.repository.listPolicies(tx, { customerId }, { take: args.first + 1, skip }),
    );
    return toOffsetConnection(rows, args.first, skip, toPolicy);
  }

  create(input: CreateNotificationPolicyInput): Promise<NotificationPolicy> {
    const { tenantId, customerId: scope } = tenantContext.get();
    const customerId = input.customerId ?? scope ?? null;
    this.assertRecipientRoles(input.recipientRoles ?? []);
    assertQuietHours(input.quietStartMinute ?? null, input.quietEndMinute ?? null);
    return this.db.run(async (tx) => {
      if (
        customerId &&
        (!canReachCustomer(customerId) ||
          !(await tx.customer.findFirst({ where: { id: customerId } })))
      )
        throw new InvalidNotificationPolicyError('customerId', 'is not a customer of this dealer');
      const row = await this.repository.createPolicy(tx, {
        tenantId,
        customerId,
        name: input.name,
        eventTypes: input.eventTypes,
        alertSeverities: input.alertSeverities ?? [],
        alertCodes: input.alertCodes ?? [],
        recipientRoles: input.recipientRoles ?? [],
        recipientEmails: input.recipientEmails ?? [],
        deliveryMode: input.deliveryMode ?? NotificationDeliveryModeEnum.IMMEDIATE,
        quietStartMinute: input.quietStartMinute ?? null,
        quietEndMinute: input.quietEndMinute ?? null,
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.digestHour !== undefined ? { digestHour: input.digestHour } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      });
      await this.audit.record(tx, {
        action: 'notification_policy.create',
        targetType: 'NotificationPolicy',
        targetId: row.id,
        details: { name: row.name, eventTypes: row.eventTypes, customerId },
      });
      return toPolicy(row);
    });
  }

  update(id: string, input: UpdateNotificationPolicyInput): Promise<NotificationPolicy> {
    if (input.recipientRoles) this.assertRecipientRoles(input.recipientRoles);
    return this.db.run(async (tx) => {
      const existing = await this.findOwn(tx, id);
      const quietStart =
        input.quietStartMinute !== undefined ? input.quietStartMinute : existing.quietStartMinute;
      const quietEnd =
        input.quietEndMinute !== undefined ? input.quietEndMinute : existing.quietEndMinute;
      assertQuietHours(quietStart, quietEnd);
      const data: Prisma.NotificationPolicyUncheckedUpdateManyInput = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.eventTypes !== undefined ? { eventTypes: input.eventTypes } : {}),
        ...(input.alertSeverities !== undefined ? { alertSeverities: input.alertSeverities } : {}),
        ...(input.alertCodes !== undefined ? { alertCodes: input.alertCodes } : {}),
        ...(input.recipientRoles !== undefined ? { recipientRoles: input.recipientRoles } : {}),
        ...(input.recipientEmails !== undefined ? { recipientEmails: input.recipientEmails } : {}),
        ...(input.deliveryMode !== undefined ? { deliveryMode: input.deliveryMode } : {}),
        quietStartMinute: quietStart ?? null,
        quietEndMinute: quietEnd ?? null,
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.digestHour !== undefined ? { digestHour: input.digestHour } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      };
      const row = await this.repository.updatePolicy(tx, id, data);
      if (!row) throw new NotificationPolicyNotFoundError(id);
      await this.audit.record(tx, {
        action: 'notification_policy.update',
        targetType: 'NotificationPolicy',
        targetId: id,
        details: { fields: Object.keys(input) },
      });
      return toPolicy(row);
    });
  }

  delete(id: string): Promise<boolean> {
    return this.db.run(async (tx) => {
      await this.findOwn(tx, id);
      if (!(await this.repository.deletePolicy(tx, id)))
        throw new NotificationPolicyNotFoundError(id);
      await this.audit.record(tx, {
        action: 'notification_policy.delete',
        targetType: 'NotificationPolicy',
        targetId: id,
      });
      return true;
    });
  }

  async listMessages(
    args: NotificationMessagesArgs,
  ): Promise<ConnectionShape<NotificationMessage>> {
    const first = args.first ?? 20;
    const before = args.after ? decodeTimeCursor(args.after, 'createdAt') : null;
    const rows = await this.db.run((tx) =>
      this.repository.listMessages(
        tx,
        { status: args.status ?? null },
        { take: first + 1, before },
      ),
    );
    return toConnection(rows, first, createdAtCursor, toMessage);
  }

  /** A customer-scoped caller sees tenant-wide policies (RLS) but may change only its own. */
  private async findOwn(tx: Prisma.TransactionClient, id: string): Promise<PolicyRow> {
    const row = await this.repository.findPolicy(tx, id);
    const { customerId } = tenantContext.get();
    if (!row || (customerId !== null && row.customerId !== customerId))
      throw new NotificationPolicyNotFoundError(id);
    return row;
  }

  private assertRecipientRoles(roles: readonly string[]): void {
    if (tenantContext.get().customerId === null) return;
    if (roles.some((role) => !CUSTOMER_ROLES.includes(role)))
      throw new InvalidNotificationPolicyError(
        'recipientRoles',
        'may name customer roles only (CUSTOMER_ADMIN, CUSTOMER_VIEWER)',
      );
  }
}

function assertQuietHours(start: number | null | undefined, end: number | null | undefined): void {
  if ((start ?? null) === null && (end ?? null) === null) return;
  if (start == null || end == null)
    throw new InvalidNotificationPolicyError(
      'quietEndMinute',
      'quiet hours need a start and an end',
    );
  if (start === end)
    throw new InvalidNotificationPolicyError('quietEndMinute', 'must differ from the start');
}

export function toPolicy(row: PolicyRow): NotificationPolicy {
  return {
    id: row.id,
    customerId: row.customerId,
    name: row.name,
    eventTypes: row.eventTypes,
    alertSeverities: row.alertSeverities as NotificationPolicy['alertSeverities'],
    alertCodes: row.alertCodes,
    recipientRoles: row.recipientRoles,
    recipientEmails: row.recipientEmails,
    deliveryMode: NotificationDeliveryModeEnum[row.deliveryMode],
    quietStartMinute: row.quietStartMinute,
    quietEndMinute: row.quietEndMinute,
    timeZone: row.timeZone,
    digestHour: row.digestHour,
    locale: row.locale,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toMessage(row: MessageRow): NotificationMessage {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    policyId: row.policyId,
    policyName: row.policyName,
    recipient: row.recipient,
    subject: row.subject,
    status: NotificationMessageStatusEnum[row.status],
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.status === 'SENT' || row.status === 'FAILED' ? null : row.nextAttemptAt,
    sentAt: row.sentAt,
    createdAt: row.createdAt,
  };
}
