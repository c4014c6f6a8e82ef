import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { UserRole } from '../../platform/auth/user-role.enum.js';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';
import { AlertSeverityEnum } from '../alerts/alert.model.js';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/webhook-events.js';
import { WebhookEventTypeEnum } from '../webhooks/webhook.model.js';
import { isTimeZone } from './local-time.js';
import { NOTIFICATION_LOCALES } from './message-catalogue.js';
import {
  NotificationDeliveryModeEnum,
  NotificationMessageStatusEnum,
} from './notification.model.js';

const MAX_RECIPIENTS = 50;
const minuteOfDay = z.number().int().min(0).max(1439);

const policyFields = {
  name: z.string().trim().min(1).max(200),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1, { error: 'must name at least one event type' })
    .transform((types) => [...new Set(types)]),
  alertSeverities: z.array(z.enum(['INFO', 'WARNING', 'CRITICAL'])).max(3),
  alertCodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_]{1,64}$/, { error: 'letters, digits and _ (up to 64)' }),
    )
    .max(100)
    .transform((codes) => [...new Set(codes.map((code) => code.toUpperCase()))]),
  recipientRoles: z
    .array(
      z.enum([
        'DEALER_ADMIN',
        'DEALER_TECHNICIAN',
        'DEALER_BILLING',
        'CUSTOMER_ADMIN',
        'CUSTOMER_VIEWER',
      ]),
    )
    .transform((roles) => [...new Set(roles)]),
  recipientEmails: z
    .array(z.email({ error: 'must be an e-mail address' }).max(254))
    .max(MAX_RECIPIENTS, { error: `at most ${MAX_RECIPIENTS} addresses` })
    .transform((emails) => [...new Set(emails.map((email) => email.toLowerCase()))]),
  deliveryMode: z.enum(['IMMEDIATE', 'DAILY_DIGEST']),
  quietStartMinute: minuteOfDay.nullish(),
  quietEndMinute: minuteOfDay.nullish(),
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, { error: 'must be an IANA time zone, e.g. Europe/Berlin' }),
  digestHour: z.number().int().min(0).max(23),
  locale: z.enum(NOTIFICATION_LOCALES),
  enabled: z.boolean(),
};

@InputType()
export class CreateNotificationPolicyInput {
  static readonly schema = z.object({
    ...policyFields,
    customerId: idSchema.nullish(),
    alertSeverities: policyFields.alertSeverities.optional(),
    alertCodes: policyFields.alertCodes.optional(),
    recipientRoles: policyFields.recipientRoles.optional(),
    recipientEmails: policyFields.recipientEmails.optional(),
    deliveryMode: policyFields.deliveryMode.optional(),
    timeZone: policyFields.timeZone.optional(),
    digestHour: policyFields.digestHour.optional(),
    locale: policyFields.locale.optional(),
    enabled: policyFields.enabled.optional(),
  });

  @Field()
  name: string;

  @Field(() => ID, { nullable: true, description: 'null: every customer of the dealer.' })
  customerId?: string | null;

  @Field(() => [WebhookEventTypeEnum])
  eventTypes: string[];

  @Field(() => [AlertSeverityEnum], { nullable: true })
  alertSeverities?: AlertSeverityEnum[];

  @Field(() => [String], { nullable: true })
  alertCodes?: string[];

  @Field(() => [UserRole], { nullable: true })
  recipientRoles?: UserRole[];

  @Field(() => [String], { nullable: true })
  recipientEmails?: string[];

  @Field(() => NotificationDeliveryModeEnum, { nullable: true, description: 'default IMMEDIATE' })
  deliveryMode?: NotificationDeliveryModeEnum;

  @Field(() => Int, { nullable: true })
  quietStartMinute?: number | null;

  @Field(() => Int, { nullable: true })
  quietEndMinute?: number | null;

  @Field({ nullable: true, description: 'default UTC' })
  timeZone?: string;

  @Field(() => Int, { nullable: true, description: 'default 7' })
  digestHour?: number;

  @Field({ nullable: true, description: 'default en' })
  locale?: string;

  @Field({ nullable: true })
  enabled?: boolean;
}

@InputType()
export class UpdateNotificationPolicyInput {
  static readonly schema = z.object({
    name: policyFields.name.optional(),
    eventTypes: policyFields.eventTypes.optional(),
    alertSeverities: policyFields.alertSeverities.optional(),
    alertCodes: policyFields.alertCodes.optional(),
    recipientRoles: policyFields.recipientRoles.optional(),
    recipientEmails: policyFields.recipientEmails.optional(),
    deliveryMode: policyFields.deliveryMode.optional(),
    quietStartMinute: policyFields.quietStartMinute,
    quietEndMinute: policyFields.quietEndMinute,
    timeZone: policyFields.timeZone.optional(),
    digestHour: policyFields.digestHour.optional(),
    locale: policyFields.locale.optional(),
    enabled: policyFields.enabled.optional(),
  });

  @Field({ nullable: true })
  name?: string;

  @Field(() => [WebhookEventTypeEnum], { nullable: true })
  eventTypes?: string[];

  @Field(() => [AlertSeverityEnum], { nullable: true })
  alertSeverities?: AlertSeverityEnum[];

  @Field(() => [String], { nullable: true })
  alertCodes?: string[];

  @Field(() => [UserRole], { nullable: true })
  recipientRoles?: UserRole[];

  @Field(() => [String], { nullable: true })
  recipientEmails?: string[];

  @Field(() => NotificationDeliveryModeEnum, { nullable: true })
  deliveryMode?: NotificationDeliveryModeEnum;

  @Field(() => Int, { nullable: true, description: 'null (with quietEndMinute): no quiet hours' })
  quietStartMinute?: number | null;

  @Field(() => Int, { nullable: true })
  quietEndMinute?: number | null;

  @Field({ nullable: true })
  timeZone?: string;

  @Field(() => Int, { nullable: true })
  digestHour?: number;

  @Field({ nullable: true })
  locale?: string;

  @Field({ nullable: true })
  enabled?: boolean;
}

@ArgsType()
export class NotificationMessagesArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    status: z.enum(['PENDING', 'HELD', 'SENT', 'FAILED']).nullish(),
  });

  @Field(() => NotificationMessageStatusEnum, { nullable: true })
  status?: NotificationMessageStatusEnum | null;
}
