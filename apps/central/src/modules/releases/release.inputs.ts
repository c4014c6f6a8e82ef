import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { RELEASE_VERSION_PATTERN } from '@printbeat/domain';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { ReleaseChannel } from './release.model.js';

@InputType()
export class SetAgentUpdateTargetInput {
  static readonly schema = z
    .object({
      customerId: idSchema.nullish(),
      agentId: idSchema.nullish(),
      channel: z.enum(['STABLE', 'BETA']),
      version: z.string().regex(RELEASE_VERSION_PATTERN, 'x.y.z or x.y.z-pre').nullish(),
      rolloutPercent: z.number().int().min(0).max(100),
      allowDowngrade: z.boolean().nullish(),
    })
    .refine((input) => !(input.customerId && input.agentId), {
      message: 'give at most one of customerId and agentId',
    });

  @Field(() => ID, { nullable: true, description: 'One customer’s agents.' })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'One agent. Neither: the whole tenant.' })
  agentId?: string | null;

  @Field(() => ReleaseChannel)
  channel: ReleaseChannel;

  @Field(() => String, {
    nullable: true,
    description: 'A fixed version; null follows the channel’s newest release.',
  })
  version?: string | null;

  @Field(() => Int, { description: '0–100: agents whose rollout bucket is below it update now.' })
  rolloutPercent: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Let agents install an older release than they run (explicit downgrade).',
  })
  allowDowngrade?: boolean | null;
}

@InputType()
export class SetAgentUpdateConsentInput {
  static readonly schema = z.object({ customerId: idSchema, allowed: z.boolean() });

  @Field(() => ID)
  customerId: string;

  @Field({ description: 'false: this customer’s agents are offered no update.' })
  allowed: boolean;
}
