import { Inject, Injectable } from '@nestjs/common';
import type { ActorKind } from '@prisma/client';
import type { RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { AuditActorsRepository, type ActorRow } from './audit-actors.repository.js';

export type ActorKey = { kind: ActorKind; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The actors of one page of audit events, in one statement per actor kind. */
@Injectable()
export class AuditActorLoader {
  constructor(
    @Inject(AuditActorsRepository) private readonly repository: AuditActorsRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  /** Null for a system or anonymous actor, or one the caller may not see (or deleted). */
  find(loaders: RequestLoaders, key: ActorKey): Promise<ActorRow | null> {
    if (!UUID.test(key.id)) return Promise.resolve(null);
    switch (key.kind) {
      case 'USER':
      case 'API_KEY':
      case 'AGENT':
        return loaders.load(this.byKeys, key, undefined);
      case 'SYSTEM':
      case 'ANONYMOUS':
        return Promise.resolve(null);
    }
  }

  private readonly byKeys = async (keys: readonly ActorKey[]): Promise<(ActorRow | null)[]> => {
    const idsOf = (kind: ActorKind) => [
      ...new Set(keys.filter((key) => key.kind === kind).map((key) => key.id.toLowerCase())),
    ];
    const [users, apiKeys, agents] = await this.db.run((tx) =>
      Promise.all([
        this.repository.users(tx, idsOf('USER')),
        this.repository.apiKeys(tx, idsOf('API_KEY')),
        this.repository.agents(tx, idsOf('AGENT')),
      ]),
    );
    const found = new Map<string, ActorRow>([
      ...users.map((row) => [`USER:${row.id}`, row] as const),
      ...apiKeys.map((row) => [`API_KEY:${row.id}`, row] as const),
      ...agents.map((row) => [`AGENT:${row.id}`, row] as const),
    ]);
    return keys.map((key) => found.get(`${key.kind}:${key.id.toLowerCase()}`) ?? null);
  };
}
