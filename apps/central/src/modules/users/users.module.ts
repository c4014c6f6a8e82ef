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
  ],
})
export class UsersModule {}
