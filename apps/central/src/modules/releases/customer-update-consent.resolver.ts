import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { Customer } from '../customers/customer.model.js';
import { AgentUpdateLoader } from './agent-update.loader.js';

/** `Customer.agentUpdatesAllowed`: the releases module extends the customer type. */
@Resolver(() => Customer)
export class CustomerUpdateConsentResolver {
  constructor(@Inject(AgentUpdateLoader) private readonly loader: AgentUpdateLoader) {}

  @ResolveField(() => Boolean, {
    description:
      "The customer's consent to agent updates (setAgentUpdateConsent; true until refused).",
  })
  agentUpdatesAllowed(
    @Parent() customer: Customer,
    @Loaders() loaders: RequestLoaders,
  ): Promise<boolean> {
    return this.loader.consentOf(loaders, customer.id);
  }
}
