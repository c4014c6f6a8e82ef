import { randomBytes, randomUUID } from 'node:crypto';
import type { Customer, PrismaClient, Site, Tenant, User } from '@prisma/client';

// Test data through the raw (owner) client: every test makes its own tenant with unique
// names, so the shared test database never needs truncating.

const unique = (): string => randomBytes(5).toString('hex');

/** Not a real password hash: factories' users are for row-level tests, not sign-in. */
export const FACTORY_PASSWORD_HASH = 'factory:not-a-password-hash';

export type TestCustomer = { customer: Customer; site: Site };

export type TestTenant = TestCustomer & {
  tenant: Tenant;
  /** Present when `users` was requested. */
  users: { dealerAdmin: User; customerAdmin: User } | null;
};

export type TestTenantOverrides = {
  name?: string;
  slug?: string;
  customerName?: string;
  siteName?: string;
  /** Also create a dealer admin and a customer admin (optionally with a real password hash). */
  users?: boolean | { passwordHash: string };
};

export async function createTestCustomer(
  prisma: PrismaClient,
  tenantId: string,
  overrides: { customerName?: string; siteName?: string } = {},
): Promise<TestCustomer> {
  const customer = await prisma.customer.create({
    data: { tenantId, name: overrides.customerName ?? `Customer ${unique()}` },
  });
  const site = await prisma.site.create({
    data: { tenantId, customerId: customer.id, name: overrides.siteName ?? `Site ${unique()}` },
  });
  return { customer, site };
}

export async function createTestTenant(
  prisma: PrismaClient,
  overrides: TestTenantOverrides = {},
): Promise<TestTenant> {
  const suffix = unique();
  const tenant = await prisma.tenant.create({
    data: {
      name: overrides.name ?? `Dealer ${suffix}`,
      slug: overrides.slug ?? `dealer-${suffix}`,
      kind: 'DEALER',
    },
  });
  const { customer, site } = await createTestCustomer(prisma, tenant.id, overrides);
  let users: TestTenant['users'] = null;
  if (overrides.users) {
    const passwordHash =
      typeof overrides.users === 'object' ? overrides.users.passwordHash : FACTORY_PASSWORD_HASH;
    const dealerAdmin = await prisma.user.create({
      data: {
        tenantId: tenant.id,
        email: `admin-${suffix}@dealer.test`,
        name: 'Dealer Admin',
        passwordHash,
        role: 'DEALER_ADMIN',
      },
    });
    const customerAdmin = await prisma.user.create({
      data: {
        tenantId: tenant.id,
        customerId: customer.id,
        email: `customer-admin-${suffix}@customer.test`,
        name: 'Customer Admin',
        passwordHash,
        role: 'CUSTOMER_ADMIN',
      },
    });
    users = { dealerAdmin, customerAdmin };
  }
  return { tenant, customer, site, users };
}

/**
 * One row in every tenant-owned table for `customer` of `tenantId` (agent, certificate,
 * device, reads, supplies, orders, alerts, commands, uploads, audit, webhooks …): what a
 * tenant-isolation test needs to prove that nothing of it leaks. Returns the ids by table.
 */
export async function populateCustomerRows(
  prisma: PrismaClient,
  tenantId: string,
  { customer, site }: TestCustomer,
): Promise<Record<string, string>> {
  const t = tenantId;
  const customerId = customer.id;
  const suffix = unique();
  const user = await prisma.user.create({
    data: {
      tenantId: t,
      customerId,
      email: `viewer-${suffix}@customer.test`,
      name: 'Viewer',
      passwordHash: FACTORY_PASSWORD_HASH,
      role: 'CUSTOMER_VIEWER',
    },
  });
  const session = await prisma.session.create({
    data: {
      tenantId: t,
      userId: user.id,
      refreshTokenHash: `rt-${suffix}`,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  const userLink = await prisma.userLink.create({
    data: {
      tenantId: t,
      userId: user.id,
      purpose: 'PASSWORD_RESET',
      tokenHash: `lt-${suffix}`,
      expiresAt: new Date(Date.now() + 1_800_000),
    },
  });
  const apiKey = await prisma.apiKey.create({
    data: {
      tenantId: t,
      name: `billing ${suffix}`,
      prefix: `pk_${suffix}`,
      keyHash: `kh-${suffix}`,
      scopes: ['meters:read'],
    },
  });
  const registrationKey = await prisma.registrationKey.create({
    data: {
      tenantId: t,
      customerId,
      siteId: site.id,
      prefix: `rk_${suffix}`,
      keyHash: `rh-${suffix}`,
      expiresAt: new Date(Date.now() + 86_400_000),
      maxUses: 3,
    },
  });
  const agent = await prisma.agent.create({
    data: {
      tenantId: t,
      customerId,
      siteId: site.id,
      registrationKeyId: registrationKey.id,
      hostname: `agent-${suffix}`,
    },
  });
  const certificate = await prisma.agentCertificate.create({
    data: {
      tenantId: t,
      customerId,
      agentId: agent.id,
      serial: `serial-${suffix}`,
      fingerprint: `fp-${suffix}`,
      certificatePem: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----',
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 86_400_000),
    },
  });
  const device = await prisma.device.create({
    data: {
      tenantId: t,
      customerId,
      siteId: site.id,
      agentId: agent.id,
      manufacturer: 'Kyocera',
      model: 'ECOSYS M2040dn',
      serialNumber: `SN${suffix}`,
      macAddress: '00:17:c8:00:00:01',
      ipAddress: '127.0.0.10',
    },
  });
  const identityChange = await prisma.deviceIdentityChange.create({
    data: {
      tenantId: t,
      customerId,
      deviceId: device.id,
      field: 'ipAddress',
      oldValue: '127.0.0.9',
      newValue: '127.0.0.10',
      changedAt: new Date(),
    },
  });
  const upload = await prisma.upload.create({
    data: {
      tenantId: t,
      customerId,
      agentId: agent.id,
      uploadId: randomUUID(),
      sizeBytes: 3,
      sha256: 'ab'.repeat(32),
      outcome: 'ACCEPTED',
    },
  });
  await prisma.uploadBlob.create({
    data: { tenantId: t, customerId, uploadId: upload.id, data: Buffer.from([0x50, 0x4b, 0x03]) },
  });
  const before = await prisma.meterRead.create({
    data: {
      tenantId: t,
      customerId,
      deviceId: device.id,
      readAt: new Date('2026-01-01T00:00:00Z'),
      lastSeenAt: new Date('2026-01-01T00:00:00Z'),
      counters: { total: 1000, mono: 1000 },
      uploadId: upload.id,
    },
  });
  const after = await prisma.meterRead.create({
    data: {
      tenantId: t,
      customerId,
      deviceId: device.id,
      readAt: new Date('2026-01-02T00:00:00Z'),
      lastSeenAt: new Date('2026-01-02T00:00:00Z'),
      counters: { total: 10, mono: 10 },
    },
  });
  const discontinuity = await prisma.meterDiscontinuity.create({
    data: {
      tenantId: t,
      customerId,
      deviceId: device.id,
      counter: 'total',
      beforeReadId: before.id,
      afterReadId: after.id,
      beforeValue: 1000n,
      afterValue: 10n,
    },
  });
  const readReview = await prisma.meterReadReview.create({
    data: {
      tenantId: t,
      customerId,
      deviceId: device.id,
      readId: after.id,
      readAt: after.readAt,
      counter: 'total',
      reason: 'DISCONTINUITY',
      discontinuityId: discontinuity.id,
      originalValue: 10n,
    },
  });
  const supply = await prisma.supply.create({
    data: {
      tenantId: t,
      customerId,
      deviceId: device.id,
      supplyKey: '1',
      description: 'Black toner',
      type: 'toner',
      color: 'black',
      level: 40,
      maxCapacity: 100,
      percent: 40,
    },
  });
  const supplyLevel = await prisma.supplyLevel.create({
    data: {
      tenantId: t,
      customerId,
      deviceId: device.id,
      supplyId: supply.id,
      level: 40,
      maxCapacity: 100,
      percent: 40,
      readAt: new Date(),
      uploadId: upload.id,
    },
  });
  const rule = await prisma.replenishmentRule.create({
    data: { tenantId: t, customerId, name: `rule ${suffix}`, thresholdPercent: 15 },
  });
  const order = await prisma.supplyOrder.create({
    data: {
      tenantId: t,
      customerId,
      deviceId: device.id,
      supplyId: supply.id,
      supplyKey: '1',
      ruleId: rule.id,
      reason: 'THRESHOLD',
      activeKey: supply.id,
    },
  });
  const alert = await prisma.alert.create({
    data: {
      tenantId: t,
      customerId,
      deviceId: device.id,
      code: 'TONER_LOW',
      severity: 'WARNING',
      source: 'ALERT_TABLE',
      openedAt: new Date(),
      lastSeenAt: new Date(),
      openKey: `${device.id}:TONER_LOW`,
    },
  });
  const command = await prisma.command.create({
    data: {
      tenantId: t,
      customerId,
      agentId: agent.id,
      deviceId: device.id,
      type: 'REFRESH_STATUS',
      requestedByKind: 'USER',
      requestedById: user.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  const auditEvent = await prisma.auditEvent.create({
    data: {
      tenantId: t,
      customerId,
      actorKind: 'AGENT',
      actorId: agent.id,
      action: 'upload.accept',
      outcome: 'SUCCESS',
    },
  });
  const endpoint = await prisma.webhookEndpoint.create({
    data: {
      tenantId: t,
      url: 'http://127.0.0.1:9/hook',
      secretEncrypted: 'v1:test',
      eventTypes: ['alert.opened'],
    },
  });
  const delivery = await prisma.webhookDelivery.create({
    data: {
      tenantId: t,
      endpointId: endpoint.id,
      eventId: randomUUID(),
      eventType: 'alert.opened',
      payload: { alertId: alert.id },
    },
  });
  const factsSnapshot = await prisma.agentFactsSnapshot.create({
    data: { tenantId: t, customerId, agentId: agent.id, at: new Date(), facts: { cpus: 2 } },
  });
  const updateTarget = await prisma.agentUpdateTarget.create({
    data: {
      tenantId: t,
      scope: `customer:${customerId}`,
      customerId,
      channel: 'STABLE',
      rolloutPercent: 10,
    },
  });
  const updateConsent = await prisma.agentUpdateConsent.create({
    data: { tenantId: t, customerId, allowed: false },
  });
  const updateReport = await prisma.agentUpdateReport.create({
    data: {
      tenantId: t,
      customerId,
      agentId: agent.id,
      outcome: 'REFUSED',
      fromVersion: '1.0.0',
      toVersion: '1.1.0',
      code: 'DIGEST_MISMATCH',
      reason: 'tampered',
      at: new Date(),
    },
  });
  const policy = await prisma.notificationPolicy.create({
    data: {
      tenantId: t,
      customerId,
      name: 'alerts',
      eventTypes: ['alert.opened'],
      recipientEmails: ['service@example.test'],
    },
  });
  const notificationEvent = await prisma.notificationEvent.create({
    data: { tenantId: t, customerId, eventType: 'alert.opened', data: { alertId: alert.id } },
  });
  const message = await prisma.notificationMessage.create({
    data: {
      tenantId: t,
      customerId,
      eventId: notificationEvent.id,
      eventType: 'alert.opened',
      policyId: policy.id,
      policyName: policy.name,
      recipient: 'service@example.test',
      locale: 'en',
      content: { alertId: alert.id },
    },
  });
  // Tenant-wide: one schedule per tenant (a second customer's call finds it).
  await prisma.billingExportSchedule.upsert({
    where: { tenantId: t },
    create: { tenantId: t, recipientEmails: ['billing@example.test'] },
    update: {},
  });
  const exportFile = await prisma.billingExportFile.create({
    data: {
      tenantId: t,
      periodFrom: new Date('2026-01-01T00:00:00Z'),
      periodTo: new Date('2026-02-01T00:00:00Z'),
      fileName: 'billing-2026-01.csv',
      content: new Uint8Array(Buffer.from('row_type\r\n')),
      byteSize: 10,
      rowCount: 0,
      deviceCount: 0,
      createdBy: 'test',
    },
  });
  const contract = await prisma.contract.create({
    data: {
      tenantId: t,
      customerId,
      reference: `K-${suffix}`,
      startDate: new Date('2026-01-01T00:00:00Z'),
      billedMeters: ['total'],
    },
  });
  const contractDevice = await prisma.contractDevice.create({
    data: {
      tenantId: t,
      customerId,
      contractId: contract.id,
      deviceId: device.id,
      attachedAt: new Date('2026-01-03T00:00:00Z'),
      attachedBy: 'test',
      startMeter: { readAt: '2026-01-02T00:00:00.000Z', counters: { total: 10 } },
      openKey: device.id,
    },
  });
  const reconciliationState = await prisma.reconciliationState.create({
    data: {
      tenantId: t,
      customerId,
      hash: 'ab'.repeat(32),
      counts: { silent: 0 },
      checkedAt: new Date(),
      changedAt: new Date(),
    },
  });
  return {
    users: user.id,
    sessions: session.id,
    user_links: userLink.id,
    api_keys: apiKey.id,
    registration_keys: registrationKey.id,
    agents: agent.id,
    agent_certificates: certificate.id,
    devices: device.id,
    device_identity_changes: identityChange.id,
    uploads: upload.id,
    upload_blobs: upload.id,
    meter_reads: before.id,
    meter_discontinuities: discontinuity.id,
    meter_read_reviews: readReview.id,
    supplies: supply.id,
    supply_levels: supplyLevel.id,
    replenishment_rules: rule.id,
    supply_orders: order.id,
    alerts: alert.id,
    commands: command.id,
    audit_events: auditEvent.id,
    webhook_endpoints: endpoint.id,
    webhook_deliveries: delivery.id,
    agent_facts_snapshots: factsSnapshot.id,
    agent_update_targets: updateTarget.id,
    agent_update_consents: updateConsent.id,
    agent_update_reports: updateReport.id,
    notification_policies: policy.id,
    notification_events: notificationEvent.id,
    notification_messages: message.id,
    billing_export_files: exportFile.id,
    contracts: contract.id,
    contract_devices: contractDevice.id,
    reconciliation_states: reconciliationState.id,
    customers: customerId,
    sites: site.id,
  };
}
