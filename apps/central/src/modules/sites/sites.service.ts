import { Inject, Injectable } from '@nestjs/common';
import type { Site as SiteRow } from '@prisma/client';
import { canReachCustomer } from '../../platform/auth/customer-scope.js';
import {
  CREATED_AT_CURSOR_KEYS,
  createdAtCursor,
  toConnection,
  toPage,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CustomerNotFoundError } from '../customers/customers.errors.js';
import type { Site } from './site.model.js';
import type { CreateSiteInput, SitesArgs, UpdateSiteInput } from './site.inputs.js';
import { SiteNameTakenError, SiteNotFoundError } from './sites.errors.js';
import { SitesRepository } from './sites.repository.js';

@Injectable()
export class SitesService {
  constructor(
    @Inject(SitesRepository) private readonly repository: SitesRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  async get(id: string): Promise<Site> {
    const row = await this.db.run((tx) => this.repository.findById(tx, id));
    if (!row) throw new SiteNotFoundError(id);
    return toSite(row);
  }

  async list(args: SitesArgs): Promise<ConnectionShape<Site>> {
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const rows = await this.db.run((tx) =>
      this.repository.list(
        tx,
        { customerId: args.customerId },
        { take: page.first + 1, after: page.after },
      ),
    );
    return toConnection(rows, page.first, createdAtCursor, toSite);
  }

  create(input: CreateSiteInput): Promise<Site> {
    const { tenantId } = tenantContext.get();
    if (!canReachCustomer(input.customerId)) throw new CustomerNotFoundError(input.customerId);
    return this.db.run(async (tx) => {
      if (!(await this.repository.customerExists(tx, input.customerId)))
        throw new CustomerNotFoundError(input.customerId);
      if (await this.repository.nameTaken(tx, input.customerId, input.name))
        throw new SiteNameTakenError(input.name);
      const row = await this.repository.create(tx, {
        tenantId,
        customerId: input.customerId,
        name: input.name,
        address: input.address ?? null,
        timeZone: input.timeZone ?? null,
      });
      await this.audit.record(tx, {
        action: 'site.create',
        targetType: 'Site',
        targetId: row.id,
        customerId: row.customerId,
      });
      return toSite(row);
    });
  }

  update(input: UpdateSiteInput): Promise<Site> {
    return this.db.run(async (tx) => {
      const existing = await this.repository.findById(tx, input.id);
      if (!existing) throw new SiteNotFoundError(input.id);
      if (
        input.name !== undefined &&
        (await this.repository.nameTaken(tx, existing.customerId, input.name, existing.id))
      ) {
        throw new SiteNameTakenError(input.name);
      }
      const row = await this.repository.update(tx, input.id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
      });
      if (!row) throw new SiteNotFoundError(input.id);
      await this.audit.record(tx, {
        action: 'site.update',
        targetType: 'Site',
        targetId: row.id,
        customerId: row.customerId,
        details: { fields: Object.keys(input).filter((key) => key !== 'id') },
      });
      return toSite(row);
    });
  }

  archive(id: string): Promise<Site> {
    return this.db.run(async (tx) => {
      const row = await this.repository.update(tx, id, { archivedAt: new Date() });
      if (!row) throw new SiteNotFoundError(id);
      await this.audit.record(tx, {
        action: 'site.archive',
        targetType: 'Site',
        targetId: row.id,
        customerId: row.customerId,
      });
      return toSite(row);
    });
  }
}

export function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    customerId: row.customerId,
    name: row.name,
    address: row.address,
    timeZone: row.timeZone,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
