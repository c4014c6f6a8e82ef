import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, TENANT_ROLES } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { Agent, AgentConnection, AgentFactsSnapshot } from './agent.model.js';
import { AgentsArgs, UpdateAgentConfigInput } from './agent.inputs.js';
import { AgentsService } from './agents.service.js';

@Resolver(() => Agent)
export class AgentsResolver {
  constructor(@Inject(AgentsService) private readonly service: AgentsService) {}

  @Roles(...TENANT_ROLES)
  @Query(() => AgentConnection, {
    description: 'Agents, oldest first (a customer user sees only its own).',
  })
  agents(@Args() args: AgentsArgs): Promise<AgentConnection> {
    return this.service.list(args);
  }

  @Roles(...TENANT_ROLES)
  @Query(() => Agent)
  agent(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Agent> {
    return this.service.get(id);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => Agent, {
    description: 'Revokes the agent and its certificates; it is refused from its next request.',
  })
  revokeAgent(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Agent> {
    return this.service.revoke(id);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => Agent, {
    description:
      'Schedules, discovery targets and SNMP settings sent to the agent; bumps its config version.',
  })
  updateAgentConfig(@Args('input') input: UpdateAgentConfigInput): Promise<Agent> {
    return this.service.updateConfig(input);
  }

  @ResolveField(() => [AgentFactsSnapshot], {
    description:
      'Its facts over the last `hours` (1–168), one snapshot per quarter hour at most, oldest first. For one agent at a time: it is read per agent.',
  })
  factsHistory(
    @Parent() agent: Agent,
    @Args('hours', { type: () => Int, defaultValue: 24 }) hours: number,
  ): Promise<AgentFactsSnapshot[]> {
    return this.service.factsHistory(agent.id, hours);
  }
}
