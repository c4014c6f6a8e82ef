import { Inject, Injectable } from '@nestjs/common';
import type { RegistrationKey as RegistrationKeyRow } from '@prisma/client';
import { sha256Hex } from '../../platform/auth/opaque-tokens.js';
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
import type { CreatedRegistrationKey, RegistrationKey } from './registration-key.model.js';
import type {
  CreateRegistrationKeyInput,
  RegistrationKeysArgs,
} from './registration-key.inputs.js';
import { newRegistrationKey } from './registration-key-secret.js';
import {
  RegistrationKeyNotFoundError,
  SiteOfCustomerNotFoundError,
} from './registration-keys.errors.js';
import { RegistrationKeysRepository } from './registration-keys.repository.js';

const DEFAULT_LIFETIME_MS = 7 * 24 * 3600_000;

@Injectable()
export class RegistrationKeysService {
  constructor(
    @Inject(RegistrationKeysRepository) private readonly repository: RegistrationKeysRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  async list(args: RegistrationKeysArgs): Promise<ConnectionShape<RegistrationKey>> {
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const rows = await this.db.run((tx) =>
      this.repository.list(tx, args, { take: page.first + 1, after: page.after }),
    );
    return toConnection(rows, page.first, createdAtCursor, toRegistrationKey);
  }

  create(input: CreateRegistrationKeyInput): Promise<CreatedRegistrationKey> {
    const { tenantId, actor } = tenantContext.get();
    if (!canReachCustomer(input.customerId)) throw new SiteOfCustomerNotFoundError(input.siteId);
    const { key, prefix } = newRegistrationKey();
    return this.db.run(async (tx) => {
      if (!(await this.repository.findSite(tx, input.customerId, input.siteId)))
        throw new SiteOfCustomerNotFoundError(input.siteId);
      const row = await this.repository.create(tx, {
        tenantId,
        customerId: input.customerId,
        siteId: input.siteId,
        name: input.name ?? null,
        prefix,
        keyHash: sha256Hex(key),
        expiresAt: input.expiresAt ?? new Date(Date.now() + DEFAULT_LIFETIME_MS),
        maxUses: input.maxUses ?? null,
        createdByUserId: actor.kind === 'user' ? actor.userId : null,
      });
      await this.audit.record(tx, {
        action: 'registration_key.create',
        targetType: 'RegistrationKey',
        targetId: row.id,
        customerId: row.customerId,
        details: {
          prefix,
          siteId: row.siteId,
          expiresAt: row.expiresAt.toISOString(),
          maxUses: row.maxUses,
        },
      });
      return { registrationKey: toRegistrationKey(row), secret: key };
    });
  }

  revoke(id: string): Promise<RegistrationKey> {
    return this.db.run(async (tx) => {
      const row = await this.repository.revoke(tx, id);
      if (!row) throw new RegistrationKeyNotFoundError(id);
      await this.audit.record(tx, {
        action: 'registration_key.revoke',
        targetType: 'RegistrationKey',
        targetId: id,
        customerId: row.customerId,
        details: { prefix: row.prefix },
      });
      return toRegistrationKey(row);
    });
  }
}

function toRegistrationKey(row: RegistrationKeyRow): RegistrationKey {
  return {
    id: row.id,
    customerId: row.customerId,
    siteId: row.siteId,
    name: row.name,
    prefix: row.prefix,
    expiresAt: row.expiresAt,
    maxUses: row.maxUses,
    useCount: row.useCount,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    createdAt: row.createdAt,
  };
}
