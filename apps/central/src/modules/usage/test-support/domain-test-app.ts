import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../../app.module.js';
import type { AppConfig } from '../../../config/config.js';
import { hashPassword } from '../../../platform/auth/password-hasher.js';
import { GraphqlClient } from '../../../platform/graphql/test-support/graphql-client.js';
import { closeTestApp } from '../../../platform/lifecycle/test-support/close-test-app.js';
import { createLogger } from '../../../platform/logging/logger.js';
import { requestLoggingMiddleware } from '../../../platform/logging/request-logging.middleware.js';
import { PrismaService } from '../../../platform/prisma/prisma.service.js';
import { TenantPrisma } from '../../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../../platform/tenancy/tenant-context.js';
import { createTestTenant, type TestTenant } from '../../../../../../tools/testing/factories.js';
import { testAppConfig } from '../../../platform/graphql/test-support/test-app-config.js';

export const DOMAIN_TEST_PASSWORD = 'correct horse battery staple';

export type DomainTestApp = {
  app: NestExpressApplication;
  config: AppConfig;
  baseUrl: string;
  client: GraphqlClient;
  /** Raw owner client: arranging and asserting only. */
  prisma: PrismaService;
  /** Runs `fn` in a tenant-scoped transaction as a system actor (what ingest and jobs do). */
  asTenant<T>(
    tenantId: string,
    fn: (tx: Parameters<Parameters<TenantPrisma['run']>[0]>[0]) => Promise<T>,
  ): Promise<T>;
  /** A dealer with a signed-in admin and a customer (with its site). */
  dealer(): Promise<TestDealer>;
  close(): Promise<void>;
};

export type TestDealer = TestTenant & { adminToken: string };

/**
 * Central as AppModule plus the given feature modules (until the lead wires them into
 * AppModule), on an ephemeral loopback port against the run's embedded PostgreSQL.
 */
export async function startDomainTestApp(
  modules: Type<unknown>[],
  overrides: Record<string, string> = {},
): Promise<DomainTestApp> {
  const { config, dataDir, ownerUrl, appUrl } = testAppConfig(overrides, 'pb-domain-test-');
  const logger = createLogger({ level: config.logLevel });
  const database = { ownerUrl, appUrl, embedded: false, stop: async () => {} };

  @Module({})
  class DomainTestModule {
    static forRoot(): DynamicModule {
      return {
        module: DomainTestModule,
        imports: [AppModule.forRoot({ config, logger, database }), ...modules],
      };
    }
  }

  const app = await NestFactory.create<NestExpressApplication>(DomainTestModule.forRoot(), {
    logger: false,
    bodyParser: true,
    forceCloseConnections: true,
  });
  app.use(requestLoggingMiddleware(logger));
  app.enableShutdownHooks();
  await app.init();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const client = new GraphqlClient(baseUrl);
  const prisma = app.get(PrismaService);
  const tenantPrisma = app.get(TenantPrisma);
  const passwordHash = await hashPassword(DOMAIN_TEST_PASSWORD);

  return {
    app,
    config,
    baseUrl,
    client,
    prisma,
    asTenant: (tenantId, fn) =>
      tenantPrisma.runAs(
        { tenantId, customerId: null, actor: { kind: 'system', name: 'test' } },
        fn,
      ),
    async dealer() {
      const tenant = await createTestTenant(prisma, { users: { passwordHash } });
      const signIn = await client.ok<{ signIn: { accessToken: string } }>(
        `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }`,
        { email: tenant.users!.dealerAdmin.email, password: DOMAIN_TEST_PASSWORD },
      );
      return { ...tenant, adminToken: signIn.signIn.accessToken };
    },
    async close() {
      await closeTestApp(() => app.close(), 'domain test app');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` in the tenant's context (for calling services the way a job does). */
export function inTenant<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
  return tenantContext.run(
    { tenantId, customerId: null, actor: { kind: 'system', name: 'test' } },
    fn,
  );
}

export async function createApiKeyFor(
  client: GraphqlClient,
  token: string,
  scopes: string[],
): Promise<string> {
  const data = await client.ok<{ createApiKey: { secret: string } }>(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
    { input: { name: 'billing', scopes } },
    token,
  );
  return data.createApiKey.secret;
}

/**
 * One device's DEVICE row of the billing CSV (`GET /api/v1/meters/export.csv?{query}`, API
 * key): [start_value, end_value, delta, flags].
 */
export async function billingCsvRow(
  t: DomainTestApp,
  key: string,
  query: string,
  device: { id: string; serialNumber: string | null },
): Promise<(string | undefined)[]> {
  const response = await fetch(`${t.baseUrl}/api/v1/meters/export.csv?${query}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  if (response.status !== 200) throw new Error(`billing CSV: HTTP ${response.status}`);
  const line = (await response.text()).split('\r\n').find((l) => l.includes(`,${device.id},`));
  if (!line) throw new Error(`no CSV row for ${device.serialNumber}`);
  const fields = line.split(',');
  return [fields[12], fields[14], fields[15], fields[16]];
}
