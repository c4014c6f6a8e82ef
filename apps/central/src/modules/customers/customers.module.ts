import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CustomerLoader } from './customer.loader.js';
import { CustomersRepository } from './customers.repository.js';
import { CustomersResolver } from './customers.resolver.js';
import { CustomersService } from './customers.service.js';

@Module({
  imports: [AuditModule],
  providers: [CustomersRepository, CustomersService, CustomerLoader, CustomersResolver],
  exports: [CustomersService, CustomerLoader],
})
export class CustomersModule {}
