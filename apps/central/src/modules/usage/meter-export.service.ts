import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { describeActor } from '../../platform/auth/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { BillingExportService } from './billing-export.service.js';
import { MeterExportTokens, type MeterExportGrant } from './meter-export-token.js';
import type { MeterExportLink } from './usage.model.js';

export const METER_EXPORT_TOKENS = Symbol('METER_EXPORT_TOKENS');
const LINK_TTL_SECONDS = 15 * 60;

export type MeterExportRequest = {
  /** null: every customer the caller sees. */
  customerId: string | null;
  from: Date;
  to: Date;
  counters: string[] | null;
  /** Start the file with a UTF-8 byte order mark. */
  bom: boolean;
};

/**
 * The billing export CSV of one customer's period, streamed page by page (constant memory),
 * for a session/API key or a signed link.
 */
@Injectable()
export class MeterExportService {
  constructor(
    @Inject(BillingExportService) private readonly billing: BillingExportService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(METER_EXPORT_TOKENS) private readonly tokens: MeterExportTokens,
    @Inject(CustomersService) private readonly customers: CustomersService,
  ) {}

  async createLink(
    request: MeterExportRequest,
    baseUrl: string,
    now = new Date(),
  ): Promise<MeterExportLink> {
    if (request.customerId) await this.customers.get(request.customerId);
    const { tenantId, customerId, actor } = tenantContext.get();
    const expiresAt = Math.floor(now.getTime() / 1000) + LINK_TTL_SECONDS;
    const token = this.tokens.sign({
      tenantId,
      customerId: request.customerId,
      scopeCustomerId: customerId,
      actor: describeActor(actor),
      from: request.from.toISOString(),
      to: request.to.toISOString(),
      counters: request.counters,
      bom: request.bom,
      expiresAt,
    });
    return {
      url: `${baseUrl}/api/v1/meters/exports/${token}`,
      expiresAt: new Date(expiresAt * 1000),
    };
  }

  /** The grant of a valid link, or null. */
  grantOf(token: string): MeterExportGrant | null {
    return this.tokens.verify(token);
  }

  /** Runs the export of a link in the context of its creator's tenant (and customer scope). */
  streamGrant(grant: MeterExportGrant, out: Writable): Promise<void> {
    const context = {
      tenantId: grant.tenantId,
      customerId: grant.scopeCustomerId,
      actor: { kind: 'system' as const, name: `meter-export:${grant.actor}` },
    };
    return tenantContext.run(context, () =>
      this.stream(
        {
          customerId: grant.customerId,
          from: new Date(grant.from),
          to: new Date(grant.to),
          counters: grant.counters,
          bom: grant.bom ?? false,
        },
        out,
      ),
    );
  }

  /** Refuses (NOT_FOUND) a customer the caller cannot see, before any byte is written. */
  async assertVisible(request: MeterExportRequest): Promise<void> {
    if (request.customerId) await this.customers.get(request.customerId);
  }

  /** Writes the CSV to `out` in the current tenant context, honouring back-pressure. */
  async stream(request: MeterExportRequest, out: Writable): Promise<void> {
    await this.db.run((tx) =>
      this.audit.record(tx, {
        action: 'meters.export',
        targetType: request.customerId ? 'Customer' : 'Tenant',
        targetId: request.customerId ?? tenantContext.get().tenantId,
        customerId: request.customerId,
        details: {
          from: request.from.toISOString(),
          to: request.to.toISOString(),
          counters: request.counters,
        },
      }),
    );
    await this.billing.stream(
      {
        customerId: request.customerId,
        from: request.from,
        to: request.to,
        counters: request.counters,
      },
      out,
      { bom: request.bom },
    );
  }
}
