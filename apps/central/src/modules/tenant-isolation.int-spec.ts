/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- GraphQL responses in tests are asserted by value with expect(), not by static type */
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphqlClient } from '../platform/graphql/test-support/graphql-client.js';
import {
  createApiKey,
  createCustomer,
  createDealer,
  createSite,
  createUser,
  signIn,
  SIGN_IN,
  type Dealer,
} from '../platform/graphql/test-support/scenario.js';
import {
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../platform/graphql/test-support/test-app.js';
import { TenantPrisma } from '../platform/prisma/tenant-prisma.js';
import { DOMAIN_ISOLATION_CASES } from './usage/test-support/domain-isolation-cases.js';
import { CONTRACT_ISOLATION_CASES } from './contracts/test-support/contract-isolation-cases.js';
import { RECONCILIATION_ISOLATION_CASES } from './reconciliation/test-support/reconciliation-isolation-cases.js';
import { NOTIFICATION_ISOLATION_CASES } from './notifications/test-support/notification-isolation-cases.js';
import { tenantContext } from '../platform/tenancy/tenant-context.js';

/**
 * THE tenant isolation suite. Tenant A owns customers X and Y. Two attackers: the dealer
 * admin of tenant B, aiming at A's ids, and the customer admin of X (inside tenant A), aiming
 * at Y's ids. Every Query and Mutation field of the schema must have a case here; the last
 * test fails when a new field has none.
 */
type World = {
  client: GraphqlClient;
  a: Dealer;
  b: Dealer;
  x: { customerId: string; siteId: string; adminId: string; adminEmail: string; token: string };
  y: { customerId: string; siteId: string; viewerId: string };
  aKey: { id: string; secret: string };
  aAdminRefreshToken: string;
  /** Agent-side rows of tenant A, per customer. */
  fleet: Record<
    'x' | 'y',
    { agentId: string; deviceId: string; commandId: string; registrationKeyId: string }
  >;
};

const ids = (connection: { edges: { node: { id: string } }[] }) =>
  connection.edges.map((edge) => edge.node.id);

async function expectCode(
  world: World,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  codes: string[],
) {
  const code = await world.client.errorCode(query, variables, token);
  expect(codes).toContain(code);
}

/** A read of the device whose two sources disagree, waiting for review. */
async function flaggedRead(t: TestApp, deviceId: string) {
  const device = await t.prisma.device.findFirstOrThrow({ where: { id: deviceId } });
  const base = { tenantId: device.tenantId, customerId: device.customerId, deviceId };
  const at = new Date(Date.now() + Math.floor(Math.random() * 1e9));
  const read = await t.prisma.meterRead.create({
    data: { ...base, readAt: at, lastSeenAt: at, counters: { total: 5000 } },
  });
  return t.prisma.meterReadReview.create({
    data: {
      ...base,
      readId: read.id,
      readAt: at,
      counter: 'total',
      reason: 'SOURCE_DISAGREEMENT',
      originalValue: 5000n,
    },
  });
}

const CASES: Record<string, (w: World, t: TestApp) => Promise<void>> = {
  // ───────────── queries ─────────────
  async me(w) {
    expect((await w.client.ok(`{ me { id tenantId } }`, {}, w.b.adminToken))['me']).toEqual({
      id: w.b.adminId,
      tenantId: w.b.tenantId,
    });
    expect((await w.client.ok(`{ me { id customerId } }`, {}, w.x.token))['me']).toEqual({
      id: w.x.adminId,
      customerId: w.x.customerId,
    });
  },
  async users(w) {
    const seenByB = ids(
      (await w.client.ok(`{ users(first: 100) { edges { node { id } } } }`, {}, w.b.adminToken))[
        'users'
      ],
    );
    expect(seenByB).toEqual([w.b.adminId]);
    const seenByX = ids(
      (await w.client.ok(`{ users(first: 100) { edges { node { id } } } }`, {}, w.x.token))[
        'users'
      ],
    );
    expect(seenByX).toContain(w.x.adminId);
    expect(seenByX).not.toContain(w.y.viewerId);
    expect(seenByX).not.toContain(w.a.adminId);
  },
  async user(w) {
    const query = `query($id: ID!) { user(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.a.adminId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.y.viewerId }, ['NOT_FOUND']);
  },
  async customers(w) {
    expect(
      ids(
        (
          await w.client.ok(
            `{ customers(first: 100) { edges { node { id } } } }`,
            {},
            w.b.adminToken,
          )
        )['customers'],
      ),
    ).toEqual([]);
    expect(
      ids(
        (await w.client.ok(`{ customers(first: 100) { edges { node { id } } } }`, {}, w.x.token))[
          'customers'
        ],
      ),
    ).toEqual([w.x.customerId]);
    expect(
      ids(
        (await w.client.ok(`{ customers(search: "Y") { edges { node { id } } } }`, {}, w.x.token))[
          'customers'
        ],
      ),
    ).toEqual([]);
  },
  async customer(w) {
    const query = `query($id: ID!) { customer(id: $id) { id sites { edges { node { id } } } } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.x.customerId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.y.customerId }, ['NOT_FOUND']);
    await expectCode(
      w,
      w.aKey.secret.replace(/.$/, (last) => (last === 'Z' ? 'Y' : 'Z')),
      query,
      { id: w.x.customerId },
      ['UNAUTHENTICATED'],
    );
  },
  async sites(w) {
    const query = `query($customerId: ID) { sites(customerId: $customerId, first: 100) { edges { node { id } } } }`;
    expect(
      ids((await w.client.ok(query, { customerId: w.x.customerId }, w.b.adminToken))['sites']),
    ).toEqual([]);
    expect(ids((await w.client.ok(query, { customerId: null }, w.b.adminToken))['sites'])).toEqual(
      [],
    );
    expect(
      ids((await w.client.ok(query, { customerId: w.y.customerId }, w.x.token))['sites']),
    ).toEqual([]);
    expect(ids((await w.client.ok(query, { customerId: null }, w.x.token))['sites'])).toEqual([
      w.x.siteId,
    ]);
  },
  async site(w) {
    const query = `query($id: ID!) { site(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.x.siteId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.y.siteId }, ['NOT_FOUND']);
  },
  async apiKeys(w) {
    expect(
      ids(
        (
          await w.client.ok(`{ apiKeys(first: 100) { edges { node { id } } } }`, {}, w.b.adminToken)
        )['apiKeys'],
      ),
    ).not.toContain(w.aKey.id);
    await expectCode(w, w.x.token, `{ apiKeys { edges { node { id } } } }`, {}, ['FORBIDDEN']);
  },
  async auditEvents(w) {
    const query = `{ auditEvents(first: 100) { edges { node { id targetId customerId } } } }`;
    const byB = (await w.client.ok(query, {}, w.b.adminToken))['auditEvents'].edges.map(
      (edge: any) => edge.node,
    );
    const aIds = [
      w.a.tenantId,
      w.a.adminId,
      w.x.customerId,
      w.y.customerId,
      w.x.siteId,
      w.y.siteId,
      w.aKey.id,
    ];
    expect(byB.filter((event: any) => aIds.includes(event.targetId))).toEqual([]);
    const byX = (await w.client.ok(query, {}, w.x.token))['auditEvents'].edges.map(
      (edge: any) => edge.node,
    );
    expect(
      byX.filter((event: any) =>
        [w.y.customerId, w.y.siteId, w.y.viewerId].includes(event.targetId),
      ),
    ).toEqual([]);
    expect(byX.every((event: any) => event.customerId === w.x.customerId)).toBe(true);
  },
  async mailDelivery(w) {
    // Platform-wide and public: no tenant data in it.
    const answer = await w.client.ok(`{ mailDelivery { configured } }`, {}, w.b.adminToken);
    expect(answer['mailDelivery']).toEqual({ configured: false });
  },
  async tenants(w) {
    await expectCode(w, w.b.adminToken, `{ tenants { edges { node { id } } } }`, {}, ['FORBIDDEN']);
    await expectCode(w, w.x.token, `{ tenants { edges { node { id } } } }`, {}, ['FORBIDDEN']);
  },
  async tenant(w) {
    await expectCode(
      w,
      w.b.adminToken,
      `query($id: ID!) { tenant(id: $id) { id } }`,
      { id: w.a.tenantId },
      ['FORBIDDEN'],
    );
  },

  // ───────────── mutations ─────────────
  async signIn(w) {
    // B's admin cannot reach tenant A by naming it.
    const result = await w.client.request(
      SIGN_IN.replace('$password: String!)', '$password: String!, $slug: String)').replace(
        'password: $password)',
        'password: $password, tenantSlug: $slug)',
      ),
      {
        email: w.b.adminEmail,
        password: TEST_PASSWORD,
        slug: w.a.slug,
      },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  },
  async refreshSession(w) {
    const session = await signIn(w.client, w.b.adminEmail);
    const refreshed = await w.client.ok(
      `mutation($r: String!) { refreshSession(refreshToken: $r) { user { id tenantId } } }`,
      { r: session.refreshToken },
    );
    expect(refreshed['refreshSession'].user).toEqual({ id: w.b.adminId, tenantId: w.b.tenantId });
  },
  async signOut(w) {
    // Signing out with someone else's refresh token does not end their session.
    await w.client.ok(
      `mutation($r: String) { signOut(refreshToken: $r) }`,
      { r: w.aAdminRefreshToken },
      (await signIn(w.client, w.b.adminEmail)).accessToken,
    );
    const stillValid = await w.client.ok(
      `mutation($r: String!) { refreshSession(refreshToken: $r) { refreshToken } }`,
      { r: w.aAdminRefreshToken },
    );
    w.aAdminRefreshToken = stillValid['refreshSession'].refreshToken;
  },
  async createTenant(w) {
    const input = {
      name: 'Evil',
      slug: 'evil-tenant',
      admin: { email: 'evil@evil.test', name: 'Evil', password: TEST_PASSWORD },
    };
    await expectCode(
      w,
      w.b.adminToken,
      `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }`,
      { input },
      ['FORBIDDEN'],
    );
  },
  async createUser(w, t) {
    const query = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    const input = (customerId: string, role = 'CUSTOMER_ADMIN') => ({
      input: {
        email: `intruder-${role}@evil.test`,
        name: 'Intruder',
        password: TEST_PASSWORD,
        role,
        customerId,
      },
    });
    await expectCode(w, w.b.adminToken, query, input(w.x.customerId), ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, input(w.y.customerId), ['NOT_FOUND']);
    await expectCode(
      w,
      w.x.token,
      query,
      { input: { ...input(w.x.customerId).input, role: 'DEALER_ADMIN', customerId: null } },
      ['FORBIDDEN'],
    );
    expect(await t.prisma.user.count({ where: { email: { startsWith: 'intruder-' } } })).toBe(0);
  },
  async disableUser(w, t) {
    const query = `mutation($id: ID!) { disableUser(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.a.adminId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.y.viewerId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.a.adminId }, ['NOT_FOUND']);
    const untouched = await t.prisma.user.findMany({
      where: { id: { in: [w.a.adminId, w.y.viewerId] } },
    });
    expect(untouched.map((user) => user.disabledAt)).toEqual([null, null]);
  },
  async changeMyPassword(w, t) {
    // Only the caller's own password and sessions change: a throwaway user of B changes theirs.
    const query = `mutation($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) { id } }`;
    const input = { input: { currentPassword: TEST_PASSWORD, newPassword: 'b changed it 123' } };
    await expectCode(w, w.aKey.secret, query, input, ['FORBIDDEN']);
    const aUsers = { tenantId: w.a.tenantId };
    const before = await t.prisma.user.findMany({ where: aUsers, orderBy: { id: 'asc' } });
    const aLiveSessions = () => t.prisma.session.count({ where: { ...aUsers, revokedAt: null } });
    const liveBefore = await aLiveSessions();
    const bUser = await createUser(w.client, w.b.adminToken, { role: 'DEALER_TECHNICIAN' });
    const bSession = await signIn(w.client, bUser.email);
    const changed = await w.client.ok(query, input, bSession.accessToken);
    expect(changed['changeMyPassword']).toEqual({ id: bUser.id });
    const after = await t.prisma.user.findMany({ where: aUsers, orderBy: { id: 'asc' } });
    expect(after.map((user) => user.passwordHash)).toEqual(before.map((user) => user.passwordHash));
    expect(await aLiveSessions()).toBe(liveBefore);
  },
  async requestPasswordReset(w, t) {
    // Public: it answers the same for everyone and touches nothing of another tenant's users.
    const before = await t.prisma.userLink.count({ where: { tenantId: w.b.tenantId } });
    const answer = await w.client.ok(`mutation($e: String!) { requestPasswordReset(email: $e) }`, {
      e: w.a.adminEmail,
    });
    expect(answer['requestPasswordReset']).toBe(true);
    expect(await t.prisma.userLink.count({ where: { tenantId: w.b.tenantId } })).toBe(before);
  },
  async resetPassword(w, t) {
    const hash = () => t.prisma.user.findFirstOrThrow({ where: { id: w.a.adminId } });
    const before = (await hash()).passwordHash;
    const query = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`;
    const forged = { t: `pbl_${'A'.repeat(43)}`, p: 'an intruder password' };
    await expectCode(w, w.b.adminToken, query, forged, ['BAD_USER_INPUT']);
    expect((await hash()).passwordHash).toBe(before);
  },
  async acceptInvitation(w) {
    const query = `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, newPassword: $p) }`;
    await expectCode(w, w.b.adminToken, query, { t: 'pbl_forged', p: 'an intruder password' }, [
      'BAD_USER_INPUT',
    ]);
  },
  async resendInvitation(w) {
    const query = `mutation($id: ID!) { resendInvitation(userId: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.a.adminId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.y.viewerId }, ['NOT_FOUND']);
  },
  async revokeInvitation(w) {
    const query = `mutation($id: ID!) { revokeInvitation(userId: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.a.adminId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.y.viewerId }, ['NOT_FOUND']);
  },
  async requestEmailChange(w, t) {
    // Only the caller's own address can be changed; the input names no other user.
    const query = `mutation($input: RequestEmailChangeInput!) { requestEmailChange(input: $input) }`;
    const input = { input: { newEmail: 'taken-over@evil.test', currentPassword: TEST_PASSWORD } };
    await expectCode(w, w.aKey.secret, query, input, ['FORBIDDEN']);
    await expectCode(w, w.b.adminToken, query, input, ['BAD_USER_INPUT']);
    expect(await t.prisma.userLink.count({ where: { newEmail: 'taken-over@evil.test' } })).toBe(0);
  },
  async confirmEmailChange(w) {
    await expectCode(
      w,
      w.b.adminToken,
      `mutation($t: String!) { confirmEmailChange(token: $t) }`,
      { t: `pbl_${'B'.repeat(43)}` },
      ['BAD_USER_INPUT'],
    );
  },
  async createCustomer(w) {
    await expectCode(
      w,
      w.x.token,
      `mutation { createCustomer(input: { name: "Sneaky" }) { id } }`,
      {},
      ['FORBIDDEN'],
    );
    const created = await createCustomer(w.client, w.b.adminToken, 'Only B');
    expect(
      ids(
        (
          await w.client.ok(
            `{ customers(first: 100) { edges { node { id } } } }`,
            {},
            w.a.adminToken,
          )
        )['customers'],
      ),
    ).not.toContain(created);
  },
  async updateCustomer(w, t) {
    const query = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { id } }`;
    await expectCode(
      w,
      w.b.adminToken,
      query,
      { input: { id: w.x.customerId, name: 'Hijacked' } },
      ['NOT_FOUND'],
    );
    await expectCode(w, w.x.token, query, { input: { id: w.y.customerId, name: 'Hijacked' } }, [
      'FORBIDDEN',
    ]);
    expect(await t.prisma.customer.count({ where: { name: 'Hijacked' } })).toBe(0);
  },
  async setCustomerConsent(w, t) {
    const query = `mutation($input: SetCustomerConsentInput!) { setCustomerConsent(input: $input) { id } }`;
    await expectCode(
      w,
      w.b.adminToken,
      query,
      { input: { customerId: w.x.customerId, allowedCommandTypes: ['REBOOT'] } },
      ['NOT_FOUND'],
    );
    await expectCode(
      w,
      w.x.token,
      query,
      { input: { customerId: w.y.customerId, allowedCommandTypes: ['REBOOT'] } },
      ['NOT_FOUND'],
    );
    const rows = await t.prisma.customer.findMany({
      where: { id: { in: [w.x.customerId, w.y.customerId] } },
    });
    expect(rows.every((row) => !row.allowedCommandTypes.includes('REBOOT'))).toBe(true);
    // …while X's own admin may decide for X.
    const own = await w.client.ok(
      query.replace('{ id }', '{ allowedCommandTypes }'),
      { input: { customerId: w.x.customerId, allowedCommandTypes: ['SEND_METERS'] } },
      w.x.token,
    );
    expect(own['setCustomerConsent'].allowedCommandTypes).toEqual(['SEND_METERS']);
  },
  async archiveCustomer(w, t) {
    await expectCode(
      w,
      w.b.adminToken,
      `mutation($id: ID!) { archiveCustomer(id: $id) { id } }`,
      { id: w.x.customerId },
      ['NOT_FOUND'],
    );
    await expectCode(
      w,
      w.x.token,
      `mutation($id: ID!) { archiveCustomer(id: $id) { id } }`,
      { id: w.y.customerId },
      ['FORBIDDEN'],
    );
    expect(
      (
        await t.prisma.customer.findMany({
          where: { id: { in: [w.x.customerId, w.y.customerId] } },
        })
      ).map((row) => row.archivedAt),
    ).toEqual([null, null]);
  },
  async requestCustomerDeletion(w, t) {
    const mutation = `mutation($id: ID!) { requestCustomerDeletion(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, mutation, { id: w.x.customerId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, mutation, { id: w.x.customerId }, ['FORBIDDEN']);
    expect(
      (
        await t.prisma.customer.findMany({
          where: { id: { in: [w.x.customerId, w.y.customerId] } },
        })
      ).map((row) => row.deletionRequestedAt),
    ).toEqual([null, null]);
  },
  async cancelCustomerDeletion(w, t) {
    await t.prisma.customer.updateMany({
      where: { id: w.y.customerId },
      data: { deletionRequestedAt: new Date() },
    });
    const mutation = `mutation($id: ID!) { cancelCustomerDeletion(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, mutation, { id: w.y.customerId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, mutation, { id: w.y.customerId }, ['FORBIDDEN']);
    const y = await t.prisma.customer.findFirstOrThrow({ where: { id: w.y.customerId } });
    expect(y.deletionRequestedAt).not.toBeNull();
    await t.prisma.customer.updateMany({
      where: { id: w.y.customerId },
      data: { deletionRequestedAt: null },
    });
  },
  async restoreCustomer(w, t) {
    const archivedAt = new Date();
    await t.prisma.customer.updateMany({ where: { id: w.y.customerId }, data: { archivedAt } });
    const mutation = `mutation($id: ID!) { restoreCustomer(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, mutation, { id: w.y.customerId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, mutation, { id: w.y.customerId }, ['FORBIDDEN']);
    const y = await t.prisma.customer.findFirstOrThrow({ where: { id: w.y.customerId } });
    expect(y.archivedAt).toEqual(archivedAt);
    await t.prisma.customer.updateMany({
      where: { id: w.y.customerId },
      data: { archivedAt: null },
    });
  },
  async createSite(w, t) {
    const query = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`;
    await expectCode(
      w,
      w.b.adminToken,
      query,
      { input: { customerId: w.x.customerId, name: 'Planted' } },
      ['NOT_FOUND'],
    );
    await expectCode(
      w,
      w.x.token,
      query,
      { input: { customerId: w.y.customerId, name: 'Planted' } },
      ['NOT_FOUND'],
    );
    expect(await t.prisma.site.count({ where: { name: 'Planted' } })).toBe(0);
  },
  async updateSite(w, t) {
    const query = `mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id } }`;
    await expectCode(w, w.b.adminToken, query, { input: { id: w.x.siteId, name: 'Moved' } }, [
      'NOT_FOUND',
    ]);
    await expectCode(w, w.x.token, query, { input: { id: w.y.siteId, name: 'Moved' } }, [
      'NOT_FOUND',
    ]);
    expect(await t.prisma.site.count({ where: { name: 'Moved' } })).toBe(0);
  },
  async archiveSite(w, t) {
    const query = `mutation($id: ID!) { archiveSite(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.x.siteId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.y.siteId }, ['NOT_FOUND']);
    expect(
      (await t.prisma.site.findMany({ where: { id: { in: [w.x.siteId, w.y.siteId] } } })).map(
        (row) => row.archivedAt,
      ),
    ).toEqual([null, null]);
  },
  async createApiKey(w) {
    await expectCode(
      w,
      w.x.token,
      `mutation { createApiKey(input: { name: "x", scopes: [METERS_READ] }) { secret } }`,
      {},
      ['FORBIDDEN'],
    );
    const bKey = await createApiKey(w.client, w.b.adminToken, ['CUSTOMERS_READ']);
    expect(
      ids(
        (
          await w.client.ok(`{ apiKeys(first: 100) { edges { node { id } } } }`, {}, w.a.adminToken)
        )['apiKeys'],
      ),
    ).not.toContain(bKey.id);
    // B's key reads B's (empty of A) customers only.
    expect(
      ids(
        (await w.client.ok(`{ customers(first: 100) { edges { node { id } } } }`, {}, bKey.secret))[
          'customers'
        ],
      ),
    ).not.toContain(w.x.customerId);
    await expectCode(
      w,
      bKey.secret,
      `query($id: ID!) { customer(id: $id) { id } }`,
      { id: w.x.customerId },
      ['NOT_FOUND'],
    );
  },
  // ───────────── agents, devices, commands, registration keys ─────────────
  async agents(w) {
    const query = `{ agents(first: 100) { edges { node { id } } } }`;
    expect(ids((await w.client.ok(query, {}, w.b.adminToken))['agents'])).toEqual([]);
    expect(ids((await w.client.ok(query, {}, w.x.token))['agents'])).toEqual([w.fleet.x.agentId]);
  },
  async agent(w) {
    const query = `query($id: ID!) { agent(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.fleet.x.agentId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.fleet.y.agentId }, ['NOT_FOUND']);
  },
  async revokeAgent(w, t) {
    const query = `mutation($id: ID!) { revokeAgent(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.fleet.x.agentId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.fleet.y.agentId }, ['NOT_FOUND']);
    const rows = await t.prisma.agent.findMany({
      where: { id: { in: [w.fleet.x.agentId, w.fleet.y.agentId] } },
    });
    expect(rows.map((row) => row.status)).toEqual(['ACTIVE', 'ACTIVE']);
  },
  async updateAgentConfig(w, t) {
    const query = `mutation($input: UpdateAgentConfigInput!) { updateAgentConfig(input: $input) { id } }`;
    await expectCode(
      w,
      w.b.adminToken,
      query,
      { input: { agentId: w.fleet.x.agentId, config: {} } },
      ['NOT_FOUND'],
    );
    await expectCode(w, w.x.token, query, { input: { agentId: w.fleet.y.agentId, config: {} } }, [
      'FORBIDDEN',
    ]);
    const rows = await t.prisma.agent.findMany({
      where: { id: { in: [w.fleet.x.agentId, w.fleet.y.agentId] } },
    });
    expect(rows.map((row) => row.configVersion)).toEqual([1, 1]);
  },
  async agentReleases(w) {
    // Releases are platform-wide (no tenant data); customers' people do not see them.
    const query = `{ agentReleases { id } }`;
    await w.client.ok(query, {}, w.b.adminToken);
    await expectCode(w, w.x.token, query, {}, ['FORBIDDEN']);
  },
  async agentUpdateTargets(w) {
    const query = `{ agentUpdateTargets { id customerId } }`;
    await w.client.ok(
      `mutation($input: SetAgentUpdateTargetInput!) { setAgentUpdateTarget(input: $input) { id } }`,
      { input: { customerId: w.x.customerId, channel: 'STABLE', rolloutPercent: 10 } },
      w.a.adminToken,
    );
    expect((await w.client.ok(query, {}, w.b.adminToken))['agentUpdateTargets']).toEqual([]);
    await expectCode(w, w.x.token, query, {}, ['FORBIDDEN']);
  },
  async agentUpdateReports(w) {
    const query = `query($agentId: ID!) { agentUpdateReports(agentId: $agentId) { id } }`;
    await expectCode(w, w.b.adminToken, query, { agentId: w.fleet.x.agentId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { agentId: w.fleet.y.agentId }, ['NOT_FOUND']);
  },
  async setAgentUpdateTarget(w, t) {
    const query = `mutation($input: SetAgentUpdateTargetInput!) { setAgentUpdateTarget(input: $input) { id } }`;
    const input = (over: Record<string, unknown>) => ({
      input: { channel: 'BETA', rolloutPercent: 100, ...over },
    });
    await expectCode(w, w.b.adminToken, query, input({ agentId: w.fleet.x.agentId }), [
      'NOT_FOUND',
    ]);
    await expectCode(w, w.b.adminToken, query, input({ customerId: w.x.customerId }), [
      'NOT_FOUND',
    ]);
    await expectCode(w, w.x.token, query, input({ agentId: w.fleet.x.agentId }), ['FORBIDDEN']);
    expect(
      await t.prisma.agentUpdateTarget.count({
        where: { OR: [{ tenantId: w.b.tenantId }, { agentId: w.fleet.x.agentId }] },
      }),
    ).toBe(0);
  },
  async removeAgentUpdateTarget(w, t) {
    const target = await w.client.ok(
      `mutation($input: SetAgentUpdateTargetInput!) { setAgentUpdateTarget(input: $input) { id } }`,
      { input: { channel: 'STABLE', rolloutPercent: 0 } },
      w.a.adminToken,
    );
    const id = (target['setAgentUpdateTarget'] as { id: string }).id;
    const query = `mutation($id: ID!) { removeAgentUpdateTarget(id: $id) }`;
    await expectCode(w, w.b.adminToken, query, { id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id }, ['FORBIDDEN']);
    expect(await t.prisma.agentUpdateTarget.count({ where: { id } })).toBe(1);
  },
  async setAgentUpdateConsent(w, t) {
    const query = `mutation($input: SetAgentUpdateConsentInput!) { setAgentUpdateConsent(input: $input) }`;
    await expectCode(
      w,
      w.b.adminToken,
      query,
      { input: { customerId: w.x.customerId, allowed: false } },
      ['NOT_FOUND'],
    );
    await expectCode(
      w,
      w.x.token,
      query,
      { input: { customerId: w.y.customerId, allowed: false } },
      ['NOT_FOUND'],
    );
    expect(
      await t.prisma.agentUpdateConsent.count({
        where: { customerId: { in: [w.x.customerId, w.y.customerId] } },
      }),
    ).toBe(0);
  },
  async devices(w) {
    const query = `{ devices(first: 100) { edges { node { id } } } }`;
    expect(ids((await w.client.ok(query, {}, w.b.adminToken))['devices'])).toEqual([]);
    expect(ids((await w.client.ok(query, {}, w.x.token))['devices'])).toEqual([w.fleet.x.deviceId]);
    // The new filters narrow within the caller's scope, never widen it.
    const own = await w.client.ok(
      `query($id: ID!) { device(id: $id) { status } }`,
      { id: w.fleet.x.deviceId },
      w.x.token,
    );
    const filtered = `query($customerId: ID, $status: DeviceStatus) { devices(customerId: $customerId, manufacturer: "kyocera", status: $status, first: 100) { edges { node { id } } } }`;
    const status = own['device'].status;
    expect(ids((await w.client.ok(filtered, { status }, w.b.adminToken))['devices'])).toEqual([]);
    expect(
      ids(
        (await w.client.ok(filtered, { customerId: w.y.customerId, status }, w.x.token))['devices'],
      ),
    ).toEqual([]);
    expect(ids((await w.client.ok(filtered, { status }, w.x.token))['devices'])).toEqual([
      w.fleet.x.deviceId,
    ]);
  },
  async device(w) {
    const query = `query($id: ID!) { device(id: $id) { id status supplies { description } openAlerts { code } latestMeterRead { readAt } meterReads(first: 10) { edges { node { readAt } } } identityChanges { field } } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.fleet.x.deviceId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.fleet.y.deviceId }, ['NOT_FOUND']);
    // Their own device answers, so the refusals above are isolation, not a broken query.
    const own = await w.client.ok(query, { id: w.fleet.x.deviceId }, w.x.token);
    expect(own['device']).toMatchObject({
      id: w.fleet.x.deviceId,
      meterReads: { edges: [] },
      identityChanges: [],
    });
  },
  async deviceFacets(w) {
    const query = `query($customerId: ID) { deviceFacets(customerId: $customerId) { manufacturers models { manufacturer count } } }`;
    const empty = { manufacturers: [], models: [] };
    expect((await w.client.ok(query, {}, w.b.adminToken))['deviceFacets']).toEqual(empty);
    expect(
      (await w.client.ok(query, { customerId: w.x.customerId }, w.b.adminToken))['deviceFacets'],
    ).toEqual(empty);
    expect(
      (await w.client.ok(query, { customerId: w.y.customerId }, w.x.token))['deviceFacets'],
    ).toEqual(empty);
    // X's admin counts only X's one device, not Y's device of the same manufacturer.
    expect((await w.client.ok(query, {}, w.x.token))['deviceFacets']).toEqual({
      manufacturers: ['Kyocera'],
      models: [{ manufacturer: 'Kyocera', count: 1 }],
    });
  },
  async mergeDevices(w, t) {
    // A second device of X, flagged as a duplicate: what a dealer would merge.
    const extra = await t.prisma.device.create({
      data: {
        tenantId: w.a.tenantId,
        customerId: w.x.customerId,
        siteId: w.x.siteId,
        serialNumber: `SN-DUP-${Date.now()}`,
        needsReview: true,
        reviewReason: 'DUPLICATE_SERIAL',
      },
    });
    const query = `mutation($input: MergeDevicesInput!) { mergeDevices(input: $input) { id } }`;
    await expectCode(
      w,
      w.b.adminToken,
      query,
      { input: { keepId: w.fleet.x.deviceId, mergeId: extra.id } },
      ['NOT_FOUND'],
    );
    await expectCode(
      w,
      w.x.token,
      query,
      { input: { keepId: w.fleet.x.deviceId, mergeId: extra.id } },
      ['FORBIDDEN'],
    );
    await expectCode(
      w,
      w.x.token,
      query,
      { input: { keepId: extra.id, mergeId: w.fleet.y.deviceId } },
      ['FORBIDDEN', 'NOT_FOUND'],
    );
    // Not even A's own admin can join two customers' devices.
    await expectCode(
      w,
      w.a.adminToken,
      query,
      { input: { keepId: extra.id, mergeId: w.fleet.y.deviceId } },
      ['BAD_USER_INPUT'],
    );
    const rows = await t.prisma.device.findMany({
      where: { id: { in: [extra.id, w.fleet.x.deviceId, w.fleet.y.deviceId] } },
    });
    expect(rows.map((row) => row.mergedIntoId)).toEqual([null, null, null]);
    expect(rows.find((row) => row.id === extra.id)?.needsReview).toBe(true);
    // Cases after this one count X's devices.
    await t.prisma.device.deleteMany({ where: { id: extra.id } });
  },
  async dismissDeviceReview(w, t) {
    const flagged = await t.prisma.device.create({
      data: {
        tenantId: w.a.tenantId,
        customerId: w.x.customerId,
        siteId: w.x.siteId,
        serialNumber: `SN-FLAG-${Date.now()}`,
        needsReview: true,
        reviewReason: 'DUPLICATE_SERIAL',
      },
    });
    const query = `mutation($id: ID!) { dismissDeviceReview(id: $id) { id needsReview } }`;
    await expectCode(w, w.b.adminToken, query, { id: flagged.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: flagged.id }, ['FORBIDDEN']);
    const row = await t.prisma.device.findFirstOrThrow({ where: { id: flagged.id } });
    expect([row.needsReview, row.reviewReason]).toEqual([true, 'DUPLICATE_SERIAL']);
    await t.prisma.device.deleteMany({ where: { id: flagged.id } });
  },
  async meterReadsAwaitingReview(w, t) {
    const target = await flaggedRead(t, w.fleet.y.deviceId);
    const query = `query($customerId: ID) { meterReadsAwaitingReview(customerId: $customerId, first: 100) { edges { node { id } } } }`;
    for (const customerId of [null, w.y.customerId]) {
      expect(
        ids((await w.client.ok(query, { customerId }, w.b.adminToken))['meterReadsAwaitingReview']),
      ).toEqual([]);
      expect(
        ids((await w.client.ok(query, { customerId }, w.x.token))['meterReadsAwaitingReview']),
      ).not.toContain(target.id);
    }
    expect(
      ids((await w.client.ok(query, {}, w.a.adminToken))['meterReadsAwaitingReview']),
    ).toContain(target.id);
  },
  async meterReadReviews(w, t) {
    const target = await flaggedRead(t, w.fleet.y.deviceId);
    const query = `query($deviceId: ID) { meterReadReviews(deviceId: $deviceId, first: 100) { edges { node { id } } } }`;
    for (const deviceId of [null, w.fleet.y.deviceId]) {
      expect(
        ids((await w.client.ok(query, { deviceId }, w.b.adminToken))['meterReadReviews']),
      ).toEqual([]);
      expect(
        ids((await w.client.ok(query, { deviceId }, w.x.token))['meterReadReviews']),
      ).not.toContain(target.id);
    }
  },
  async reviewMeterRead(w, t) {
    const target = await flaggedRead(t, w.fleet.x.deviceId);
    const query = `mutation($id: ID!) { reviewMeterRead(id: $id, input: { decision: EXCLUDE, reason: "bad" }) { id status } }`;
    await expectCode(w, w.b.adminToken, query, { id: target.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: target.id }, ['FORBIDDEN']);
    const row = await t.prisma.meterReadReview.findFirstOrThrow({ where: { id: target.id } });
    expect(row.status).toBe('PENDING');
  },
  async recordEstimatedMeterRead(w, t) {
    const query = `mutation($input: RecordEstimatedMeterReadInput!) { recordEstimatedMeterRead(input: $input) { id } }`;
    const input = {
      deviceId: w.fleet.x.deviceId,
      readAt: new Date(Date.now() - 3_600_000).toISOString(),
      counters: [{ name: 'total', value: 1 }],
      reason: 'read off the panel',
    };
    await expectCode(w, w.b.adminToken, query, { input }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { input }, ['FORBIDDEN']);
    const estimated = await t.prisma.meterReadReview.count({
      where: { deviceId: w.fleet.x.deviceId, reason: 'ESTIMATED' },
    });
    expect(estimated).toBe(0);
  },
  async updateDevice(w, t) {
    const query = `mutation($input: UpdateDeviceInput!) { updateDevice(input: $input) { id } }`;
    const input = { id: w.fleet.x.deviceId, displayName: 'Taken over', siteId: w.y.siteId };
    await expectCode(w, w.b.adminToken, query, { input }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { input }, ['FORBIDDEN']);
    // Tenant A's own dealer cannot move X's device to customer Y's site either.
    await expectCode(w, w.a.adminToken, query, { input }, ['BAD_USER_INPUT']);
    const row = await t.prisma.device.findFirstOrThrow({ where: { id: w.fleet.x.deviceId } });
    expect([row.displayName, row.siteId]).toEqual([null, w.x.siteId]);
  },
  async retireDevice(w, t) {
    const query = `mutation($id: ID!) { retireDevice(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.fleet.x.deviceId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.fleet.x.deviceId }, ['FORBIDDEN']);
    const row = await t.prisma.device.findFirstOrThrow({ where: { id: w.fleet.x.deviceId } });
    expect(row.retiredAt).toBeNull();
  },
  async reinstateDevice(w, t) {
    await t.prisma.device.updateMany({
      where: { id: w.fleet.x.deviceId },
      data: { retiredAt: new Date(), retiredBy: 'test' },
    });
    const query = `mutation($id: ID!) { reinstateDevice(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.fleet.x.deviceId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.fleet.x.deviceId }, ['FORBIDDEN']);
    const row = await t.prisma.device.findFirstOrThrow({ where: { id: w.fleet.x.deviceId } });
    expect(row.retiredBy).toBe('test');
    await t.prisma.device.updateMany({
      where: { id: w.fleet.x.deviceId },
      data: { retiredAt: null, retiredBy: null },
    });
  },
  async pauseDeviceMonitoring(w, t) {
    const query = `mutation($id: ID!) { pauseDeviceMonitoring(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.fleet.x.deviceId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.fleet.x.deviceId }, ['FORBIDDEN']);
    const row = await t.prisma.device.findFirstOrThrow({ where: { id: w.fleet.x.deviceId } });
    expect(row.monitoringPausedAt).toBeNull();
  },
  async resumeDeviceMonitoring(w, t) {
    const pausedAt = new Date();
    await t.prisma.device.updateMany({
      where: { id: w.fleet.x.deviceId },
      data: { monitoringPausedAt: pausedAt },
    });
    const query = `mutation($id: ID!) { resumeDeviceMonitoring(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.fleet.x.deviceId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.fleet.x.deviceId }, ['FORBIDDEN']);
    const row = await t.prisma.device.findFirstOrThrow({ where: { id: w.fleet.x.deviceId } });
    expect(row.monitoringPausedAt).toEqual(pausedAt);
    await t.prisma.device.updateMany({
      where: { id: w.fleet.x.deviceId },
      data: { monitoringPausedAt: null },
    });
  },
  async commands(w) {
    const query = `{ commands(first: 100) { edges { node { id } } } }`;
    expect(ids((await w.client.ok(query, {}, w.b.adminToken))['commands'])).toEqual([]);
    expect(ids((await w.client.ok(query, {}, w.x.token))['commands'])).toEqual([
      w.fleet.x.commandId,
    ]);
  },
  async command(w) {
    const query = `query($id: ID!) { command(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.fleet.x.commandId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.fleet.y.commandId }, ['NOT_FOUND']);
  },
  async queueCommand(w, t) {
    const query = `mutation($input: QueueCommandInput!) { queueCommand(input: $input) { id } }`;
    const before = await t.prisma.command.count({
      where: { deviceId: { in: [w.fleet.x.deviceId, w.fleet.y.deviceId] } },
    });
    await expectCode(
      w,
      w.b.adminToken,
      query,
      { input: { deviceId: w.fleet.x.deviceId, type: 'REFRESH_STATUS' } },
      ['NOT_FOUND'],
    );
    await expectCode(
      w,
      w.x.token,
      query,
      { input: { deviceId: w.fleet.y.deviceId, type: 'REFRESH_STATUS' } },
      ['FORBIDDEN'],
    );
    expect(
      await t.prisma.command.count({
        where: { deviceId: { in: [w.fleet.x.deviceId, w.fleet.y.deviceId] } },
      }),
    ).toBe(before);
  },
  async cancelCommand(w, t) {
    const query = `mutation($id: ID!) { cancelCommand(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.fleet.x.commandId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.fleet.y.commandId }, ['FORBIDDEN']);
    const rows = await t.prisma.command.findMany({
      where: { id: { in: [w.fleet.x.commandId, w.fleet.y.commandId] } },
    });
    expect(rows.map((row) => row.status)).toEqual(['PENDING', 'PENDING']);
  },
  async registrationKeys(w) {
    const query = `{ registrationKeys(first: 100) { edges { node { id } } } }`;
    expect(ids((await w.client.ok(query, {}, w.b.adminToken))['registrationKeys'])).toEqual([]);
    expect(ids((await w.client.ok(query, {}, w.x.token))['registrationKeys'])).toEqual([
      w.fleet.x.registrationKeyId,
    ]);
  },
  async createRegistrationKey(w, t) {
    const query = `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`;
    // Only this world's tenants: other suites create keys in the same database meanwhile.
    const ownKeys = () =>
      t.prisma.registrationKey.count({ where: { tenantId: { in: [w.a.tenantId, w.b.tenantId] } } });
    const before = await ownKeys();
    await expectCode(
      w,
      w.b.adminToken,
      query,
      { input: { customerId: w.x.customerId, siteId: w.x.siteId } },
      ['NOT_FOUND'],
    );
    await expectCode(
      w,
      w.x.token,
      query,
      { input: { customerId: w.y.customerId, siteId: w.y.siteId } },
      ['NOT_FOUND'],
    );
    // Own customer, someone else's site: still nothing.
    await expectCode(
      w,
      w.x.token,
      query,
      { input: { customerId: w.x.customerId, siteId: w.y.siteId } },
      ['NOT_FOUND'],
    );
    await expectCode(
      w,
      w.a.adminToken,
      query,
      { input: { customerId: w.x.customerId, siteId: w.y.siteId } },
      ['NOT_FOUND', 'BAD_USER_INPUT'],
    );
    expect(await ownKeys()).toBe(before);
  },
  async revokeRegistrationKey(w, t) {
    const query = `mutation($id: ID!) { revokeRegistrationKey(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.fleet.x.registrationKeyId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.fleet.y.registrationKeyId }, ['NOT_FOUND']);
    const rows = await t.prisma.registrationKey.findMany({
      where: { id: { in: [w.fleet.x.registrationKeyId, w.fleet.y.registrationKeyId] } },
    });
    expect(rows.map((row) => row.revokedAt)).toEqual([null, null]);
  },
  async revokeApiKey(w) {
    await expectCode(
      w,
      w.b.adminToken,
      `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id: w.aKey.id },
      ['NOT_FOUND'],
    );
    const stillWorks = await w.client.ok(
      `{ customers { edges { node { id } } } }`,
      {},
      w.aKey.secret,
    );
    expect(ids(stillWorks['customers']).sort()).toEqual([w.x.customerId, w.y.customerId].sort());
  },
  async agentGateway(w) {
    const query = `{ agentGateway { url caFingerprint } }`;
    const seenByB = (await w.client.ok(query, {}, w.b.adminToken))['agentGateway'];
    expect(seenByB.url).toMatch(/^https:\/\//);
    // One gateway for the platform: nothing in it differs by tenant or customer.
    expect((await w.client.ok(query, {}, w.a.adminToken))['agentGateway']).toEqual(seenByB);
    expect((await w.client.ok(query, {}, w.x.token))['agentGateway']).toEqual(seenByB);
  },
  async retentionSettings(w) {
    const query = `{ retentionSettings { uploadRetentionDays } }`;
    await expectCode(w, w.x.token, query, {}, ['FORBIDDEN']);
    const mutation = `mutation($input: RetentionSettingsInput!) { updateRetentionSettings(input: $input) { uploadRetentionDays } }`;
    await w.client.ok(mutation, { input: { uploadRetentionDays: 45 } }, w.a.adminToken);
    expect(
      (await w.client.ok(query, {}, w.b.adminToken))['retentionSettings'].uploadRetentionDays,
    ).not.toBe(45);
  },
  async updateRetentionSettings(w) {
    const query = `{ retentionSettings { uploadRetentionDays } }`;
    const mutation = `mutation($input: RetentionSettingsInput!) { updateRetentionSettings(input: $input) { uploadRetentionDays } }`;
    const before = (await w.client.ok(query, {}, w.a.adminToken))['retentionSettings'];
    await expectCode(w, w.x.token, mutation, { input: { uploadRetentionDays: 7 } }, ['FORBIDDEN']);
    await w.client.ok(mutation, { input: { uploadRetentionDays: 8 } }, w.b.adminToken);
    expect((await w.client.ok(query, {}, w.a.adminToken))['retentionSettings']).toEqual(before);
  },
  async maskingSettings(w) {
    const query = `{ maskingSettings { ip } }`;
    await expectCode(w, w.x.token, query, {}, ['FORBIDDEN']);
    const mutation = `mutation($input: MaskingSettingsInput!) { updateMaskingSettings(input: $input) { ip } }`;
    await w.client.ok(mutation, { input: { ip: 'HASH' } }, w.a.adminToken);
    expect((await w.client.ok(query, {}, w.b.adminToken))['maskingSettings'].ip).toBe('SEND');
  },
  async updateMaskingSettings(w, t) {
    const mutation = `mutation($input: MaskingSettingsInput!) { updateMaskingSettings(input: $input) { mac } }`;
    await expectCode(w, w.x.token, mutation, { input: { mac: 'SEND' } }, ['FORBIDDEN']);
    await w.client.ok(mutation, { input: { mac: 'WITHHOLD' } }, w.b.adminToken);
    const a = await t.prisma.tenant.findUniqueOrThrow({ where: { id: w.a.tenantId } });
    expect(a.maskMac).toBe('SEND');
  },
  async customerMaskingSettings(w) {
    const query = `query($id: ID!) { customerMaskingSettings(customerId: $id) { customerId effective { ip } } }`;
    await expectCode(w, w.b.adminToken, query, { id: w.x.customerId }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: w.y.customerId }, ['NOT_FOUND']);
    const own = await w.client.ok(query, { id: w.x.customerId }, w.x.token);
    expect(own['customerMaskingSettings'].customerId).toBe(w.x.customerId);
  },
  async updateCustomerMaskingSettings(w, t) {
    const mutation = `mutation($input: CustomerMaskingSettingsInput!) { updateCustomerMaskingSettings(input: $input) { customer { hostname } } }`;
    await expectCode(
      w,
      w.b.adminToken,
      mutation,
      { input: { customerId: w.x.customerId, hostname: 'WITHHOLD' } },
      ['NOT_FOUND'],
    );
    await expectCode(
      w,
      w.x.token,
      mutation,
      { input: { customerId: w.y.customerId, hostname: 'WITHHOLD' } },
      ['NOT_FOUND'],
    );
    const rows = await t.prisma.customer.findMany({
      where: { id: { in: [w.x.customerId, w.y.customerId] } },
    });
    expect(rows.map((row) => row.maskHostname)).toEqual(['SEND', 'SEND']);
    // …while X's own admin may tighten X's.
    const own = await w.client.ok(
      mutation,
      { input: { customerId: w.x.customerId, hostname: 'HASH' } },
      w.x.token,
    );
    expect(own['updateCustomerMaskingSettings'].customer.hostname).toBe('HASH');
  },
  // Billing, supplies, alerts and webhooks fields (issue #5). They run after the cases above:
  // their refused attempts are audited in tenant B, which the auditEvents case must not mistake for a leak.
  ...DOMAIN_ISOLATION_CASES,
  ...NOTIFICATION_ISOLATION_CASES,
  ...CONTRACT_ISOLATION_CASES,
  ...RECONCILIATION_ISOLATION_CASES,
};

/**
 * Agent-side rows for one customer of tenant A. The agent and device are arranged with the raw
 * client (they normally come from enrollment and uploads); the command and the registration
 * key go through the API.
 */
async function arrangeFleet(
  t: TestApp,
  client: GraphqlClient,
  dealer: Dealer,
  customerId: string,
  siteId: string,
) {
  const agent = await t.prisma.agent.create({
    data: { tenantId: dealer.tenantId, customerId, siteId, name: `agent of ${customerId}` },
  });
  const device = await t.prisma.device.create({
    data: {
      tenantId: dealer.tenantId,
      customerId,
      siteId,
      agentId: agent.id,
      manufacturer: 'Kyocera',
      serialNumber: `SN-${customerId.slice(0, 8)}`,
    },
  });
  const command = await client.ok<{ queueCommand: { id: string } }>(
    `mutation($input: QueueCommandInput!) { queueCommand(input: $input) { id } }`,
    { input: { deviceId: device.id, type: 'REFRESH_STATUS' } },
    dealer.adminToken,
  );
  const key = await client.ok<{ createRegistrationKey: { registrationKey: { id: string } } }>(
    `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { registrationKey { id } } }`,
    { input: { customerId, siteId } },
    dealer.adminToken,
  );
  return {
    agentId: agent.id,
    deviceId: device.id,
    commandId: command.queueCommand.id,
    registrationKeyId: key.createRegistrationKey.registrationKey.id,
  };
}

describe('tenant isolation', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    const client = t.client;
    const operator = await signIn(client, t.operator.email, t.operator.password);
    const a = await createDealer(client, operator.accessToken, 'tenant-a');
    const b = await createDealer(client, operator.accessToken, 'tenant-b');
    const xCustomer = await createCustomer(client, a.adminToken, 'X');
    const yCustomer = await createCustomer(client, a.adminToken, 'Y');
    const xSite = await createSite(client, a.adminToken, xCustomer, 'X site');
    const ySite = await createSite(client, a.adminToken, yCustomer, 'Y site');
    const xAdmin = await createUser(client, a.adminToken, {
      role: 'CUSTOMER_ADMIN',
      customerId: xCustomer,
    });
    const yViewer = await createUser(client, a.adminToken, {
      role: 'CUSTOMER_VIEWER',
      customerId: yCustomer,
    });
    const aKey = await createApiKey(client, a.adminToken, ['CUSTOMERS_READ']);
    const xSession = await signIn(client, xAdmin.email);
    const aSession = await signIn(client, a.adminEmail);
    const fleet = {
      x: await arrangeFleet(t, client, a, xCustomer, xSite),
      y: await arrangeFleet(t, client, a, yCustomer, ySite),
    };
    world = {
      fleet,
      client,
      a,
      b,
      x: {
        customerId: xCustomer,
        siteId: xSite,
        adminId: xAdmin.id,
        adminEmail: xAdmin.email,
        token: xSession.accessToken,
      },
      y: { customerId: yCustomer, siteId: ySite, viewerId: yViewer.id },
      aKey,
      aAdminRefreshToken: aSession.refreshToken,
    };
  }, 120_000);
  afterAll(() => t?.close());

  for (const [field, attack] of Object.entries(CASES)) {
    it(`${field}: tenant B and customer X cannot reach what is not theirs`, async () => {
      await attack(world, t);
    }, 60_000);
  }

  it('raw SQL in tenant B’s context sees none of tenant A’s rows', async () => {
    const db = t.app.get(TenantPrisma);
    const context = {
      tenantId: world.b.tenantId,
      customerId: null,
      actor: { kind: 'system' as const, name: 'isolation-test' },
    };
    const counts = await tenantContext.run(context, () =>
      db.run(async (tx) => {
        const rows = await tx.$queryRaw<
          { customers: bigint; sites: bigint; users: bigint; keys: bigint; audit: bigint }[]
        >`
          SELECT (SELECT count(*) FROM customers WHERE tenant_id = ${world.a.tenantId}::uuid) AS customers,
                 (SELECT count(*) FROM sites WHERE tenant_id = ${world.a.tenantId}::uuid) AS sites,
                 (SELECT count(*) FROM users WHERE tenant_id = ${world.a.tenantId}::uuid) AS users,
                 (SELECT count(*) FROM api_keys WHERE tenant_id = ${world.a.tenantId}::uuid) AS keys,
                 (SELECT count(*) FROM audit_events WHERE tenant_id = ${world.a.tenantId}::uuid) AS audit`;
        return rows[0];
      }),
    );
    expect(counts).toEqual({ customers: 0n, sites: 0n, users: 0n, keys: 0n, audit: 0n });
    // The same query from A's own context does see them: the zero above is isolation, not an empty table.
    const own = await tenantContext.run({ ...context, tenantId: world.a.tenantId }, () =>
      db.run(
        (tx) =>
          tx.$queryRaw<
            { n: bigint }[]
          >`SELECT count(*) AS n FROM customers WHERE tenant_id = ${world.a.tenantId}::uuid`,
      ),
    );
    expect(own[0]?.n).toBe(2n);
  }, 60_000);

  it('has an isolation case for every Query and Mutation field of the schema', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}),
    );
    expect(fields.length).toBeGreaterThan(20);
    expect(fields.filter((field) => !(field in CASES))).toEqual([]);
  }, 60_000);
});
