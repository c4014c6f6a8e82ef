import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { MyPasswordResolver } from './my-password.resolver.js';
import { MyPasswordService } from './my-password.service.js';
import { SessionUserResolver } from './session-user.resolver.js';
import { UserCustomerResolver } from './user-customer.resolver.js';
import { UsersRepository } from './users.repository.js';
import { UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';
import { EmailChangeService } from './email-change.service.js';
import { InvitationsService } from './invitations.service.js';
import { PasswordResetService } from './password-reset.service.js';
import { UserLinksRepository } from './user-links.repository.js';
import { UserLinksResolver } from './user-links.resolver.js';
import { UserLinksService } from './user-links.service.js';
import { UserMailWorker } from './user-mail.worker.js';

@Module({
  imports: [AuditModule, CustomersModule],
  providers: [
    UsersRepository,
    UsersService,
    UsersResolver,
    UserCustomerResolver,
    SessionUserResolver,
    MyPasswordService,
    MyPasswordResolver,
    UserLinksRepository,
    UserLinksService,
    UserMailWorker,
    PasswordResetService,
    InvitationsService,
    EmailChangeService,
    UserLinksResolver,
  ],
})
export class UsersModule {}
