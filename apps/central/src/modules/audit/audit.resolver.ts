import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../platform/auth/auth.decorators.js';
import { AuditEventConnection } from './audit-event.model.js';
import { AuditEventsArgs } from './audit.inputs.js';
import { AuditService } from './audit.service.js';

@Resolver()
export class AuditResolver {
  constructor(@Inject(AuditService) private readonly service: AuditService) {}

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Query(() => AuditEventConnection, {
    description: 'Audit trail, newest first. Customer admins see their customer only.',
  })
  auditEvents(@Args() args: AuditEventsArgs): Promise<AuditEventConnection> {
    return this.service.list({ ...args, first: args.first ?? 20 });
  }
}
