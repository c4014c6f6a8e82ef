import type { Prisma } from '@prisma/client';
import { RequestLoaders } from '../../platform/graphql/request-loaders.js';
import type { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext, type TenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditActorLoader } from './audit-actor.loader.js';
import type { ActorRow } from './audit-actors.repository.js';

const context: TenantContext = {
  tenantId: 'tenant-a',
  customerId: null,
  actor: { kind: 'user', userId: 'user-a', role: 'DEALER_ADMIN' },
};

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Rows by kind; records every lookup so the test can count statements. */
class FakeActors {
  readonly calls: { kind: string; ids: readonly string[] }[] = [];
  constructor(private readonly rows: Record<'users' | 'apiKeys' | 'agents', ActorRow[]>) {}
  private lookup(kind: 'users' | 'apiKeys' | 'agents', ids: readonly string[]) {
    if (ids.length > 0) this.calls.push({ kind, ids });
    return Promise.resolve(this.rows[kind].filter((row) => ids.includes(row.id)));
  }
  users = (_tx: unknown, ids: readonly string[]) => this.lookup('users', ids);
  apiKeys = (_tx: unknown, ids: readonly string[]) => this.lookup('apiKeys', ids);
  agents = (_tx: unknown, ids: readonly string[]) => this.lookup('agents', ids);
}

const db = {
  run: <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => fn({} as Prisma.TransactionClient),
} as unknown as TenantPrisma;

describe('AuditActorLoader', () => {
  it('names a page of events with one lookup per actor kind, not one per event', async () => {
    const fake = new FakeActors({
      users: [{ id: id(1), name: 'Ann', email: 'ann@dealer.test' }],
      apiKeys: [{ id: id(2), name: 'billing', email: null }],
      agents: [{ id: id(3), name: 'print-gw-01', email: null }],
    });
    const loader = new AuditActorLoader(fake, db);
    const loaders = new RequestLoaders();
    const names = await tenantContext.run(context, () =>
      Promise.all(
        [
          { kind: 'USER' as const, id: id(1) },
          { kind: 'USER' as const, id: id(1) },
          { kind: 'USER' as const, id: id(9) },
          { kind: 'API_KEY' as const, id: id(2) },
          { kind: 'AGENT' as const, id: id(3) },
          { kind: 'AGENT' as const, id: id(3) },
          { kind: 'SYSTEM' as const, id: 'retention' },
        ].map(async (key) => (await loader.find(loaders, key))?.name ?? null),
      ),
    );
    expect(names).toEqual(['Ann', 'Ann', null, 'billing', 'print-gw-01', 'print-gw-01', null]);
    expect(fake.calls).toEqual([
      { kind: 'users', ids: [id(1), id(9)] },
      { kind: 'apiKeys', ids: [id(2)] },
      { kind: 'agents', ids: [id(3)] },
    ]);
  });

  it('does not look up an id that cannot be a row (system job names, legacy ids)', async () => {
    const fake = new FakeActors({ users: [], apiKeys: [], agents: [] });
    const loader = new AuditActorLoader(fake, db);
    const found = await tenantContext.run(context, () =>
      loader.find(new RequestLoaders(), { kind: 'USER', id: 'not-a-uuid' }),
    );
    expect(found).toBeNull();
    expect(fake.calls).toEqual([]);
  });
});
