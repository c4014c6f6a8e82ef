import { signIn } from '../platform/graphql/test-support/scenario.js';
import { startTestApp, type TestApp } from '../platform/graphql/test-support/test-app.js';
import { SEED, seed } from './seed.js';

describe('seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('creates the operator and the demo dealer once, prints working credentials, and is idempotent', async () => {
    const first = await seed(t.prisma);
    expect(first.operator).toMatchObject({ email: SEED.operatorEmail, created: true });
    expect(first.operator.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(first.tenant).toMatchObject({ slug: SEED.tenantSlug, created: true });
    expect(first.customer.created && first.site.created).toBe(true);

    const second = await seed(t.prisma);
    expect(second.operator).toEqual({ email: SEED.operatorEmail, password: null, created: false });
    expect(second.dealerAdmin.password).toBeNull();
    expect([second.tenant, second.customer, second.site].map((row) => row.created)).toEqual([
      false,
      false,
      false,
    ]);
    expect(second.customer.id).toBe(first.customer.id);
    expect(await t.prisma.tenant.count({ where: { slug: SEED.tenantSlug } })).toBe(1);

    // The printed passwords sign in, and the dealer admin sees the demo customer and site.
    const admin = await signIn(t.client, SEED.dealerAdminEmail, first.dealerAdmin.password ?? '');
    const seen = await t.client.ok(
      `{ customers { edges { node { name sites { edges { node { name } } } } } } }`,
      {},
      admin.accessToken,
    );
    expect(seen).toEqual({
      customers: {
        edges: [
          {
            node: {
              name: SEED.customerName,
              sites: { edges: [{ node: { name: SEED.siteName } }] },
            },
          },
        ],
      },
    });
    await signIn(t.client, SEED.operatorEmail, first.operator.password ?? '');

    const reset = await seed(t.prisma, { resetPasswords: true });
    expect(reset.operator.password).not.toBe(first.operator.password);
    await signIn(t.client, SEED.operatorEmail, reset.operator.password ?? '');
    await expect(
      signIn(t.client, SEED.operatorEmail, first.operator.password ?? ''),
    ).rejects.toThrow(/Invalid email or password/);
  }, 60_000);
});
