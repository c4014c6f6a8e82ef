import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../platform/graphql/id.pipe.js';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';
import { agentConfigOverridesSchema, type AgentConfigOverrides } from './agent-config.js';
import { PageArgs } from '../../platform/graphql/pagination.js';

@ArgsType()
export class AgentsArgs extends PageArgs {
  static override readonly schema = PageArgs.schema.extend({
    customerId: idSchema.nullish(),
    siteId: idSchema.nullish(),
  });

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  siteId?: string | null;
}

@InputType()
export class UpdateAgentConfigInput {
  static readonly schema = z.object({ agentId: idSchema, config: agentConfigOverridesSchema });

  @Field(() => ID)
  agentId: string;

  @Field(() => JsonScalar, {
    description:
      'Replaces the overrides: { schedules?: {discovery|meters|status|upload|commandPoll}, discovery?: {targets, snmpPort, concurrency, timeoutMs}, snmp? }. snmp is one set of credentials {version, community?, user?, authProtocol?, authKey?, privProtocol?, privKey?, context?} or a list of up to 10 tried in order; a target may be {target, snmp} with its own list.',
  })
  config: AgentConfigOverrides;
}
