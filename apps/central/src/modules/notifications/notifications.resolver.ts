import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';
import {
  CreateNotificationPolicyInput,
  NotificationMessagesArgs,
  UpdateNotificationPolicyInput,
} from './notification.inputs.js';
import {
  NotificationMessageConnection,
  NotificationPolicy,
  NotificationPolicyConnection,
  NotificationSettings,
} from './notification.model.js';
import { NotificationPoliciesService } from './notification-policies.service.js';

@Resolver(() => NotificationPolicy)
export class NotificationsResolver {
  constructor(
    @Inject(NotificationPoliciesService) private readonly service: NotificationPoliciesService,
  ) {}

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Query(() => NotificationSettings, { description: 'Whether this server can send e-mail.' })
  notificationSettings(): NotificationSettings {
    return this.service.settings();
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Query(() => NotificationPolicyConnection, {
    description: "A customer admin sees their customer's policies.",
  })
  notificationPolicies(@Args() args: PageArgs): Promise<NotificationPolicyConnection> {
    return this.service.list({ first: args.first ?? 20, after: args.after ?? null });
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Query(() => NotificationMessageConnection, {
    description: 'The e-mail delivery log, newest first.',
  })
  notificationMessages(
    @Args() args: NotificationMessagesArgs,
  ): Promise<NotificationMessageConnection> {
    return this.service.listMessages(args);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => NotificationPolicy)
  createNotificationPolicy(
    @Args('input') input: CreateNotificationPolicyInput,
  ): Promise<NotificationPolicy> {
    return this.service.create(input);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => NotificationPolicy)
  updateNotificationPolicy(
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('input') input: UpdateNotificationPolicyInput,
  ): Promise<NotificationPolicy> {
    return this.service.update(id, input);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => Boolean)
  deleteNotificationPolicy(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<boolean> {
    return this.service.delete(id);
  }
}
