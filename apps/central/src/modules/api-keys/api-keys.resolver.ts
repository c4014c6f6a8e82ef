import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';
import { ApiKey, ApiKeyConnection, CreatedApiKey } from './api-key.model.js';
import { CreateApiKeyInput } from './api-key.inputs.js';
import { ApiKeysService } from './api-keys.service.js';

@Resolver(() => ApiKey)
export class ApiKeysResolver {
  constructor(@Inject(ApiKeysService) private readonly service: ApiKeysService) {}

  @Roles('DEALER_ADMIN')
  @Query(() => ApiKeyConnection)
  apiKeys(@Args() args: PageArgs): Promise<ApiKeyConnection> {
    return this.service.list(args);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => CreatedApiKey, {
    description: 'The secret is in this response only; it is stored hashed.',
  })
  createApiKey(@Args('input') input: CreateApiKeyInput): Promise<CreatedApiKey> {
    return this.service.create(input);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => ApiKey)
  revokeApiKey(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<ApiKey> {
    return this.service.revoke(id);
  }
}
