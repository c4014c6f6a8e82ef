import { createCustomer, createSite } from '../../platform/graphql/test-support/scenario.js';
import {
  createRegistrationKey,
  device,
  enrollAgent,
  enrolledAgentOf,
  pack,
  payloadOf,
  reading,
  startChannel,
  upload,
  type AgentIdentity,
  type Channel,
  type DealerSite,
} from '../../gateway/test-support/agent-channel.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { RetentionJob } from './retention.job.js';
import { RetentionService } from './retention.service.js';

// Retention on the real ingest path and real PostgreSQL: what goes, what must stay, batch by
// batch, one tenant at a time.

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

type Fleet = DealerSite & { agent: AgentIdentity };

describe('data retention', () => {
  let channel: Channel;
  let fleet: Fleet;
  let other: Fleet;
  let oldUploadId: string;
  /** Made 400 days ago (past a 12-month setting, within the 24-month default), and 20 days ago. */
  let oldExportId: string;
  let recentExportId: string;

  async function send(agent: AgentIdentity, devices: Parameters<typeof payloadOf>[1]) {
    const payload = payloadOf(agent.agentId, devices);
    const response = await upload(channel, agent, await pack(agent, payload), payload.uploadId);
    expect(response.status).toBe(200);
    return payload.uploadId;
  }

  async function seed(target: Fleet): Promise<string> {
    // Device A: readings three and two years ago, and yesterday. Device B: only three years ago.
    const first = await send(target.agent, [
      device('RET-A', '127.0.77.1', [
        reading(ago(3 * 365), 1000, 90),
        reading(ago(2 * 365), 2000, 60),
      ]),
      device('RET-B', '127.0.77.2', [reading(ago(3 * 365), 500, 80)]),
    ]);
    await send(target.agent, [device('RET-A', '127.0.77.1', [reading(ago(1), 3000, 30)])]);
    await channel.t.prisma.auditEvent.create({
      data: {
        tenantId: target.dealer.tenantId,
        actorKind: 'SYSTEM',
        actorId: 'seed',
        action: 'seed.ancient',
        outcome: 'SUCCESS',
        at: new Date(ago(5 * 365)),
      },
    });
    return first;
  }

  /** Kept billing exports made through the API, dated `ages` days ago; their ids. */
  async function keepExports(target: Fleet, ages: number[]): Promise<string[]> {
    const ids: string[] = [];
    for (const age of ages) {
      const data = await channel.t.client.ok<{ runBillingExport: { id: string } }>(
        `mutation($input: RunBillingExportInput!) { runBillingExport(input: $input) { id } }`,
        { input: { from: ago(age + 30), to: ago(age) } },
        target.dealer.adminToken,
      );
      const id = data.runBillingExport.id;
      await channel.t.prisma.billingExportFile.update({
        where: { tenantId_id: { tenantId: target.dealer.tenantId, id } },
        data: { createdAt: new Date(ago(age)) },
      });
      ids.push(id);
    }
    return ids;
  }

  const counts = async (tenantId: string) => {
    const prisma = channel.t.prisma;
    const [reads, levels, blobs, uploads, ancientAudit, exportFiles] = await Promise.all([
      prisma.meterRead.findMany({
        where: { tenantId },
        select: { readAt: true, device: { select: { serialNumber: true } } },
        orderBy: { readAt: 'asc' },
      }),
      prisma.supplyLevel.count({ where: { tenantId } }),
      prisma.uploadBlob.findMany({ where: { tenantId }, select: { uploadId: true } }),
      prisma.upload.count({ where: { tenantId } }),
      prisma.auditEvent.count({ where: { tenantId, action: 'seed.ancient' } }),
      prisma.billingExportFile.findMany({
        where: { tenantId },
        select: { id: true },
        orderBy: { createdAt: 'asc' },
      }),
    ]);
    return {
      reads: reads.map(
        (read) => `${read.device.serialNumber}@${read.readAt.toISOString().slice(0, 10)}`,
      ),
      levels,
      blobs: blobs.map((blob) => blob.uploadId),
      uploads,
      ancientAudit,
      exportFiles: exportFiles.map((file) => file.id),
    };
  };

  beforeAll(async () => {
    channel = await startChannel();
    fleet = await enrolledAgentOf(channel, 'retention');
    other = await enrolledAgentOf(channel, 'retention-other');
    const agentUploadId = await seed(fleet);
    await seed(other);
    [oldExportId, recentExportId] = (await keepExports(fleet, [400, 20])) as [string, string];
    await keepExports(other, [400, 20]);
    const stored = await channel.t.prisma.upload.findFirstOrThrow({
      where: { tenantId: fleet.dealer.tenantId, uploadId: agentUploadId },
    });
    oldUploadId = stored.id;
    await channel.t.prisma.upload.update({
      where: { tenantId_id: { tenantId: fleet.dealer.tenantId, id: oldUploadId } },
      data: { receivedAt: new Date(ago(200)) },
    });
  });
  afterAll(async () => {
    await channel?.t.close();
  });

  const settingsMutation = `mutation($input: RetentionSettingsInput!) {
    updateRetentionSettings(input: $input) { uploadRetentionDays readingRetentionYears auditRetentionYears exportFileRetentionMonths } }`;

  it('has documented defaults and refuses periods outside the limits, naming them', async () => {
    const data = await channel.t.client.ok<{ retentionSettings: Record<string, number> }>(
      `{ retentionSettings { uploadRetentionDays readingRetentionYears auditRetentionYears exportFileRetentionMonths } }`,
      {},
      fleet.dealer.adminToken,
    );
    expect(data.retentionSettings).toEqual({
      uploadRetentionDays: 90,
      readingRetentionYears: 7,
      auditRetentionYears: 3,
      exportFileRetentionMonths: 24,
    });
    const refused = await channel.t.client.request(
      settingsMutation,
      { input: { readingRetentionYears: 0, uploadRetentionDays: 4000 } },
      fleet.dealer.adminToken,
    );
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain(
      'readingRetentionYears must be a whole number of years between 1 and 50',
    );
    expect(refused.errors?.[0]?.message).toContain('between 1 and 3650');
    const refusedMonths = await channel.t.client.request(
      settingsMutation,
      { input: { exportFileRetentionMonths: 121 } },
      fleet.dealer.adminToken,
    );
    expect(refusedMonths.errors?.[0]?.message).toContain(
      'exportFileRetentionMonths must be a whole number of months between 1 and 120',
    );
  });

  it("deletes what is past the tenant's periods in batches, and keeps what must stay", async () => {
    await channel.t.client.ok(
      settingsMutation,
      {
        input: {
          uploadRetentionDays: 30,
          readingRetentionYears: 1,
          auditRetentionYears: 1,
          exportFileRetentionMonths: 12,
        },
      },
      fleet.dealer.adminToken,
    );
    const before = await counts(fleet.dealer.tenantId);
    expect(before.reads).toHaveLength(4);
    expect(before.blobs).toHaveLength(2);
    expect(before.exportFiles).toEqual([oldExportId, recentExportId]);
    const otherBefore = await counts(other.dealer.tenantId);

    const service = channel.t.app.get(RetentionService);
    const context = {
      tenantId: fleet.dealer.tenantId,
      customerId: null,
      actor: { kind: 'system' as const, name: 'retention' },
    };
    // A batch of one row: every category takes several statements.
    const result = await tenantContext.run(context, () => service.enforce(now, 1));
    expect(result).toEqual({
      uploadArchives: 1,
      meterReads: 2,
      supplyLevels: 2,
      auditEvents: 1,
      exportFiles: 1,
      customers: 0,
    });

    const after = await counts(fleet.dealer.tenantId);
    // A's two old reads go; its newest and B's only read (its current counters) stay.
    expect(after.reads).toEqual([
      `RET-B@${ago(3 * 365).slice(0, 10)}`,
      `RET-A@${ago(1).slice(0, 10)}`,
    ]);
    expect(after.levels).toBe(before.levels - 2);
    // The archive goes, the upload row stays (it is what makes a resent upload a duplicate).
    expect(after.blobs).not.toContain(oldUploadId);
    expect(after.blobs).toHaveLength(1);
    expect(after.uploads).toBe(before.uploads);
    expect(after.ancientAudit).toBe(0);
    // The file made 400 days ago is past 12 months; the one of 20 days ago stays and downloads.
    expect(after.exportFiles).toEqual([recentExportId]);
    const download = (id: string) =>
      fetch(`${channel.t.baseUrl}/api/v1/billing-exports/${id}/download`, {
        headers: { authorization: `Bearer ${fleet.dealer.adminToken}` },
      });
    expect((await download(recentExportId)).status).toBe(200);
    expect((await download(oldExportId)).status).toBe(404);
    const audit = await channel.t.prisma.auditEvent.findFirstOrThrow({
      where: { tenantId: fleet.dealer.tenantId, action: 'retention.enforce' },
    });
    expect(audit.details).toMatchObject({
      meterReads: 2,
      supplyLevels: 2,
      uploadArchives: 1,
      exportFiles: 1,
    });

    // The other tenant keeps the defaults, so nothing of it was touched.
    expect(await counts(other.dealer.tenantId)).toEqual(otherBefore);

    // A second run finds nothing more.
    expect(await tenantContext.run(context, () => service.enforce(now, 1))).toEqual({
      uploadArchives: 0,
      meterReads: 0,
      supplyLevels: 0,
      auditEvents: 0,
      exportFiles: 0,
      customers: 0,
    });
  });

  it('deletes a customer with everything it owns once the grace period has passed', async () => {
    const { tenantId, adminToken } = fleet.dealer;
    const customerId = await createCustomer(channel.t.client, adminToken, 'Leaving Ltd');
    const siteId = await createSite(channel.t.client, adminToken, customerId, 'Leaving HQ');
    const key = await createRegistrationKey(channel, adminToken, { customerId, siteId });
    const agent = await enrollAgent(channel, key.secret, 'leaving-gw');
    await send(agent, [
      device('LEAVE-1', '127.0.78.1', [reading(ago(3), 100, 70), reading(ago(1), 200, 60)]),
    ]);
    await channel.t.prisma.user.create({
      data: {
        tenantId,
        customerId,
        email: 'it@leaving.test',
        name: 'Leaving IT',
        role: 'CUSTOMER_ADMIN',
        passwordHash: 'x',
      },
    });
    const owned = () =>
      Promise.all([
        channel.t.prisma.customer.count({ where: { tenantId, id: customerId } }),
        channel.t.prisma.device.count({ where: { tenantId, customerId } }),
        channel.t.prisma.meterRead.count({ where: { tenantId, customerId } }),
        channel.t.prisma.supplyLevel.count({ where: { tenantId, customerId } }),
        channel.t.prisma.upload.count({ where: { tenantId, customerId } }),
        channel.t.prisma.agent.count({ where: { tenantId, customerId } }),
        channel.t.prisma.user.count({ where: { tenantId, customerId } }),
        channel.t.prisma.auditEvent.count({ where: { tenantId, customerId } }),
      ]);
    const [, devices, reads, levels, uploads, agents, users] = await owned();
    expect({ devices, reads, agents, users }).toEqual({
      devices: 1,
      reads: 2,
      agents: 1,
      users: 1,
    });
    expect(levels).toBeGreaterThan(0);
    expect(uploads).toBe(1);
    const keptBefore = await counts(tenantId);

    const request = (name: string) =>
      channel.t.client.ok<
        Record<string, { deletionRequestedAt: string | null; archivedAt: string | null }>
      >(
        `mutation($id: ID!) { ${name}(id: $id) { deletionRequestedAt archivedAt } }`,
        { id: customerId },
        adminToken,
      );
    const requested = (await request('requestCustomerDeletion'))['requestCustomerDeletion']!;
    expect(requested.deletionRequestedAt).not.toBeNull();
    expect(requested.archivedAt).not.toBeNull();
    const service = channel.t.app.get(RetentionService);
    const context = {
      tenantId,
      customerId: null,
      actor: { kind: 'system' as const, name: 'retention' },
    };
    const enforceAt = (at: Date) => tenantContext.run(context, () => service.enforce(at, 2));
    const days = (n: number) => new Date(Date.now() + n * DAY);

    // Within the default 30 days nothing goes; a cancelled request never goes.
    expect((await enforceAt(days(29))).customers).toBe(0);
    const cancelled = (await request('cancelCustomerDeletion'))['cancelCustomerDeletion']!;
    expect(cancelled.deletionRequestedAt).toBeNull();
    expect((await enforceAt(days(31))).customers).toBe(0);
    expect((await owned())[0]).toBe(1);

    await request('requestCustomerDeletion');
    expect((await enforceAt(days(31))).customers).toBe(1);
    expect(await owned()).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const audit = await channel.t.prisma.auditEvent.findFirstOrThrow({
      where: { tenantId, action: 'customer.delete', targetId: customerId },
    });
    expect(audit.details).toMatchObject({
      name: 'Leaving Ltd',
      rows: { meter_reads: 2, uploads: 1 },
    });
    // The tenant's other customer is untouched, and the deleted agent is refused.
    // (Its blobs and level history follow the 30-day retention set above, a month on.)
    expect((await counts(tenantId)).reads).toEqual(
      keptBefore.reads.filter((read) => !read.startsWith('LEAVE-')),
    );
    expect(keptBefore.reads.filter((read) => read.startsWith('RET-'))).toHaveLength(2);
    const payload = payloadOf(agent.agentId, [
      device('LEAVE-1', '127.0.78.1', [reading(ago(0), 300, 50)]),
    ]);
    const refused = await upload(channel, agent, await pack(agent, payload), payload.uploadId);
    expect(refused.status).not.toBe(200);
  });

  it('archives and restores a customer (its agent refused between), refusing steps that do not apply', async () => {
    const { tenantId, adminToken } = fleet.dealer;
    const customerId = await createCustomer(channel.t.client, adminToken, 'Pausing Ltd');
    const siteId = await createSite(channel.t.client, adminToken, customerId, 'Pausing HQ');
    const key = await createRegistrationKey(channel, adminToken, { customerId, siteId });
    const agent = await enrollAgent(channel, key.secret, 'pausing-gw');
    const sendOne = async (total: number) => {
      const payload = payloadOf(agent.agentId, [
        device('PAUSE-1', '127.0.79.1', [reading(new Date().toISOString(), total, 50)]),
      ]);
      return (await upload(channel, agent, await pack(agent, payload), payload.uploadId)).status;
    };
    const step = async (name: string) => {
      const result = await channel.t.client.request<
        Record<string, { archivedAt: string | null; deletionRequestedAt: string | null }>
      >(
        `mutation($id: ID!) { ${name}(id: $id) { archivedAt deletionRequestedAt } }`,
        { id: customerId },
        adminToken,
      );
      const error = result.errors?.[0];
      return error ? { code: error.extensions?.code, message: error.message } : result.data![name]!;
    };
    expect(await sendOne(100)).toBe(200);

    const archived = await step('archiveCustomer');
    expect(archived).toMatchObject({ archivedAt: expect.any(String), deletionRequestedAt: null });
    expect(await sendOne(110)).not.toBe(200);
    expect(await step('archiveCustomer')).toEqual({
      code: 'CONFLICT',
      message: `This customer was already archived on ${(archived as { archivedAt: string }).archivedAt}.`,
    });
    expect(await step('cancelCustomerDeletion')).toEqual({
      code: 'CONFLICT',
      message: 'No deletion of this customer is pending.',
    });

    expect(await step('restoreCustomer')).toEqual({ archivedAt: null, deletionRequestedAt: null });
    expect(await sendOne(120)).toBe(200);
    expect(await step('restoreCustomer')).toMatchObject({
      code: 'CONFLICT',
      message: 'This customer is not archived; there is nothing to restore.',
    });

    const requested = await step('requestCustomerDeletion');
    const requestedAt = (requested as { deletionRequestedAt: string }).deletionRequestedAt;
    for (const name of ['requestCustomerDeletion', 'restoreCustomer'])
      expect(await step(name)).toEqual({
        code: 'CONFLICT',
        message: `Deletion of this customer was requested on ${requestedAt}; cancel the deletion first.`,
      });
    expect(await step('cancelCustomerDeletion')).toMatchObject({ deletionRequestedAt: null });
    expect(await step('restoreCustomer')).toEqual({ archivedAt: null, deletionRequestedAt: null });

    const audit = await channel.t.prisma.auditEvent.findMany({
      where: { tenantId, targetId: customerId, action: { startsWith: 'customer.' } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((event) => event.action)).toEqual([
      'customer.create',
      'customer.archive',
      'customer.restore',
      'customer.deletion.request',
      'customer.deletion.cancel',
      'customer.restore',
    ]);
  });

  it('the nightly sweep queues every active dealer, and drops no partition of a plain table', async () => {
    const sweep = await channel.t.app.get(RetentionJob).sweep(now);
    expect(sweep.partitions).toEqual([]);
    expect(sweep.tenants).toBeGreaterThanOrEqual(2);
  });
});
