import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../platform/logging/logger.js';
import { TenantPrisma } from '../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../platform/tenancy/tenant-context.js';
import { AuditService } from '../modules/audit/audit.service.js';
import { runAsAgent, type AgentPrincipal } from '../platform/auth/agent-principal.js';
import type { RefusalScope } from '../modules/audit/refusal-scope.js';
import { GatewayRepository } from './gateway.repository.js';

export type Refusal = { status: number; code: string; path: string; sourceAddress: string };

/**
 * Every refusal of the gateway is audited where it belongs: in the agent's tenant when the
 * caller is known (an authenticated agent, or a key/certificate of a known tenant), else in
 * the platform trail (unknown keys, foreign certificates, no certificate at all).
 */
@Injectable()
export class GatewayAuditor {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(GatewayRepository) private readonly repository: GatewayRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async refused(
    refusal: Refusal,
    agent: AgentPrincipal | undefined,
    scope: RefusalScope | undefined,
  ): Promise<void> {
    const details = {
      code: refusal.code,
      status: refusal.status,
      path: refusal.path,
      sourceAddress: refusal.sourceAddress,
    };
    try {
      if (agent) {
        await runAsAgent(agent, () =>
          this.db.run((tx) =>
            this.audit.record(tx, {
              action: 'gateway.refused',
              targetType: 'Agent',
              targetId: agent.agentId,
              outcome: 'DENIED',
              details,
            }),
          ),
        );
      } else if (scope) {
        const target = scope.details?.['agentId']
          ? { targetType: 'Agent', targetId: scope.details['agentId'] }
          : {
              targetType: 'RegistrationKey',
              targetId: scope.details?.['registrationKeyId'] ?? 'unknown',
            };
        await tenantContext.run(
          {
            tenantId: scope.tenantId,
            customerId: scope.customerId,
            actor: { kind: 'system', name: 'agent-gateway' },
          },
          () =>
            this.db.run((tx) =>
              this.audit.record(tx, {
                action: 'gateway.refused',
                ...target,
                customerId: scope.customerId,
                outcome: 'DENIED',
                details: { ...scope.details, ...details },
              }),
            ),
        );
      } else {
        await this.repository.recordPlatformRefusal({
          action: 'gateway.refused',
          ip: refusal.sourceAddress,
          details,
        });
      }
    } catch (error) {
      // The refusal itself stands; a lost audit line is logged, not turned into a 500.
      this.logger.error({ err: error, code: refusal.code }, 'could not audit a gateway refusal');
    }
  }
}
