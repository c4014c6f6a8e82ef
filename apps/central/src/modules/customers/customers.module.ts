import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CustomersRepository } from './customers.repository.js';
import { CustomersResolver } from './customers.resolver.js';
import { CustomersService } from './customers.service.js';

@Module({
  imports: [AuditModule],
  providers: [CustomersRepository, CustomersService, CustomersResolver],
  exports: [CustomersService],
})
export class CustomersModule {}
