import { randomUUID } from 'node:crypto';
import {
  startDomainTestApp,
  type DomainTestApp,
} from '../../modules/usage/test-support/domain-test-app.js';
import { tenantContext } from '../tenancy/tenant-context.js';
import { JobQueue, type TenantJobData } from './job-queue.js';
import { JobsModule } from './jobs.module.js';

type CountJob = TenantJobData & { n: number };

describe('JobQueue batched workers (pg-boss on PostgreSQL)', () => {
  let t: DomainTestApp;

  beforeAll(async () => {
    t = await startDomainTestApp([JobsModule], { JOB_WORKERS: '2', JOB_BATCH_SIZE: '10' });
  }, 120_000);
  afterAll(() => t?.close());

  it("runs a tenant's jobs together in its context; a failing tenant's jobs alone are retried", async () => {
    const jobs = t.app.get(JobQueue);
    const name = `test.batched-${randomUUID().slice(0, 8)}`;
    const [good, bad] = [randomUUID(), randomUUID()];
    const batches: { tenantId: string; contextTenant: string; ns: number[] }[] = [];
    let failures = 0;
    // Queued before the workers start, so one fetch holds both tenants' jobs.
    for (let n = 0; n < 6; n++)
      await jobs.send<CountJob>(name, { tenantId: n % 2 === 0 ? good : bad, n });
    await jobs.registerBatched<CountJob>({
      name,
      actor: 'test',
      retry: { retryLimit: 2, retryDelaySeconds: 1, backoff: false },
      handleBatch: (batch) => {
        const tenantId = batch[0]!.tenantId;
        batches.push({
          tenantId,
          contextTenant: tenantContext.get().tenantId,
          ns: batch.map((job) => job.n),
        });
        // The bad tenant's first run fails: its jobs come back once, the good tenant's never.
        if (tenantId === bad && failures++ === 0)
          return Promise.reject(new Error('injected failure'));
        return Promise.resolve();
      },
    });

    const deadline = Date.now() + 30_000;
    const runsOf = (tenantId: string) => batches.filter((b) => b.tenantId === tenantId);
    while (runsOf(bad).flatMap((b) => b.ns).length < 6 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    for (const batch of batches) expect(batch.contextTenant).toBe(batch.tenantId);
    // Fewer handler calls than jobs: the jobs of a tenant in one fetch arrive together.
    expect(batches.length).toBeLessThanOrEqual(4);
    expect(
      runsOf(good)
        .flatMap((b) => b.ns)
        .sort(),
    ).toEqual([0, 2, 4]);
    expect(
      runsOf(bad)
        .flatMap((b) => b.ns)
        .sort(),
    ).toEqual([1, 1, 3, 3, 5, 5]);
    const states = await t.prisma.$queryRawUnsafe<{ state: string; n: number }[]>(
      `SELECT state::text, count(*)::int AS n FROM "${t.config.jobQueueSchema}".job WHERE name = $1 GROUP BY state`,
      name,
    );
    expect(states).toEqual([{ state: 'completed', n: 6 }]);
  }, 60_000);
});
