import { Module } from '@nestjs/common';
import { AgentsModule } from '../modules/agents/agents.module.js';
import { AuditModule } from '../modules/audit/audit.module.js';
import { CommandsModule } from '../modules/commands/commands.module.js';
import { EnrollmentModule } from '../modules/enrollment/enrollment.module.js';
import { ReleasesModule } from '../modules/releases/releases.module.js';
import { UploadsModule } from '../modules/uploads/uploads.module.js';
import { AgentAuthenticator } from './agent-authenticator.js';
import { GatewayAuditor } from './gateway-auditor.js';
import { GatewayRepository } from './gateway.repository.js';
import { GatewayServer } from './gateway.server.js';

/** The agent gateway (mTLS port) and its request pipeline; the feature services do the work. */
@Module({
  imports: [
    AuditModule,
    EnrollmentModule,
    UploadsModule,
    CommandsModule,
    AgentsModule,
    ReleasesModule,
  ],
  providers: [GatewayRepository, AgentAuthenticator, GatewayAuditor, GatewayServer],
  exports: [GatewayServer],
})
export class GatewayModule {}
