import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RegistrationKeysRepository } from './registration-keys.repository.js';
import { RegistrationKeysResolver } from './registration-keys.resolver.js';
import { RegistrationKeysService } from './registration-keys.service.js';

@Module({
  imports: [AuditModule],
  providers: [RegistrationKeysRepository, RegistrationKeysService, RegistrationKeysResolver],
})
export class RegistrationKeysModule {}
