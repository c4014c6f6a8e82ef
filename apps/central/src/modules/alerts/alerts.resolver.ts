import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scopes, TENANT_ROLES } from '../../platform/auth/auth.decorators.js';
import { AlertsArgs } from './alert.inputs.js';
import { Alert, AlertConnection } from './alert.model.js';
import { AlertsService } from './alerts.service.js';

@Resolver(() => Alert)
export class AlertsResolver {
  constructor(@Inject(AlertsService) private readonly service: AlertsService) {}

  @Roles(...TENANT_ROLES)
  @Scopes('alerts:read')
  @Query(() => AlertConnection, {
    description: 'Alerts, newest first (a customer user sees only its own).',
  })
  alerts(@Args() args: AlertsArgs): Promise<AlertConnection> {
    return this.service.list(args);
  }
}
