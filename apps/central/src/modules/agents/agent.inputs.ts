import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';
import { agentConfigOverridesSchema, type AgentConfigOverrides } from './agent-config.js';

@ArgsType()
export class AgentsArgs {
  static readonly schema = z.object({
    customerId: idSchema.nullish(),
    siteId: idSchema.nullish(),
    first: z.number().int().min(1, { error: 'must be between 1 and 100' }).max(100, { error: 'must be between 1 and 100' }).default(20),
    after: z.string().max(500).nullish(),
  });

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  siteId?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType()
export class UpdateAgentConfigInput {
  static readonly schema = z.object({ agentId: idSchema, config: agentConfigOverridesSchema });

  @Field(() => ID)
  agentId: string;

  @Field(() => JsonScalar, {
    description: 'Replaces the overrides: { schedules?: {discovery|meters|status|upload|commandPoll}, discovery?: {targets, snmpPort, concurrency, timeoutMs}, snmp? }.',
  })
  config: AgentConfigOverrides;
}
