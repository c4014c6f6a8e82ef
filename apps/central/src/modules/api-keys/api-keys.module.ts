import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysResolver } from './api-keys.resolver.js';
import { ApiKeysService } from './api-keys.service.js';

@Module({
  imports: [AuditModule],
  providers: [ApiKeysRepository, ApiKeysService, ApiKeysResolver],
})
export class ApiKeysModule {}
