import type {
  IsolationApp,
  IsolationCase,
  IsolationWorld,
} from '../../usage/test-support/domain-isolation-cases.js';

/**
 * Tenant-isolation cases for the contract fields, in the shape of
 * modules/tenant-isolation.int-spec.ts's CASES (spread there). Tenant A owns customers X and Y;
 * attackers are B's dealer admin (aiming at A) and X's customer admin (aiming at Y, and
 * allowed to write no contract at all).
 */
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

function expectEqual(actual: unknown, expected: unknown, what: string) {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

let sequence = 0;

/** A contract of customer `of` in tenant A, made through the raw client. */
async function contractOf(w: IsolationWorld, t: IsolationApp, of: 'x' | 'y') {
  sequence += 1;
  return t.prisma.contract.create({
    data: {
      tenantId: w.a.tenantId,
      customerId: w[of].customerId,
      reference: `ISO-${of}-${Date.now()}-${sequence}`,
      startDate: new Date('2026-01-01T00:00:00Z'),
      billedMeters: ['total'],
    },
  });
}

const referenceList = (data: Record<string, unknown>) =>
  (data['contracts'] as { edges: { node: { reference: string } }[] }).edges.map(
    (edge) => edge.node.reference,
  );

export const CONTRACT_ISOLATION_CASES: Record<string, IsolationCase> = {
  async contracts(w, t) {
    const x = await contractOf(w, t, 'x');
    const y = await contractOf(w, t, 'y');
    const query = `{ contracts(first: 100) { edges { node { reference } } } }`;
    expectEqual(referenceList(await w.client.ok(query, {}, w.b.adminToken)), [], 'B sees');
    const seenByX = referenceList(await w.client.ok(query, {}, w.x.token));
    if (!seenByX.includes(x.reference) || seenByX.includes(y.reference))
      throw new Error(`customer X sees ${JSON.stringify(seenByX)}`);
    const filtered = referenceList(
      await w.client.ok(
        `query($c: ID) { contracts(customerId: $c, first: 100) { edges { node { reference } } } }`,
        { c: w.y.customerId },
        w.x.token,
      ),
    );
    expectEqual(filtered, [], 'customer X asking for Y');
  },
  async contract(w, t) {
    const y = await contractOf(w, t, 'y');
    const query = `query($id: ID!) { contract(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: y.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: y.id }, ['NOT_FOUND']);
  },
  async createContract(w, t) {
    const query = `mutation($input: CreateContractInput!) { createContract(input: $input) { id } }`;
    const input = {
      customerId: w.y.customerId,
      reference: `ISO-CREATE-${Date.now()}`,
      startDate: '2026-01-01T00:00:00Z',
    };
    await expectCode(w, w.b.adminToken, query, { input }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { input }, ['FORBIDDEN']);
    expectEqual(
      await t.prisma.contract.count({ where: { reference: input.reference } }),
      0,
      'contracts made',
    );
  },
  async updateContract(w, t) {
    const y = await contractOf(w, t, 'y');
    const query = `mutation($input: UpdateContractInput!) { updateContract(input: $input) { id } }`;
    const input = { id: y.id, reference: `ISO-TAKEN-${Date.now()}` };
    await expectCode(w, w.b.adminToken, query, { input }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { input }, ['FORBIDDEN']);
    const row = await t.prisma.contract.findFirstOrThrow({ where: { id: y.id } });
    expectEqual(row.reference, y.reference, 'reference');
  },
  async endContract(w, t) {
    const y = await contractOf(w, t, 'y');
    const query = `mutation($id: ID!) { endContract(id: $id) { id } }`;
    await expectCode(w, w.b.adminToken, query, { id: y.id }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { id: y.id }, ['FORBIDDEN']);
    const row = await t.prisma.contract.findFirstOrThrow({ where: { id: y.id } });
    expectEqual(row.endedAt, null, 'endedAt');
  },
  async attachDevicesToContract(w, t) {
    const x = await contractOf(w, t, 'x');
    const query = `mutation($input: AttachDevicesToContractInput!) { attachDevicesToContract(input: $input) { id } }`;
    const own = { contractId: x.id, deviceIds: [w.fleet.x.deviceId] };
    await expectCode(w, w.b.adminToken, query, { input: own }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { input: own }, ['FORBIDDEN']);
    // Tenant A's own dealer cannot put Y's device under X's contract either.
    await expectCode(
      w,
      w.a.adminToken,
      query,
      { input: { contractId: x.id, deviceIds: [w.fleet.y.deviceId] } },
      ['BAD_USER_INPUT'],
    );
    expectEqual(
      await t.prisma.contractDevice.count({ where: { contractId: x.id } }),
      0,
      'memberships',
    );
  },
  async detachDeviceFromContract(w, t) {
    const y = await contractOf(w, t, 'y');
    const membership = await t.prisma.contractDevice.create({
      data: {
        tenantId: w.a.tenantId,
        customerId: w.y.customerId,
        contractId: y.id,
        deviceId: w.fleet.y.deviceId,
        attachedAt: new Date(),
        attachedBy: 'test',
        openKey: w.fleet.y.deviceId,
      },
    });
    const query = `mutation($input: DetachDeviceFromContractInput!) { detachDeviceFromContract(input: $input) { id } }`;
    const input = { contractId: y.id, deviceId: w.fleet.y.deviceId };
    await expectCode(w, w.b.adminToken, query, { input }, ['NOT_FOUND']);
    await expectCode(w, w.x.token, query, { input }, ['FORBIDDEN']);
    const row = await t.prisma.contractDevice.findFirstOrThrow({ where: { id: membership.id } });
    expectEqual(row.detachedAt, null, 'detachedAt');
    await t.prisma.contractDevice.deleteMany({ where: { id: membership.id } });
  },
};
