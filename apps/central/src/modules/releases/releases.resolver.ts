import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, TENANT_ROLES } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { AgentRelease, AgentUpdateReport, AgentUpdateTarget } from './release.model.js';
import { SetAgentUpdateConsentInput, SetAgentUpdateTargetInput } from './release.inputs.js';
import { ReleasesService } from './releases.service.js';

@Resolver()
export class ReleasesResolver {
  constructor(@Inject(ReleasesService) private readonly service: ReleasesService) {}

  @Roles('PLATFORM_OPERATOR', 'DEALER_ADMIN')
  @Query(() => [AgentRelease], {
    description: 'Published agent releases, newest first (`npm run publish-release` adds one).',
  })
  agentReleases(
    @Args('platform', { type: () => String, nullable: true }) platform: string | null,
  ): Promise<AgentRelease[]> {
    return this.service.releases(platform ?? null);
  }

  @Roles('DEALER_ADMIN')
  @Query(() => [AgentUpdateTarget], { description: 'This tenant’s update targets.' })
  agentUpdateTargets(): Promise<AgentUpdateTarget[]> {
    return this.service.targets();
  }

  @Roles(...TENANT_ROLES)
  @Query(() => [AgentUpdateReport], {
    description: 'What the agent reported about its updates, newest first.',
  })
  agentUpdateReports(
    @Args('agentId', { type: () => ID }, IdPipe) agentId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<AgentUpdateReport[]> {
    return this.service.reports(agentId, first);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => AgentUpdateTarget, {
    description:
      'Sets the release for the tenant’s agents, one customer’s or one agent’s (replacing that scope’s target).',
  })
  setAgentUpdateTarget(
    @Args('input') input: SetAgentUpdateTargetInput,
  ): Promise<AgentUpdateTarget> {
    return this.service.setTarget(input);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => Boolean, {
    description: 'Removes a target: its scope follows the next wider one.',
  })
  removeAgentUpdateTarget(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<boolean> {
    return this.service.removeTarget(id);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => Boolean, {
    description: 'The customer’s consent to agent updates (default yes); returns it.',
  })
  setAgentUpdateConsent(@Args('input') input: SetAgentUpdateConsentInput): Promise<boolean> {
    return this.service.setConsent(input);
  }
}
