import { Inject, Injectable } from '@nestjs/common';
import type { Tenant as TenantRow } from '@prisma/client';
import { hashPassword } from '../../platform/auth/password-hasher.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ForbiddenError } from '../../platform/errors/domain.errors.js';
import {
  CREATED_AT_CURSOR_KEYS,
  createdAtCursor,
  toConnection,
  toPage,
  type ConnectionShape,
  type PageArgs,
} from '../../platform/graphql/pagination.js';
import { toUser } from '../users/users.service.js';
import type { CreatedTenant, Tenant } from './tenant.model.js';
import type { CreateTenantInput } from './tenant.inputs.js';
import { TenantNotFoundError, TenantSlugTakenError } from './tenants.errors.js';
import { TenantsRepository } from './tenants.repository.js';

@Injectable()
export class TenantsService {
  constructor(@Inject(TenantsRepository) private readonly repository: TenantsRepository) {}

  async get(id: string): Promise<Tenant> {
    const row = await this.repository.findDealerById(id);
    if (!row) throw new TenantNotFoundError(id);
    return toTenant(row);
  }

  async list(args: PageArgs): Promise<ConnectionShape<Tenant>> {
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const rows = await this.repository.listDealers({ take: page.first + 1, after: page.after });
    return toConnection(rows, page.first, createdAtCursor, toTenant);
  }

  async create(input: CreateTenantInput, principal: Principal): Promise<CreatedTenant> {
    const { actor } = principal;
    if (actor.kind !== 'user' || actor.role !== 'PLATFORM_OPERATOR') throw new ForbiddenError();
    if (await this.repository.slugTaken(input.slug)) throw new TenantSlugTakenError(input.slug);
    const passwordHash = await hashPassword(input.admin.password);
    const { tenant, admin } = await this.repository.createWithAdmin({
      name: input.name,
      slug: input.slug,
      admin: { email: input.admin.email, name: input.admin.name, passwordHash },
      operator: { tenantId: principal.tenantId, userId: actor.userId },
    });
    return { tenant: toTenant(tenant), admin: toUser(admin) };
  }
}

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
  };
}
