import { AlertsModule } from '../alerts/alerts.module.js';
import { JobsModule } from '../../platform/jobs/jobs.module.js';
import { MetersModule } from '../meters/meters.module.js';
import { ReplenishmentModule } from '../replenishment/replenishment.module.js';
import { SuppliesModule } from '../supplies/supplies.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { createTestCustomer } from '../../../../../tools/testing/factories.js';
import {
  DOMAIN_ISOLATION_CASES,
  type IsolationWorld,
} from './test-support/domain-isolation-cases.js';
import {
  DOMAIN_TEST_PASSWORD,
  startDomainTestApp,
  type DomainTestApp,
} from './test-support/domain-test-app.js';
import { UsageModule } from './usage.module.js';

/** Runs the isolation cases meant for modules/tenant-isolation.int-spec.ts against these modules. */
describe('tenant isolation of billing, supplies, alerts and webhooks', () => {
  let t: DomainTestApp;
  let world: IsolationWorld;

  beforeAll(async () => {
    t = await startDomainTestApp([
      JobsModule,
      WebhooksModule,
      MetersModule,
      UsageModule,
      SuppliesModule,
      ReplenishmentModule,
      AlertsModule,
    ]);
    const a = await t.dealer();
    const b = await t.dealer();
    const y = await createTestCustomer(t.prisma, a.tenant.id);
    const xToken = (
      await t.client.ok<{ signIn: { accessToken: string } }>(
        `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`,
        {
          e: a.users!.customerAdmin.email,
          p: DOMAIN_TEST_PASSWORD,
        },
      )
    ).signIn.accessToken;
    const fleetOf = async (customerId: string, siteId: string) => {
      const agent = await t.prisma.agent.create({
        data: { tenantId: a.tenant.id, customerId, siteId },
      });
      const device = await t.prisma.device.create({
        data: {
          tenantId: a.tenant.id,
          customerId,
          siteId,
          agentId: agent.id,
          serialNumber: `ISO-${customerId.slice(0, 8)}`,
        },
      });
      return { agentId: agent.id, deviceId: device.id };
    };
    world = {
      client: t.client,
      a: { tenantId: a.tenant.id, adminToken: a.adminToken },
      b: { tenantId: b.tenant.id, adminToken: b.adminToken },
      x: { customerId: a.customer.id, token: xToken },
      y: { customerId: y.customer.id },
      fleet: {
        x: await fleetOf(a.customer.id, a.site.id),
        y: await fleetOf(y.customer.id, y.site.id),
      },
    };
  }, 120_000);
  afterAll(() => t?.close());

  for (const [field, attack] of Object.entries(DOMAIN_ISOLATION_CASES)) {
    it(
      `${field}: tenant B and customer X cannot reach what is not theirs`,
      () => attack(world, t),
      60_000,
    );
  }
});
