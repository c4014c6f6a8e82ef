import type { IsolationCase } from '../../usage/test-support/domain-isolation-cases.js';

const REPORT = `query($customerId: ID) { reconciliation(customerId: $customerId) {
  reportingWithoutContract { deviceId customerId } silentUnderContract { deviceId } } }`;

type Report = {
  reconciliation: {
    reportingWithoutContract: { deviceId: string; customerId: string }[];
    silentUnderContract: { deviceId: string }[];
  };
};

/**
 * Tenant-isolation case for `reconciliation` (spread into modules/tenant-isolation.int-spec.ts):
 * A's devices (reporting, under no contract) never appear for B; customer users get FORBIDDEN.
 */
export const RECONCILIATION_ISOLATION_CASES: Record<string, IsolationCase> = {
  async reconciliation(w, t) {
    const device = await t.prisma.device.findFirstOrThrow({ where: { id: w.fleet.x.deviceId } });
    const readAt = new Date(Date.now() - 3_600_000);
    await t.prisma.meterRead.create({
      data: {
        tenantId: device.tenantId,
        customerId: device.customerId,
        deviceId: device.id,
        readAt,
        lastSeenAt: readAt,
        counters: { total: 1 },
      },
    });
    const own = await w.client.ok<Report>(REPORT, {}, w.a.adminToken);
    const ownIds = own.reconciliation.reportingWithoutContract.map((entry) => entry.deviceId);
    if (!ownIds.includes(device.id))
      throw new Error('tenant A does not see its own reporting device: the case proves nothing');
    const seenByB = await w.client.ok<Report>(REPORT, {}, w.b.adminToken);
    if (seenByB.reconciliation.reportingWithoutContract.length > 0)
      throw new Error(`B sees ${JSON.stringify(seenByB.reconciliation)}`);
    const aimed = await w.client.ok<Report>(REPORT, { customerId: w.x.customerId }, w.b.adminToken);
    if (aimed.reconciliation.reportingWithoutContract.length > 0)
      throw new Error(`B aiming at X sees ${JSON.stringify(aimed.reconciliation)}`);
    const code = await w.client.errorCode(REPORT, { customerId: w.y.customerId }, w.x.token);
    if (code !== 'FORBIDDEN') throw new Error(`customer X got ${code}`);
    await t.prisma.meterRead.deleteMany({ where: { deviceId: device.id, readAt } });
  },
};
