import { X509Certificate } from 'node:crypto';
import { readAgentIdentity } from '@printbeat/pki';
import {
  createCustomer,
  createSite,
  createUser,
  signIn,
} from '../../platform/graphql/test-support/scenario.js';
import {
  agentKeys,
  createRegistrationKey,
  dealerWithSite,
  enrollAgent,
  gatewayRequest,
  startChannel,
  type Channel,
  type DealerSite,
} from '../../gateway/test-support/agent-channel.js';

const facts = { hostname: 'print-gw-01', os: 'linux 6.1 x64', agentVersion: '0.1.0' };

describe('agent enrollment (POST /agent/v1/enroll)', () => {
  let channel: Channel;
  let site: DealerSite;

  beforeAll(async () => {
    channel = await startChannel({ ENROLL_RATE_LIMIT_PER_MINUTE: '30' });
    site = await dealerWithSite(channel, 'enroll');
  }, 120_000);
  afterAll(() => channel?.t.close());

  it('signs the CSR, stores agent and certificate, counts the key use and audits it', async () => {
    const key = await createRegistrationKey(channel, site.dealer.adminToken, {
      customerId: site.customerId,
      siteId: site.siteId,
      maxUses: 5,
    });
    const keys = await agentKeys();
    const response = await gatewayRequest(channel, 'POST', 'enroll', {
      json: { registrationKey: key.secret, csr: keys.csr, facts },
    });

    expect(response.status).toBe(200);
    const body = response.body;
    expect(body).toMatchObject({
      tenantId: site.dealer.tenantId,
      customerId: site.customerId,
      siteId: site.siteId,
    });
    expect(body.caChain).toEqual(channel.caChain);
    expect(body.config).toMatchObject({
      version: 1,
      schedules: {
        discovery: { dailyAt: '09:00' },
        meters: { everySeconds: 3600 },
        commandPoll: { everySeconds: 300 },
      },
      allowedActions: ['REFRESH_STATUS', 'SEND_METERS', 'TROUBLESHOOT'],
    });
    const identity = readAgentIdentity(body.certificate);
    expect(identity).toMatchObject({
      agentId: body.agentId,
      tenantId: site.dealer.tenantId,
      customerId: site.customerId,
    });
    // The certificate carries the agent's own public key: the private key never left it.
    expect(
      new X509Certificate(body.certificate).publicKey.export({ type: 'spki', format: 'pem' }),
    ).toBe(keys.publicKeyPem);
    const lifetimeDays = (identity.notAfter.getTime() - identity.notBefore.getTime()) / 86_400_000;
    expect(Math.round(lifetimeDays)).toBe(30);

    const prisma = channel.t.prisma;
    const agent = await prisma.agent.findFirstOrThrow({
      where: { tenantId: site.dealer.tenantId, id: body.agentId },
    });
    expect(agent).toMatchObject({
      status: 'ACTIVE',
      hostname: 'print-gw-01',
      os: 'linux 6.1 x64',
      version: '0.1.0',
      siteId: site.siteId,
      registrationKeyId: key.id,
    });
    const certificate = await prisma.agentCertificate.findFirstOrThrow({
      where: { tenantId: site.dealer.tenantId, agentId: body.agentId },
    });
    expect(certificate).toMatchObject({
      serial: identity.serial,
      fingerprint: identity.fingerprintSha256,
      revokedAt: null,
    });
    const stored = await prisma.registrationKey.findFirstOrThrow({
      where: { tenantId: site.dealer.tenantId, id: key.id },
    });
    expect(stored.useCount).toBe(1);
    expect(stored.keyHash).not.toContain(key.secret.slice(17));
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { tenantId: site.dealer.tenantId, action: 'agent.enroll', targetId: body.agentId },
    });
    expect(audit).toMatchObject({
      actorKind: 'AGENT',
      actorId: body.agentId,
      outcome: 'SUCCESS',
      customerId: site.customerId,
    });

    const listed = await channel.t.client.ok(
      `query($c: ID) { registrationKeys(customerId: $c) { edges { node { id useCount } } } }`,
      { c: site.customerId },
      site.dealer.adminToken,
    );
    expect(listed['registrationKeys'].edges).toContainEqual({ node: { id: key.id, useCount: 1 } });
  }, 90_000);

  it('refuses wrong, revoked, expired and used-up keys with their codes, and audits the refusals', async () => {
    const keys = await agentKeys();
    const attempt = (registrationKey: string) =>
      gatewayRequest(channel, 'POST', 'enroll', {
        json: { registrationKey, csr: keys.csr, facts },
      });
    const codeOf = async (registrationKey: string) => {
      const response = await attempt(registrationKey);
      return [response.status, response.body?.error?.code as string | undefined];
    };

    expect(await codeOf(`pbr_abcdefghijkl_${'A'.repeat(43)}`)).toEqual([
      401,
      'REGISTRATION_KEY_INVALID',
    ]);
    expect(await codeOf('not-a-key')).toEqual([401, 'REGISTRATION_KEY_INVALID']);

    const revoked = await createRegistrationKey(channel, site.dealer.adminToken, {
      customerId: site.customerId,
      siteId: site.siteId,
    });
    await channel.t.client.ok(
      `mutation($id: ID!) { revokeRegistrationKey(id: $id) { revokedAt } }`,
      { id: revoked.id },
      site.dealer.adminToken,
    );
    expect(await codeOf(revoked.secret)).toEqual([401, 'REGISTRATION_KEY_INVALID']);

    const expiring = await createRegistrationKey(channel, site.dealer.adminToken, {
      customerId: site.customerId,
      siteId: site.siteId,
    });
    await channel.t.prisma.registrationKey.updateMany({
      where: { tenantId: site.dealer.tenantId, id: expiring.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await codeOf(expiring.secret)).toEqual([401, 'REGISTRATION_KEY_EXPIRED']);

    const single = await createRegistrationKey(channel, site.dealer.adminToken, {
      customerId: site.customerId,
      siteId: site.siteId,
      maxUses: 1,
    });
    await enrollAgent(channel, single.secret);
    expect(await codeOf(single.secret)).toEqual([401, 'REGISTRATION_KEY_USED_UP']);

    const response = await attempt(single.secret);
    expect(response.body.error.requestId).toEqual(expect.any(String));
    expect(response.body.error.message).not.toContain(single.secret);

    const tenantRefusals = await channel.t.prisma.auditEvent.findMany({
      where: { tenantId: site.dealer.tenantId, action: 'gateway.refused' },
    });
    expect(tenantRefusals.map((event) => (event.details as { code: string }).code).sort()).toEqual(
      expect.arrayContaining([
        'REGISTRATION_KEY_EXPIRED',
        'REGISTRATION_KEY_INVALID',
        'REGISTRATION_KEY_USED_UP',
      ]),
    );
    expect(
      tenantRefusals.every(
        (event) =>
          event.outcome === 'DENIED' &&
          (event.details as { sourceAddress: string }).sourceAddress === '127.0.0.1',
      ),
    ).toBe(true);
    const platformRefusals = await channel.t.prisma.platformAuditEvent.count({
      where: { action: 'gateway.refused', ip: '127.0.0.1' },
    });
    expect(platformRefusals).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('grants the last use of a key once under concurrent enrollments', async () => {
    const key = await createRegistrationKey(channel, site.dealer.adminToken, {
      customerId: site.customerId,
      siteId: site.siteId,
      maxUses: 2,
    });
    const csrs = await Promise.all([agentKeys(), agentKeys(), agentKeys(), agentKeys()]);
    const responses = await Promise.all(
      csrs.map((keys) =>
        gatewayRequest(channel, 'POST', 'enroll', {
          json: { registrationKey: key.secret, csr: keys.csr, facts },
          localAddress: '127.0.0.3',
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 401, 401]);
    const stored = await channel.t.prisma.registrationKey.findFirstOrThrow({
      where: { tenantId: site.dealer.tenantId, id: key.id },
    });
    expect(stored.useCount).toBe(2);
    expect(
      await channel.t.prisma.agent.count({
        where: { tenantId: site.dealer.tenantId, registrationKeyId: key.id },
      }),
    ).toBe(2);
  }, 90_000);

  it('refuses malformed requests and CSRs', async () => {
    const key = await createRegistrationKey(channel, site.dealer.adminToken, {
      customerId: site.customerId,
      siteId: site.siteId,
    });
    const noFacts = await gatewayRequest(channel, 'POST', 'enroll', {
      json: { registrationKey: key.secret, csr: 'x' },
      localAddress: '127.0.0.4',
    });
    expect([noFacts.status, noFacts.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    const badCsr = await gatewayRequest(channel, 'POST', 'enroll', {
      json: {
        registrationKey: key.secret,
        csr: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----',
        facts,
      },
      localAddress: '127.0.0.4',
    });
    expect([badCsr.status, badCsr.body.error.code]).toEqual([400, 'INVALID_CSR']);
    const notJson = await gatewayRequest(channel, 'POST', 'enroll', {
      body: Buffer.from('{oops'),
      headers: { 'content-type': 'application/json' },
      localAddress: '127.0.0.4',
    });
    expect([notJson.status, notJson.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    const stored = await channel.t.prisma.registrationKey.findFirstOrThrow({
      where: { tenantId: site.dealer.tenantId, id: key.id },
    });
    expect(stored.useCount).toBe(0);
  }, 90_000);

  it('rate-limits enrollment attempts per source address', async () => {
    const keys = await agentKeys();
    const statuses: number[] = [];
    let retryAfter: string | string[] | undefined;
    for (let i = 0; i < 36; i += 1) {
      const response = await gatewayRequest(channel, 'POST', 'enroll', {
        json: { registrationKey: `pbr_abcdefghijkl_${'B'.repeat(43)}`, csr: keys.csr, facts },
        localAddress: '127.0.0.77',
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.body.error.code).toBe('RATE_LIMITED');
        retryAfter = response.headers['retry-after'];
      }
    }
    // 30 at once, then roughly one every two seconds comes back.
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(30).filter((status) => status === 429).length).toBeGreaterThanOrEqual(3);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another address is not affected.
    const other = await gatewayRequest(channel, 'POST', 'enroll', {
      json: { registrationKey: 'x', csr: keys.csr, facts },
      localAddress: '127.0.0.78',
    });
    expect(other.status).toBe(401);
  }, 90_000);

  it("lets a customer admin list and revoke its own customer's agents only", async () => {
    const key = await createRegistrationKey(channel, site.dealer.adminToken, {
      customerId: site.customerId,
      siteId: site.siteId,
    });
    const own = await enrollAgent(channel, key.secret, 'own-agent');
    const secondCustomer = await createCustomer(
      channel.t.client,
      site.dealer.adminToken,
      'Neighbour',
    );
    const secondSite = await createSite(
      channel.t.client,
      site.dealer.adminToken,
      secondCustomer,
      'N1',
    );
    const neighbourKey = await createRegistrationKey(channel, site.dealer.adminToken, {
      customerId: secondCustomer,
      siteId: secondSite,
    });
    const neighbour = await enrollAgent(channel, neighbourKey.secret, 'neighbour-agent');
    const admin = await createUser(channel.t.client, site.dealer.adminToken, {
      role: 'CUSTOMER_ADMIN',
      customerId: site.customerId,
    });
    const token = (await signIn(channel.t.client, admin.email)).accessToken;

    const listed = await channel.t.client.ok(
      `{ agents(first: 100) { edges { node { id customerId hostname status } } } }`,
      {},
      token,
    );
    const ids = (listed['agents'].edges as { node: { id: string; customerId: string } }[]).map(
      (e) => e.node,
    );
    expect(ids.every((node) => node.customerId === site.customerId)).toBe(true);
    expect(ids.map((node) => node.id)).toContain(own.agentId);
    const revoke = `mutation($id: ID!) { revokeAgent(id: $id) { id status } }`;
    expect(await channel.t.client.errorCode(revoke, { id: neighbour.agentId }, token)).toBe(
      'NOT_FOUND',
    );
    expect((await channel.t.client.ok(revoke, { id: own.agentId }, token))['revokeAgent']).toEqual({
      id: own.agentId,
      status: 'REVOKED',
    });
    const refused = await gatewayRequest(channel, 'GET', 'commands', { identity: own });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'AGENT_REVOKED']);
    expect((await gatewayRequest(channel, 'GET', 'commands', { identity: neighbour })).status).toBe(
      200,
    );
  }, 90_000);

  it('lets a customer admin create keys for its own customer only', async () => {
    const other = await dealerWithSite(channel, 'enroll-other');
    const admin = await createUser(channel.t.client, site.dealer.adminToken, {
      role: 'CUSTOMER_ADMIN',
      customerId: site.customerId,
    });
    const token = (await signIn(channel.t.client, admin.email)).accessToken;
    const own = await createRegistrationKey(channel, token, {
      customerId: site.customerId,
      siteId: site.siteId,
    });
    expect(own.secret).toMatch(/^pbr_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const secondCustomer = await createCustomer(channel.t.client, site.dealer.adminToken, 'Second');
    const secondSite = await createSite(
      channel.t.client,
      site.dealer.adminToken,
      secondCustomer,
      'S2',
    );
    const mutation = `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`;
    expect(
      await channel.t.client.errorCode(
        mutation,
        { input: { customerId: secondCustomer, siteId: secondSite } },
        token,
      ),
    ).toBe('NOT_FOUND');
    // A dealer admin of another tenant cannot reach this customer's site either.
    expect(
      await channel.t.client.errorCode(
        mutation,
        { input: { customerId: site.customerId, siteId: site.siteId } },
        other.dealer.adminToken,
      ),
    ).toBe('NOT_FOUND');
    const technician = await createUser(channel.t.client, site.dealer.adminToken, {
      role: 'DEALER_TECHNICIAN',
    });
    const techToken = (await signIn(channel.t.client, technician.email)).accessToken;
    expect(
      await channel.t.client.errorCode(
        mutation,
        { input: { customerId: site.customerId, siteId: site.siteId } },
        techToken,
      ),
    ).toBe('FORBIDDEN');
  }, 90_000);
});
