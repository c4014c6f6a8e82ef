import type { PrismaClient } from '@prisma/client';
import { createTestTenant, type TestTenant } from '../../../../../tools/testing/factories.js';
import type { DatabaseHandle } from '../database/database.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { createPrismaClient } from './prisma-client.factory.js';
import { TenantPrisma, TransactionNotActiveError } from './tenant-prisma.js';

// TenantPrisma.afterCommit: messages about a transaction's rows (webhook jobs on pg-boss, another
// connection) go out only once those rows are committed, and never for a rollback.

const ownerUrl = process.env['PRINTBEAT_TEST_DATABASE_URL']!;
const appUrl = process.env['PRINTBEAT_TEST_APP_DATABASE_URL']!;

describe('TenantPrisma.afterCommit', () => {
  let owner: PrismaClient;
  let tenantPrisma: TenantPrisma;
  let a: TestTenant;
  let context: TenantContext;

  beforeAll(async () => {
    owner = createPrismaClient(ownerUrl);
    const handle: DatabaseHandle = {
      ownerUrl,
      appUrl,
      embedded: false,
      stop: () => Promise.resolve(),
    };
    tenantPrisma = new TenantPrisma(handle);
    a = await createTestTenant(owner);
    context = { tenantId: a.tenant.id, customerId: null, actor: { kind: 'system', name: 'test' } };
  });

  afterAll(async () => {
    await tenantPrisma.onApplicationShutdown();
    await owner.$disconnect();
  });

  /** Whether another connection sees the customer (i.e. its insert committed). */
  const visible = (name: string) =>
    owner.customer.count({ where: { tenantId: a.tenant.id, name } }).then((n) => n === 1);

  it('runs the callbacks after the commit, when the rows are visible to other connections', async () => {
    const seen: boolean[] = [];
    const callbacks: Promise<boolean>[] = [];
    await tenantPrisma.runAs(context, async (tx) => {
      await tx.customer.create({ data: { tenantId: a.tenant.id, name: 'after-commit-1' } });
      tenantPrisma.afterCommit(tx, () => callbacks.push(visible('after-commit-1')));
      // A nested run joins the transaction: its callbacks wait for the same commit.
      await tenantPrisma.run((inner) => {
        tenantPrisma.afterCommit(inner, () => callbacks.push(visible('after-commit-1')));
        return Promise.resolve();
      });
      seen.push(await visible('after-commit-1'), callbacks.length > 0);
    });
    expect(seen).toEqual([false, false]);
    expect(await Promise.all(callbacks)).toEqual([true, true]);
  });

  it('drops the callbacks of a transaction that rolls back', async () => {
    let called = 0;
    await expect(
      tenantPrisma.runAs(context, async (tx) => {
        await tx.customer.create({ data: { tenantId: a.tenant.id, name: 'after-commit-2' } });
        tenantPrisma.afterCommit(tx, () => (called += 1));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(called).toBe(0);
    expect(await visible('after-commit-2')).toBe(false);
  });

  it('refuses a transaction it is not running', async () => {
    const stale = await tenantPrisma.runAs(context, (tx) => Promise.resolve(tx));
    await tenantPrisma.runAs(context, () => {
      expect(() => tenantPrisma.afterCommit(stale, () => undefined)).toThrow(
        TransactionNotActiveError,
      );
      return Promise.resolve();
    });
  });
});
