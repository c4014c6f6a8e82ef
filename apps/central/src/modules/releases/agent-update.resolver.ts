import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { Agent } from '../agents/agent.model.js';
import { AgentUpdateLoader } from './agent-update.loader.js';
import { AgentUpdateStatus } from './release.model.js';
import { agentPlatform } from './update-plan.js';

/** `Agent.update`: the releases module extends the agent type rather than the reverse. */
@Resolver(() => Agent)
export class AgentUpdateResolver {
  constructor(@Inject(AgentUpdateLoader) private readonly loader: AgentUpdateLoader) {}

  @ResolveField(() => AgentUpdateStatus, {
    description: 'Its target version, whether it is offered now (or why not) and its last report.',
  })
  update(@Parent() agent: Agent, @Loaders() loaders: RequestLoaders): Promise<AgentUpdateStatus> {
    return this.loader.statusOf(loaders, {
      agentId: agent.id,
      customerId: agent.customerId,
      running: agent.version,
      platform: agentPlatform(agent.facts),
    });
  }
}
