import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import { createCertificateAuthority, readAgentIdentity, signAgentCsr } from '@printbeat/pki';
import pino from 'pino';
import { loadOrCreateCertificateAuthority } from '../platform/pki/ca-store.js';
import {
  agentKeys,
  enrolledAgentOf,
  gatewayRequest,
  startChannel,
  type AgentIdentity,
  type Channel,
  type DealerSite,
} from './test-support/agent-channel.js';

const PROXY = '127.0.0.9';

describe('agent gateway: TLS and client certificates', () => {
  let channel: Channel;
  let fleet: DealerSite & { agent: AgentIdentity };
  let port: number;

  beforeAll(async () => {
    channel = await startChannel({ GATEWAY_TRUSTED_PROXIES: `${PROXY},127.0.5.0/24` });
    fleet = await enrolledAgentOf(channel, 'gateway');
    port = Number(new URL(channel.gatewayUrl).port);
  }, 120_000);
  afterAll(() => channel?.t.close());

  const commandsAs = (
    identity?: { certificatePem: string; privateKeyPem: string },
    extra: { headers?: Record<string, string>; localAddress?: string } = {},
  ) => gatewayRequest(channel, 'GET', 'commands', { ...(identity ? { identity } : {}), ...extra });

  it('answers an enrolled agent and refuses a call without a certificate', async () => {
    const ok = await commandsAs(fleet.agent);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ commands: [], configVersion: 1 });

    const none = await commandsAs();
    expect(none.status).toBe(401);
    expect(none.body.error).toEqual({
      code: 'CERTIFICATE_REQUIRED',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(none.headers['x-request-id']).toBe(none.body.error.requestId);
    const audited = await channel.t.prisma.platformAuditEvent.findMany({
      where: { action: 'gateway.refused' },
    });
    expect(
      audited.some((event) => (event.details as { code: string }).code === 'CERTIFICATE_REQUIRED'),
    ).toBe(true);
  }, 60_000);

  it('refuses a certificate from another CA, an expired one, and one central never issued a row for', async () => {
    const keys = await agentKeys();
    const foreign = await createCertificateAuthority({
      commonName: 'Evil CA',
      validityDays: 30,
      modulusLength: 2048,
    });
    const foreignCert = signAgentCsr({
      ca: foreign,
      csrPem: keys.csr,
      agentId: fleet.agent.agentId,
      tenantId: fleet.agent.tenantId,
      customerId: fleet.agent.customerId,
      validityDays: 5,
    });
    const fromForeign = await commandsAs({
      certificatePem: foreignCert.certPem,
      privateKeyPem: keys.privateKeyPem,
    });
    expect([fromForeign.status, fromForeign.body.error.code]).toEqual([
      401,
      'CERTIFICATE_UNTRUSTED',
    ]);

    const ours = await loadOrCreateCertificateAuthority({
      pkiDir: join(channel.t.config.dataDir, 'pki'),
      passphrase: channel.t.config.caKeyPassphrase.reveal(),
      log: pino({ level: 'silent' }),
    });
    const expired = signAgentCsr({
      ca: ours,
      csrPem: keys.csr,
      agentId: fleet.agent.agentId,
      tenantId: fleet.agent.tenantId,
      customerId: fleet.agent.customerId,
      validityDays: 1,
      now: new Date(Date.now() - 10 * 86_400_000),
    });
    const withExpired = await commandsAs({
      certificatePem: expired.certPem,
      privateKeyPem: keys.privateKeyPem,
    });
    expect([withExpired.status, withExpired.body.error.code]).toEqual([401, 'CERTIFICATE_EXPIRED']);

    // Signed by our CA but never recorded (e.g. minted outside enrollment): not trusted.
    const unrecorded = signAgentCsr({
      ca: ours,
      csrPem: keys.csr,
      agentId: fleet.agent.agentId,
      tenantId: fleet.agent.tenantId,
      customerId: fleet.agent.customerId,
      validityDays: 5,
    });
    const withUnrecorded = await commandsAs({
      certificatePem: unrecorded.certPem,
      privateKeyPem: keys.privateKeyPem,
    });
    expect([withUnrecorded.status, withUnrecorded.body.error.code]).toEqual([
      403,
      'CERTIFICATE_REVOKED',
    ]);
  }, 60_000);

  it('refuses TLS 1.1 and plaintext HTTP, and negotiates a modern suite on TLS 1.2', async () => {
    const handshake = (options: {
      minVersion: 'TLSv1' | 'TLSv1.2';
      maxVersion: 'TLSv1.1' | 'TLSv1.2';
    }) =>
      new Promise<{ protocol: string | null; cipher: string }>((resolve, reject) => {
        const socket: TLSSocket = connect(
          {
            host: '127.0.0.1',
            port,
            rejectUnauthorized: false,
            ciphers: 'DEFAULT:@SECLEVEL=0',
            ...options,
          },
          () => {
            const result = { protocol: socket.getProtocol(), cipher: socket.getCipher().name };
            socket.end();
            resolve(result);
          },
        );
        socket.once('error', reject);
      });
    await expect(handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1' })).rejects.toThrow();
    const modern = await handshake({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    expect(modern.protocol).toBe('TLSv1.2');
    expect(modern.cipher).toMatch(/^ECDHE-RSA-(AES\d+-GCM-SHA\d+|CHACHA20-POLY1305)$/);

    const plaintext = new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/agent/v1/commands', method: 'GET', timeout: 5000 },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.once('error', reject);
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.end();
    });
    await expect(plaintext).rejects.toThrow();
    // …and the server is still up.
    expect((await commandsAs(fleet.agent)).status).toBe(200);
  }, 60_000);

  it('takes a forwarded certificate only from a trusted proxy', async () => {
    const header = { 'x-client-certificate': encodeURIComponent(fleet.agent.certificatePem) };
    const viaProxy = await commandsAs(undefined, { headers: header, localAddress: PROXY });
    expect(viaProxy.status).toBe(200);
    const viaSubnet = await commandsAs(undefined, { headers: header, localAddress: '127.0.5.7' });
    expect(viaSubnet.status).toBe(200);
    const spoofed = await commandsAs(undefined, { headers: header, localAddress: '127.0.0.10' });
    expect([spoofed.status, spoofed.body.error.code]).toEqual([401, 'CERTIFICATE_REQUIRED']);
    const garbage = await commandsAs(undefined, {
      headers: { 'x-client-certificate': 'not%20a%20cert' },
      localAddress: PROXY,
    });
    expect([garbage.status, garbage.body.error.code]).toEqual([401, 'CERTIFICATE_UNTRUSTED']);
  }, 60_000);

  it('refuses a revoked certificate, a disabled agent and a revoked agent from the next request on', async () => {
    const { prisma, client } = channel.t;
    const other = await enrolledAgentOf(channel, 'gateway-revoke');
    const tenantId = other.dealer.tenantId;
    expect((await commandsAs(other.agent)).status).toBe(200);

    await prisma.agent.updateMany({
      where: { tenantId, id: other.agent.agentId },
      data: { status: 'DISABLED' },
    });
    const disabled = await commandsAs(other.agent);
    expect([disabled.status, disabled.body.error.code]).toEqual([403, 'AGENT_DISABLED']);
    await prisma.agent.updateMany({
      where: { tenantId, id: other.agent.agentId },
      data: { status: 'ACTIVE' },
    });
    expect((await commandsAs(other.agent)).status).toBe(200);

    const serial = readAgentIdentity(other.agent.certificatePem).serial;
    await prisma.agentCertificate.updateMany({
      where: { tenantId, serial },
      data: { revokedAt: new Date() },
    });
    const revokedCert = await commandsAs(other.agent);
    expect([revokedCert.status, revokedCert.body.error.code]).toEqual([403, 'CERTIFICATE_REVOKED']);
    await prisma.agentCertificate.updateMany({
      where: { tenantId, serial },
      data: { revokedAt: null },
    });
    expect((await commandsAs(other.agent)).status).toBe(200);

    const revoked = await client.ok(
      `mutation($id: ID!) { revokeAgent(id: $id) { id status } }`,
      { id: other.agent.agentId },
      other.dealer.adminToken,
    );
    expect(revoked['revokeAgent']).toEqual({ id: other.agent.agentId, status: 'REVOKED' });
    const afterRevoke = await commandsAs(other.agent);
    expect([afterRevoke.status, afterRevoke.body.error.code]).toEqual([403, 'AGENT_REVOKED']);
    expect(
      await prisma.agentCertificate.count({
        where: { tenantId, agentId: other.agent.agentId, revokedAt: null },
      }),
    ).toBe(0);

    const refusals = await prisma.auditEvent.findMany({
      where: { tenantId, action: 'gateway.refused' },
      orderBy: { at: 'asc' },
    });
    expect(refusals.map((event) => (event.details as { code: string }).code)).toEqual([
      'AGENT_DISABLED',
      'CERTIFICATE_REVOKED',
      'AGENT_REVOKED',
    ]);
    expect(
      refusals.every(
        (event) =>
          event.outcome === 'DENIED' &&
          (event.details as { sourceAddress: string }).sourceAddress === '127.0.0.1',
      ),
    ).toBe(true);
  }, 60_000);

  it('serves the config with an ETag, answers 304 while it is current, and bumps it on change', async () => {
    const { client } = channel.t;
    const agent = await enrolledAgentOf(channel, 'gateway-config');
    const first = await gatewayRequest(channel, 'GET', 'config', { identity: agent.agent });
    expect(first.status).toBe(200);
    expect(first.headers['etag']).toBe('"1"');
    expect(first.body).toMatchObject({
      version: 1,
      allowedActions: ['REFRESH_STATUS', 'SEND_METERS', 'TROUBLESHOOT'],
      discovery: { targets: [] },
    });

    const same = await gatewayRequest(channel, 'GET', 'config', {
      identity: agent.agent,
      headers: { 'if-none-match': '"1"' },
    });
    expect(same.status).toBe(304);

    await client.ok(
      `mutation($input: UpdateAgentConfigInput!) { updateAgentConfig(input: $input) { configVersion } }`,
      {
        input: {
          agentId: agent.agent.agentId,
          config: {
            schedules: { meters: { everySeconds: 600 } },
            discovery: { targets: ['127.10.0.0/24'], snmpPort: 16100 },
          },
        },
      },
      agent.dealer.adminToken,
    );
    const changed = await gatewayRequest(channel, 'GET', 'config', {
      identity: agent.agent,
      headers: { 'if-none-match': '"1"' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      version: 2,
      schedules: { meters: { everySeconds: 600 } },
      discovery: { targets: ['127.10.0.0/24'], snmpPort: 16100 },
    });

    // Consent is part of the config: a change reaches the agent through a new version.
    await client.ok(
      `mutation($input: SetCustomerConsentInput!) { setCustomerConsent(input: $input) { id } }`,
      {
        input: {
          customerId: agent.customerId,
          allowedCommandTypes: ['PRINT_TEST_PAGE', 'REFRESH_STATUS'],
        },
      },
      agent.dealer.adminToken,
    );
    // The next command pull already announces the version that carries the new consent.
    const pulled = await gatewayRequest(channel, 'GET', 'commands', { identity: agent.agent });
    expect(pulled.body).toEqual({ commands: [], configVersion: 3 });
    const consent = await gatewayRequest(channel, 'GET', 'config', {
      identity: agent.agent,
      headers: { 'if-none-match': '"2"' },
    });
    expect(consent.status).toBe(200);
    expect(consent.body).toMatchObject({
      version: 3,
      allowedActions: ['PRINT_TEST_PAGE', 'REFRESH_STATUS'],
    });
    expect(
      (
        await gatewayRequest(channel, 'GET', 'config', {
          identity: agent.agent,
          headers: { 'if-none-match': '"3"' },
        })
      ).status,
    ).toBe(304);
    const settled = await gatewayRequest(channel, 'GET', 'commands', { identity: agent.agent });
    expect(settled.body).toEqual({ commands: [], configVersion: 3 });
  }, 60_000);

  it('serves an SNMPv3 context and ordered credential lists set through GraphQL, never showing secrets', async () => {
    const { client } = channel.t;
    const agent = await enrolledAgentOf(channel, 'gateway-credentials');
    const v3 = { version: '3', user: 'ops', authProtocol: 'sha256', authKey: 'auth-key-2026' };
    const config = {
      snmp: [
        { ...v3, user: 'former-ops', context: 'Jetdirect' },
        { ...v3, privProtocol: 'aes', privKey: 'priv-key-2026' },
      ],
      discovery: {
        targets: [
          '127.10.0.0/24',
          { target: '127.11.0.0/24', snmp: [{ version: '2c', community: 'site-2' }, v3] },
        ],
      },
    };
    const mutation = `mutation($input: UpdateAgentConfigInput!) { updateAgentConfig(input: $input) { config } }`;
    const updated = await client.ok<{ updateAgentConfig: { config: Record<string, unknown> } }>(
      mutation,
      { input: { agentId: agent.agent.agentId, config } },
      agent.dealer.adminToken,
    );
    expect(updated.updateAgentConfig.config).toMatchObject({
      snmp: [
        { user: 'former-ops', context: 'Jetdirect', authKey: '[set]' },
        { user: 'ops', authKey: '[set]', privKey: '[set]' },
      ],
      discovery: {
        targets: [
          '127.10.0.0/24',
          { target: '127.11.0.0/24', snmp: [{ community: '[set]' }, { authKey: '[set]' }] },
        ],
      },
    });
    expect(JSON.stringify(updated)).not.toMatch(/auth-key-2026|priv-key-2026|site-2/);

    const served = await gatewayRequest(channel, 'GET', 'config', { identity: agent.agent });
    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({
      snmp: config.snmp,
      discovery: { targets: config.discovery.targets },
    });

    const refused = await client.request(
      mutation,
      {
        input: {
          agentId: agent.agent.agentId,
          config: { snmp: [v3, { ...v3, context: 'c'.repeat(33) }] },
        },
      },
      agent.dealer.adminToken,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/snmp\.1\.context/);
  }, 60_000);

  it('renews the certificate over mTLS; both certificates then work until revoked', async () => {
    const agent = await enrolledAgentOf(channel, 'gateway-renew');
    const keys = await agentKeys();
    const renewed = await gatewayRequest(channel, 'POST', 'renew', {
      identity: agent.agent,
      json: { csr: keys.csr },
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.caChain).toEqual(channel.caChain);
    const identity = readAgentIdentity(renewed.body.certificate);
    expect(identity.agentId).toBe(agent.agent.agentId);
    const fresh = {
      certificatePem: renewed.body.certificate as string,
      privateKeyPem: keys.privateKeyPem,
    };
    expect((await commandsAs(fresh)).status).toBe(200);
    expect((await commandsAs(agent.agent)).status).toBe(200);
    const rows = await channel.t.prisma.agentCertificate.findMany({
      where: { tenantId: agent.dealer.tenantId, agentId: agent.agent.agentId },
    });
    expect(rows).toHaveLength(2);
    const audit = await channel.t.prisma.auditEvent.count({
      where: {
        tenantId: agent.dealer.tenantId,
        action: 'agent.renew',
        targetId: agent.agent.agentId,
      },
    });
    expect(audit).toBe(1);
  }, 60_000);

  it('answers unknown paths with a JSON 404', async () => {
    const response = await gatewayRequest(channel, 'GET', 'nope', { identity: fleet.agent });
    expect([response.status, response.body.error.code]).toEqual([404, 'NOT_FOUND']);
  }, 60_000);
});
