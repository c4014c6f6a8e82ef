import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
} from './webhook.inputs.js';
import {
  CreatedWebhookEndpoint,
  WebhookDeliveryConnection,
  WebhookEndpoint,
  WebhookEndpointConnection,
} from './webhook.model.js';
import { WebhooksService } from './webhooks.service.js';

@Resolver(() => WebhookEndpoint)
export class WebhooksResolver {
  constructor(@Inject(WebhooksService) private readonly service: WebhooksService) {}

  @Roles('DEALER_ADMIN')
  @Query(() => WebhookEndpointConnection)
  webhookEndpoints(@Args() args: PageArgs): Promise<WebhookEndpointConnection> {
    return this.service.listEndpoints({ first: args.first ?? 20, after: args.after ?? null });
  }

  @Roles('DEALER_ADMIN')
  @Query(() => WebhookDeliveryConnection, { description: 'The delivery log, newest first.' })
  webhookDeliveries(@Args() args: WebhookDeliveriesArgs): Promise<WebhookDeliveryConnection> {
    return this.service.listDeliveries(args);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => CreatedWebhookEndpoint, {
    description: 'The signing secret is in this response only.',
  })
  createWebhookEndpoint(
    @Args('input') input: CreateWebhookEndpointInput,
  ): Promise<CreatedWebhookEndpoint> {
    return this.service.createEndpoint(input);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => WebhookEndpoint)
  updateWebhookEndpoint(
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('input') input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpoint> {
    return this.service.updateEndpoint(id, input);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => CreatedWebhookEndpoint, {
    description: 'A new signing secret, shown once; the old one stops working.',
  })
  rotateWebhookEndpointSecret(
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<CreatedWebhookEndpoint> {
    return this.service.rotateSecret(id);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => Boolean)
  deleteWebhookEndpoint(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<boolean> {
    return this.service.deleteEndpoint(id);
  }
}
