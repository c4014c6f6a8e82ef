import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { canReachCustomer } from '../../platform/auth/customer-scope.js';
import { NotFoundError } from '../../platform/errors/domain.errors.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import type { CustomerMaskingSettings, MaskingSettings } from './masking.model.js';
import { newMaskingKey, stricterPolicy, type MaskingPolicy } from './masking-policy.js';
import { MaskingRepository } from './masking.repository.js';

/** The policy and key a customer's agents get in their remote config. */
export type AgentMasking = { policy: MaskingPolicy; key: Buffer };

@Injectable()
export class MaskingService {
  constructor(
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(MaskingRepository) private readonly repository: MaskingRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  tenantSettings(): Promise<MaskingSettings> {
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      const policy = await this.repository.tenantPolicy(tx, tenantId);
      if (!policy) throw new NotFoundError('Tenant', tenantId);
      return policy;
    });
  }

  updateTenantSettings(changes: Partial<MaskingPolicy>): Promise<MaskingSettings> {
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      const policy = await this.repository.updateTenantPolicy(tx, tenantId, changes);
      if (!policy) throw new NotFoundError('Tenant', tenantId);
      await this.audit.record(tx, {
        action: 'masking.update',
        targetType: 'tenant',
        targetId: tenantId,
        details: { ...policy },
      });
      return policy;
    });
  }

  customerSettings(customerId: string): Promise<CustomerMaskingSettings> {
    if (!canReachCustomer(customerId)) throw new NotFoundError('Customer', customerId);
    return this.db.run((tx) => this.readCustomer(tx, customerId));
  }

  updateCustomerSettings(
    customerId: string,
    changes: Partial<MaskingPolicy>,
  ): Promise<CustomerMaskingSettings> {
    if (!canReachCustomer(customerId)) throw new NotFoundError('Customer', customerId);
    return this.db.run(async (tx) => {
      if (!(await this.repository.updateCustomerPolicy(tx, customerId, changes)))
        throw new NotFoundError('Customer', customerId);
      const settings = await this.readCustomer(tx, customerId);
      await this.audit.record(tx, {
        action: 'masking.update',
        targetType: 'Customer',
        targetId: customerId,
        customerId,
        details: { ...settings.customer, effective: { ...settings.effective } },
      });
      return settings;
    });
  }

  /**
   * For an agent's remote config, on the caller's transaction: the customer's effective policy
   * and its hash key, made on first need (the key never changes after, so tokens stay stable).
   */
  async forAgent(tx: Prisma.TransactionClient, customerId: string): Promise<AgentMasking> {
    const found = await this.repository.customerMasking(tx, customerId);
    if (!found) throw new NotFoundError('Customer', customerId);
    const key = found.key ?? (await this.repository.ensureKey(tx, customerId, newMaskingKey()));
    if (!key) throw new NotFoundError('Customer', customerId);
    return { policy: stricterPolicy(found.tenant, found.customer), key };
  }

  private async readCustomer(
    tx: Prisma.TransactionClient,
    customerId: string,
  ): Promise<CustomerMaskingSettings> {
    const found = await this.repository.customerMasking(tx, customerId);
    if (!found) throw new NotFoundError('Customer', customerId);
    return {
      customerId,
      customer: found.customer,
      tenant: found.tenant,
      effective: stricterPolicy(found.tenant, found.customer),
    };
  }
}
