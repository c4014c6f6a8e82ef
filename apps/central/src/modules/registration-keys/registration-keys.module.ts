import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AgentGatewayResolver } from './agent-gateway.resolver.js';
import { RegistrationKeysRepository } from './registration-keys.repository.js';
import { RegistrationKeysResolver } from './registration-keys.resolver.js';
import { RegistrationKeysService } from './registration-keys.service.js';

@Module({
  imports: [AuditModule],
  providers: [
    RegistrationKeysRepository,
    RegistrationKeysService,
    RegistrationKeysResolver,
    AgentGatewayResolver,
  ],
})
export class RegistrationKeysModule {}
