import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';
import { Connection } from '../../platform/graphql/pagination.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';

/** GraphQL enum names cannot hold '.': `supply_order.created` is `SUPPLY_ORDER_CREATED` on the wire. */
export const WebhookEventTypeEnum = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [type.replace('.', '_').toUpperCase(), type]),
) as Record<string, string>;
registerEnumType(WebhookEventTypeEnum, { name: 'WebhookEventType' });

export enum WebhookDeliveryStatusEnum {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatusEnum, { name: 'WebhookDeliveryStatus' });

@ObjectType({ description: 'A receiver of signed event notifications (Standard Webhooks).' })
export class WebhookEndpoint {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [WebhookEventTypeEnum])
  eventTypes: string[];

  @Field()
  enabled: boolean;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class WebhookEndpointConnection extends Connection(WebhookEndpoint) {}

@ObjectType()
export class CreatedWebhookEndpoint {
  @Field(() => WebhookEndpoint)
  endpoint: WebhookEndpoint;

  @Field({
    description: 'The signing secret (`whsec_…`). Shown only in this response; stored encrypted.',
  })
  secret: string;
}

@ObjectType({ description: 'One event for one endpoint, with its attempts so far.' })
export class WebhookDelivery {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  endpointId: string;

  @Field(() => ID, {
    description:
      'The `webhook-id` header: the same for every attempt (receivers deduplicate on it).',
  })
  eventId: string;

  @Field(() => WebhookEventTypeEnum)
  eventType: string;

  @Field(() => JsonScalar)
  payload: unknown;

  @Field(() => WebhookDeliveryStatusEnum)
  status: WebhookDeliveryStatusEnum;

  @Field(() => Int)
  attempt: number;

  @Field(() => Int, { nullable: true })
  responseCode: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}
