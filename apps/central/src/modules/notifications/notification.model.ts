import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { UserRole } from '../../platform/auth/user-role.enum.js';
import { Connection } from '../../platform/graphql/pagination.js';
import { AlertSeverityEnum } from '../alerts/alert.model.js';
import { WebhookEventTypeEnum } from '../webhooks/webhook.model.js';

export enum NotificationDeliveryModeEnum {
  IMMEDIATE = 'IMMEDIATE',
  DAILY_DIGEST = 'DAILY_DIGEST',
}
registerEnumType(NotificationDeliveryModeEnum, { name: 'NotificationDeliveryMode' });

export enum NotificationMessageStatusEnum {
  PENDING = 'PENDING',
  HELD = 'HELD',
  SENT = 'SENT',
  FAILED = 'FAILED',
}
registerEnumType(NotificationMessageStatusEnum, {
  name: 'NotificationMessageStatus',
  description: 'HELD: waiting for the end of quiet hours.',
});

@ObjectType({ description: 'Who is e-mailed about which events, when.' })
export class NotificationPolicy {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true, description: 'null: every customer of the dealer.' })
  customerId: string | null;

  @Field()
  name: string;

  @Field(() => [WebhookEventTypeEnum], { description: 'The same events webhooks receive.' })
  eventTypes: string[];

  @Field(() => [AlertSeverityEnum], {
    description: 'ALERT_OPENED / ALERT_CLOSED only: these severities (empty: all).',
  })
  alertSeverities: AlertSeverityEnum[];

  @Field(() => [String], {
    description: 'ALERT_OPENED / ALERT_CLOSED only: these alert codes, e.g. JAM (empty: all).',
  })
  alertCodes: string[];

  @Field(() => [UserRole], {
    description: "Users of these roles; customer roles: the event's customer's users.",
  })
  recipientRoles: UserRole[];

  @Field(() => [String])
  recipientEmails: string[];

  @Field(() => NotificationDeliveryModeEnum)
  deliveryMode: NotificationDeliveryModeEnum;

  @Field(() => Int, {
    nullable: true,
    description: "Quiet hours start, minutes after local midnight (the device's site zone).",
  })
  quietStartMinute: number | null;

  @Field(() => Int, { nullable: true, description: 'Quiet hours end; messages held until then.' })
  quietEndMinute: number | null;

  @Field({ description: 'IANA zone for events without a site zone and for the digest hour.' })
  timeZone: string;

  @Field(() => Int, { description: 'Local hour (0–23) the daily digest goes out.' })
  digestHour: number;

  @Field({ description: 'Message language: en or de.' })
  locale: string;

  @Field()
  enabled: boolean;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class NotificationPolicyConnection extends Connection(NotificationPolicy) {}

@ObjectType({ description: 'One e-mail to one recipient, with its attempts so far.' })
export class NotificationMessage {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true, description: 'null for a daily digest.' })
  eventId: string | null;

  @Field({ description: 'The event type (alert.opened …) or "digest".' })
  eventType: string;

  @Field(() => ID, { nullable: true })
  policyId: string | null;

  @Field()
  policyName: string;

  @Field()
  recipient: string;

  @Field(() => String, { nullable: true })
  subject: string | null;

  @Field(() => NotificationMessageStatusEnum)
  status: NotificationMessageStatusEnum;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: 'Held or retrying: when it goes next.' })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class NotificationMessageConnection extends Connection(NotificationMessage) {}

@ObjectType()
export class NotificationSettings {
  @Field(() => [String])
  locales: string[];
}
