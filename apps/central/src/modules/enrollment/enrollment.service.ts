import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PkiError, type IssuedCertificate } from '@printbeat/pki';
import type { AgentPrincipal } from '../../platform/auth/agent-principal.js';
import { constantTimeEqualHex, sha256Hex } from '../../platform/auth/opaque-tokens.js';
import { CentralPki } from '../../platform/pki/central-pki.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { RateLimits } from '../../platform/rate-limits/rate-limits.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { buildRemoteConfig, type AgentRemoteConfig } from '../agents/agent-config.js';
import { AuditService } from '../audit/audit.service.js';
import { MaskingService } from '../masking/masking.service.js';
import type { RefusalScope } from '../audit/refusal-scope.js';
import { parseRegistrationKey } from '../registration-keys/registration-key-secret.js';
import {
  EnrollmentRateLimitedError,
  InvalidCsrError,
  RegistrationKeyExpiredError,
  RegistrationKeyInvalidError,
  RegistrationKeyUsedUpError,
} from './enrollment.errors.js';
import type { EnrollRequest } from './enrollment.inputs.js';
import { EnrollmentRepository } from './enrollment.repository.js';

export type EnrollResponse = {
  agentId: string;
  tenantId: string;
  customerId: string;
  siteId: string;
  certificate: string;
  caChain: string[];
  config: AgentRemoteConfig;
};

/**
 * One-time registration of an agent with a registration key, and certificate renewal. The
 * key is checked (hash, revocation, expiry, uses), the CSR signed, and agent, certificate
 * and key use are written in one transaction.
 */
@Injectable()
export class EnrollmentService {
  constructor(
    @Inject(EnrollmentRepository) private readonly repository: EnrollmentRepository,
    @Inject(CentralPki) private readonly pki: CentralPki,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(RateLimits) private readonly limits: RateLimits,
    @Inject(MaskingService) private readonly masking: MaskingService,
  ) {}

  async enroll(request: EnrollRequest, sourceAddress: string): Promise<EnrollResponse> {
    const retryAfter = await this.limits.enrollmentAttempt(sourceAddress);
    if (retryAfter > 0) throw new EnrollmentRateLimitedError(retryAfter);
    if (!parseRegistrationKey(request.registrationKey)) throw new RegistrationKeyInvalidError();
    const hash = sha256Hex(request.registrationKey);
    const key = await this.repository.findKeyByHash(hash);
    if (!key || !constantTimeEqualHex(key.keyHash, hash)) throw new RegistrationKeyInvalidError();

    const scope: RefusalScope = {
      tenantId: key.tenantId,
      customerId: key.customerId,
      details: { registrationKeyId: key.id, prefix: key.prefix },
    };
    const now = new Date();
    // Unknown and revoked share one code so keys cannot be probed; the audit trail tells them apart.
    if (key.revokedAt || key.customer.archivedAt || key.customer.tenant.disabledAt) {
      throw new RegistrationKeyInvalidError({
        ...scope,
        details: { ...scope.details, reason: 'revoked' },
      });
    }
    if (key.expiresAt.getTime() <= now.getTime()) throw new RegistrationKeyExpiredError(scope);
    if (key.maxUses !== null && key.useCount >= key.maxUses)
      throw new RegistrationKeyUsedUpError(scope);

    const agentId = randomUUID();
    const issued = this.sign(
      { csrPem: request.csr, agentId, tenantId: key.tenantId, customerId: key.customerId },
      scope,
    );
    const allowedActions = key.customer.allowedCommandTypes;
    const context = {
      tenantId: key.tenantId,
      customerId: key.customerId,
      actor: { kind: 'agent' as const, agentId },
    };

    const enrolled = await tenantContext.run(context, () =>
      this.db.run(async (tx) => {
        if (!(await this.repository.consumeKey(tx, key.id, now))) return null;
        // The first upload follows at once: it must already be masked as central asks.
        const masking = await this.masking.forAgent(tx, key.customerId);
        const created = await this.repository.createAgent(tx, {
          tenantId: key.tenantId,
          id: agentId,
          customerId: key.customerId,
          siteId: key.siteId,
          registrationKeyId: key.id,
          name: request.facts.hostname,
          hostname: request.facts.hostname,
          os: request.facts.os,
          version: request.facts.agentVersion,
          lastContactAt: now,
          config: { servedAllowedActions: allowedActions, servedMasking: masking.policy },
        });
        await this.repository.createCertificate(
          tx,
          certificateRow(issued, { tenantId: key.tenantId, customerId: key.customerId, agentId }),
        );
        await this.audit.record(tx, {
          action: 'agent.enroll',
          targetType: 'Agent',
          targetId: agentId,
          customerId: key.customerId,
          details: {
            registrationKeyId: key.id,
            prefix: key.prefix,
            siteId: key.siteId,
            serial: issued.serial,
            sourceAddress,
            hostname: request.facts.hostname,
          },
        });
        return { created, masking };
      }),
    );
    // Lost a race for the last use (or the key changed in between).
    if (!enrolled) throw new RegistrationKeyUsedUpError(scope);

    return {
      agentId,
      tenantId: key.tenantId,
      customerId: key.customerId,
      siteId: key.siteId,
      certificate: issued.certPem,
      caChain: this.pki.chainPem,
      config: buildRemoteConfig(
        {},
        enrolled.created.configVersion,
        allowedActions,
        enrolled.masking,
      ),
    };
  }

  /** A fresh certificate for an authenticated agent; the current one stays valid until it expires. */
  async renew(
    agent: AgentPrincipal,
    csrPem: string,
  ): Promise<{ certificate: string; caChain: string[] }> {
    const issued = this.sign(
      { csrPem, agentId: agent.agentId, tenantId: agent.tenantId, customerId: agent.customerId },
      undefined,
    );
    await this.db.run(async (tx) => {
      await this.repository.createCertificate(tx, certificateRow(issued, agent));
      await this.audit.record(tx, {
        action: 'agent.renew',
        targetType: 'Agent',
        targetId: agent.agentId,
        details: {
          serial: issued.serial,
          previousSerial: agent.serial,
          sourceAddress: agent.sourceAddress,
        },
      });
    });
    return { certificate: issued.certPem, caChain: this.pki.chainPem };
  }

  private sign(
    input: { csrPem: string; agentId: string; tenantId: string; customerId: string },
    scope: RefusalScope | undefined,
  ): IssuedCertificate {
    try {
      return this.pki.signAgentCsr(input);
    } catch (error) {
      if (
        error instanceof PkiError &&
        ['INVALID_CSR', 'CSR_SIGNATURE_INVALID', 'WEAK_KEY', 'INVALID_KEY'].includes(error.code)
      ) {
        throw new InvalidCsrError(error.message, scope);
      }
      throw error;
    }
  }
}

function certificateRow(
  issued: IssuedCertificate,
  owner: { tenantId: string; customerId: string; agentId: string },
) {
  return {
    tenantId: owner.tenantId,
    customerId: owner.customerId,
    agentId: owner.agentId,
    serial: issued.serial,
    fingerprint: issued.fingerprintSha256,
    certificatePem: issued.certPem,
    notBefore: issued.notBefore,
    notAfter: issued.notAfter,
  };
}
