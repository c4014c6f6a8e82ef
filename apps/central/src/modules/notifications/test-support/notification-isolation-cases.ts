import type {
  IsolationApp,
  IsolationCase,
  IsolationWorld,
} from '../../usage/test-support/domain-isolation-cases.js';

/**
 * Tenant-isolation cases for the notification fields, spread into
 * modules/tenant-isolation.int-spec.ts's CASES: B's dealer admin aims at A's policies and
 * messages, X's customer admin at Y's and at A's tenant-wide ones.
 */
const ids = (connection: { edges: { node: { id: string } }[] }) =>
  connection.edges.map((edge) => edge.node.id);

async function expectCode(
  w: IsolationWorld,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  codes: string[],
) {
  const code = await w.client.errorCode(query, variables, token);
  if (!codes.includes(code ?? ''))
    throw new Error(`expected ${codes.join('|')}, got ${code}: ${query}`);
}

function expectNone(found: string[], forbidden: readonly string[], what: string) {
  const leaked = found.filter((id) => forbidden.includes(id));
  if (leaked.length > 0) throw new Error(`${what}: saw ${leaked.join(', ')}`);
}

async function policy(t: IsolationApp, tenantId: string, customerId: string | null) {
  return t.prisma.notificationPolicy.create({
    data: {
      tenantId,
      customerId,
      name: 'isolation',
      eventTypes: ['alert.opened'],
      recipientEmails: ['victim@a.test'],
    },
  });
}

async function message(t: IsolationApp, tenantId: string, customerId: string) {
  return t.prisma.notificationMessage.create({
    data: {
      tenantId,
      customerId,
      eventType: 'alert.opened',
      policyName: 'isolation',
      recipient: 'victim@a.test',
      locale: 'en',
      content: { text: 'secret' },
      subject: 'secret',
    },
  });
}

export const NOTIFICATION_ISOLATION_CASES: Record<string, IsolationCase> = {
  async notificationSettings(w) {
    await w.client.ok(`{ notificationSettings { locales } }`, {}, w.b.adminToken);
  },
  async notificationPolicies(w, t) {
    const tenantWide = await policy(t, w.a.tenantId, null);
    const ofY = await policy(t, w.a.tenantId, w.y.customerId);
    const query = `{ notificationPolicies(first: 100) { edges { node { id } } } }`;
    const byB = ids(
      (await w.client.ok<{ notificationPolicies: never }>(query, {}, w.b.adminToken))
        .notificationPolicies,
    );
    expectNone(byB, [tenantWide.id, ofY.id], 'policies by B');
    const byX = ids(
      (await w.client.ok<{ notificationPolicies: never }>(query, {}, w.x.token))
        .notificationPolicies,
    );
    expectNone(byX, [tenantWide.id, ofY.id], 'policies by X');
  },
  async notificationMessages(w, t) {
    const ofY = await message(t, w.a.tenantId, w.y.customerId);
    const query = `{ notificationMessages(first: 100) { edges { node { id } } } }`;
    const byB = ids(
      (await w.client.ok<{ notificationMessages: never }>(query, {}, w.b.adminToken))
        .notificationMessages,
    );
    expectNone(byB, [ofY.id], 'messages by B');
    const byX = ids(
      (await w.client.ok<{ notificationMessages: never }>(query, {}, w.x.token))
        .notificationMessages,
    );
    expectNone(byX, [ofY.id], 'messages by X');
  },
  async createNotificationPolicy(w) {
    const query = `mutation($c: ID) { createNotificationPolicy(input: { name: "evil", customerId: $c, eventTypes: [ALERT_OPENED], recipientEmails: ["evil@b.test"] }) { id } }`;
    await expectCode(w, w.x.token, query, { c: w.y.customerId }, ['BAD_USER_INPUT', 'NOT_FOUND']);
    await expectCode(w, w.b.adminToken, query, { c: w.y.customerId }, [
      'BAD_USER_INPUT',
      'NOT_FOUND',
    ]);
  },
  async updateNotificationPolicy(w, t) {
    const ofY = await policy(t, w.a.tenantId, w.y.customerId);
    const tenantWide = await policy(t, w.a.tenantId, null);
    const query = `mutation($id: ID!) { updateNotificationPolicy(id: $id, input: { recipientEmails: ["evil@b.test"] }) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: ofY.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: ofY.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: tenantWide.id }, ['NOT_FOUND']);
    const after = await t.prisma.notificationPolicy.findMany({
      where: { id: { in: [ofY.id, tenantWide.id] } },
    });
    if (after.some((row) => row.recipientEmails.includes('evil@b.test')))
      throw new Error('a policy of A was changed');
  },
  async deleteNotificationPolicy(w, t) {
    const ofY = await policy(t, w.a.tenantId, w.y.customerId);
    const query = `mutation($id: ID!) { deleteNotificationPolicy(id: $id) }`;
    await expectCode(w, w.b.adminToken, query, { id: ofY.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: ofY.id }, ['NOT_FOUND']);
    if ((await t.prisma.notificationPolicy.count({ where: { id: ofY.id } })) !== 1)
      throw new Error('a policy of A was deleted');
  },
};
