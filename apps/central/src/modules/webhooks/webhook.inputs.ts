import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';
import { WebhookDeliveryStatusEnum, WebhookEventTypeEnum } from './webhook.model.js';

const urlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (
          (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password
        );
      } catch {
        return false;
      }
    },
    { error: 'must be an http(s) URL without credentials' },
  );

const eventTypesSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, { error: 'must name at least one event type' })
  .transform((types) => [...new Set(types)]);

@InputType()
export class CreateWebhookEndpointInput {
  static readonly schema = z.object({
    url: urlSchema,
    description: z.string().trim().max(500).nullish(),
    eventTypes: eventTypesSchema,
  });

  @Field()
  url: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [WebhookEventTypeEnum])
  eventTypes: string[];
}

@InputType()
export class UpdateWebhookEndpointInput {
  static readonly schema = z.object({
    url: urlSchema.optional(),
    description: z.string().trim().max(500).nullish(),
    eventTypes: eventTypesSchema.optional(),
    enabled: z.boolean().optional(),
  });

  @Field({ nullable: true })
  url?: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [WebhookEventTypeEnum], { nullable: true })
  eventTypes?: string[];

  @Field({ nullable: true })
  enabled?: boolean;
}

@ArgsType()
export class WebhookDeliveriesArgs {
  static readonly schema = z.object({
    first: z
      .number()
      .int()
      .min(1, { error: 'must be between 1 and 100' })
      .max(100, { error: 'must be between 1 and 100' })
      .default(20),
    after: z.string().max(500).nullish(),
    endpointId: idSchema.nullish(),
    status: z.enum(['PENDING', 'SUCCEEDED', 'FAILED']).nullish(),
  });

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => ID, { nullable: true })
  endpointId?: string | null;

  @Field(() => WebhookDeliveryStatusEnum, { nullable: true })
  status?: WebhookDeliveryStatusEnum | null;
}
