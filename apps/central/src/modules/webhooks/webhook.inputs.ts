import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';
import { WebhookDeliveryStatusEnum, WebhookEventTypeEnum } from './webhook.model.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

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
export class WebhookDeliveriesArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    endpointId: idSchema.nullish(),
    status: z.enum(['PENDING', 'SUCCEEDED', 'FAILED']).nullish(),
  });

  @Field(() => ID, { nullable: true })
  endpointId?: string | null;

  @Field(() => WebhookDeliveryStatusEnum, { nullable: true })
  status?: WebhookDeliveryStatusEnum | null;
}
