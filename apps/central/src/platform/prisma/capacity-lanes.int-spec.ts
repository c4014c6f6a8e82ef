import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../database/database.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { toDomainError } from '../errors/to-domain-error.js';
import { TenantPrisma } from './tenant-prisma.js';

// Bulkheads: agents, people and jobs each have their own connections, so a burst of one kind
// (every agent connection busy) leaves the others' transactions untouched.

const handle: DatabaseHandle = {
  ownerUrl: process.env['PRINTBEAT_TEST_DATABASE_URL']!,
  appUrl: process.env['PRINTBEAT_TEST_APP_DATABASE_URL']!,
  embedded: false,
  stop: () => Promise.resolve(),
};

describe('TenantPrisma capacity lanes', () => {
  const tenantPrisma = new TenantPrisma(handle, { agents: 2, people: 2, jobs: 1 });
  const tenantId = randomUUID();
  const as = (actor: TenantContext['actor']): TenantContext => ({
    tenantId,
    customerId: null,
    actor,
  });
  const agent = as({ kind: 'agent', agentId: randomUUID() });
  const user = as({ kind: 'user', userId: randomUUID(), role: 'DEALER_ADMIN' });
  const job = as({ kind: 'system', name: 'test-job' });

  afterAll(() => tenantPrisma.onApplicationShutdown());

  const pid = (context: TenantContext) =>
    tenantPrisma.runAs(context, async (tx) => {
      const rows = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      return rows[0]!.pid;
    });

  it('keeps people and jobs working while every agent connection is busy', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const busy = [1, 2].map(() =>
      tenantPrisma.runAs(agent, async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await held;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    // A third agent transaction finds no connection in its lane and is told so (no endless wait)...
    const refused = await tenantPrisma
      .runAs(agent, (tx) => tx.$queryRaw`SELECT 1`)
      .catch((error: unknown) => error);
    expect(toDomainError(refused)?.code).toBe('SERVICE_UNAVAILABLE');
    // ...while a person's and a job's start at once on connections of their own.
    const started = performance.now();
    const [userPid, jobPid] = await Promise.all([pid(user), pid(job)]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(userPid).not.toBe(jobPid);

    release();
    await Promise.all(busy);
    await expect(pid(agent)).resolves.toEqual(expect.any(Number));
  }, 30_000);

  it('runs plain SQL on the lane of the transaction it is given', async () => {
    const pids = await tenantPrisma.runAs(job, async (tx) => {
      const viaPrisma = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      const viaSql = await tenantPrisma.query<{ pid: number }>(
        tx,
        'SELECT pg_backend_pid() AS pid',
        [],
      );
      return [viaPrisma[0]!.pid, viaSql[0]!.pid];
    });
    expect(pids[0]).toBe(pids[1]);
  });
});
