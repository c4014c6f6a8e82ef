import { Inject, Injectable } from '@nestjs/common';
import type { ApiKey as ApiKeyRow } from '@prisma/client';
import { newApiKey, sha256Hex } from '../../platform/auth/opaque-tokens.js';
import {
  CREATED_AT_CURSOR_KEYS,
  createdAtCursor,
  toConnection,
  toPage,
  type ConnectionShape,
  type PageArgs,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import type { ApiKey, CreatedApiKey } from './api-key.model.js';
import type { CreateApiKeyInput } from './api-key.inputs.js';
import { ApiKeyNotFoundError } from './api-keys.errors.js';
import { ApiKeysRepository } from './api-keys.repository.js';

@Injectable()
export class ApiKeysService {
  constructor(
    @Inject(ApiKeysRepository) private readonly repository: ApiKeysRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  async list(args: PageArgs): Promise<ConnectionShape<ApiKey>> {
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const rows = await this.db.run((tx) =>
      this.repository.list(tx, { take: page.first + 1, after: page.after }),
    );
    return toConnection(rows, page.first, createdAtCursor, toApiKey);
  }

  create(input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const { tenantId, actor } = tenantContext.get();
    const { key, prefix } = newApiKey();
    return this.db.run(async (tx) => {
      const row = await this.repository.create(tx, {
        tenantId,
        name: input.name,
        prefix,
        keyHash: sha256Hex(key),
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
        createdByUserId: actor.kind === 'user' ? actor.userId : null,
      });
      await this.audit.record(tx, {
        action: 'api_key.create',
        targetType: 'ApiKey',
        targetId: row.id,
        details: { prefix, scopes: row.scopes },
      });
      return { apiKey: toApiKey(row), secret: key };
    });
  }

  revoke(id: string): Promise<ApiKey> {
    return this.db.run(async (tx) => {
      const row = await this.repository.revoke(tx, id);
      if (!row) throw new ApiKeyNotFoundError(id);
      await this.audit.record(tx, {
        action: 'api_key.revoke',
        targetType: 'ApiKey',
        targetId: row.id,
        details: { prefix: row.prefix },
      });
      return toApiKey(row);
    });
  }
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    createdAt: row.createdAt,
  };
}
