import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import type { MaskingPolicy } from './masking-policy.js';

const POLICY_COLUMNS = {
  maskIp: true,
  maskMac: true,
  maskHostname: true,
  maskContactLocation: true,
} as const;

type PolicyRow = {
  maskIp: MaskingPolicy['ip'];
  maskMac: MaskingPolicy['mac'];
  maskHostname: MaskingPolicy['hostname'];
  maskContactLocation: MaskingPolicy['contactLocation'];
};

const toPolicy = (row: PolicyRow): MaskingPolicy => ({
  ip: row.maskIp,
  mac: row.maskMac,
  hostname: row.maskHostname,
  contactLocation: row.maskContactLocation,
});

const toColumns = (policy: Partial<MaskingPolicy>) => ({
  ...(policy.ip ? { maskIp: policy.ip } : {}),
  ...(policy.mac ? { maskMac: policy.mac } : {}),
  ...(policy.hostname ? { maskHostname: policy.hostname } : {}),
  ...(policy.contactLocation ? { maskContactLocation: policy.contactLocation } : {}),
});

/** Masking columns of tenants and customers on a tenant-scoped transaction. */
@Injectable()
export class MaskingRepository {
  async tenantPolicy(tx: Prisma.TransactionClient, tenantId: string) {
    const row = await tx.tenant.findFirst({ where: { id: tenantId }, select: POLICY_COLUMNS });
    return row ? toPolicy(row) : null;
  }

  async updateTenantPolicy(
    tx: Prisma.TransactionClient,
    tenantId: string,
    policy: Partial<MaskingPolicy>,
  ): Promise<MaskingPolicy | null> {
    const { count } = await tx.tenant.updateMany({
      where: { id: tenantId },
      data: toColumns(policy),
    });
    return count === 1 ? this.tenantPolicy(tx, tenantId) : null;
  }

  /** The customer's own policy, its tenant's, and its key (null until first needed). */
  async customerMasking(tx: Prisma.TransactionClient, customerId: string) {
    const row = await tx.customer.findFirst({
      where: { id: customerId },
      select: { ...POLICY_COLUMNS, maskingKey: true, tenant: { select: POLICY_COLUMNS } },
    });
    if (!row) return null;
    return {
      customer: toPolicy(row),
      tenant: toPolicy(row.tenant),
      key: row.maskingKey ? Buffer.from(row.maskingKey) : null,
    };
  }

  async updateCustomerPolicy(
    tx: Prisma.TransactionClient,
    customerId: string,
    policy: Partial<MaskingPolicy>,
  ): Promise<boolean> {
    const { count } = await tx.customer.updateMany({
      where: { id: customerId },
      data: toColumns(policy),
    });
    return count === 1;
  }

  /** Sets the key unless one is set already (a concurrent call may have won); returns the key in force. */
  async ensureKey(
    tx: Prisma.TransactionClient,
    customerId: string,
    candidate: Buffer,
  ): Promise<Buffer | null> {
    await tx.customer.updateMany({
      where: { id: customerId, maskingKey: null },
      data: { maskingKey: new Uint8Array(candidate) },
    });
    const row = await tx.customer.findFirst({
      where: { id: customerId },
      select: { maskingKey: true },
    });
    return row?.maskingKey ? Buffer.from(row.maskingKey) : null;
  }
}
