import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../../app.module.js';
import type { AppConfig } from '../../../config/config.js';
import { hashPassword } from '../../auth/password-hasher.js';
import { closeTestApp } from '../../lifecycle/test-support/close-test-app.js';
import { createLogger } from '../../logging/logger.js';
import { PrismaService } from '../../prisma/prisma.service.js';
import { GraphqlClient } from './graphql-client.js';
import { testAppConfig } from './test-app-config.js';

export type TestApp = {
  app: NestExpressApplication;
  config: AppConfig;
  baseUrl: string;
  client: GraphqlClient;
  /** Raw client: for arranging and asserting what is in the database, never for the code under test. */
  prisma: PrismaService;
  operator: { email: string; password: string };
  close(): Promise<void>;
};

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Central on an ephemeral loopback port against the run's embedded PostgreSQL (started by
 * tools/testing/postgres-global-setup.ts), with its own platform operator.
 */
export async function startTestApp(
  overrides: Record<string, string> = {},
  options: { logDestination?: NodeJS.WritableStream } = {},
): Promise<TestApp> {
  const { config, dataDir, ownerUrl, appUrl } = testAppConfig(overrides, 'pb-central-test-');
  const logger = createLogger({ level: config.logLevel, destination: options.logDestination });
  const database = { ownerUrl, appUrl, embedded: false, stop: async () => {} };
  const app = await createApp({ config, logger, database });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const prisma = app.get(PrismaService);

  const platform = await prisma.tenant.findFirstOrThrow({ where: { kind: 'PLATFORM' } });
  const operator = {
    email: `operator-${randomBytes(4).toString('hex')}@test.local`,
    password: TEST_PASSWORD,
  };
  await prisma.user.create({
    data: {
      tenantId: platform.id,
      email: operator.email,
      name: 'Test Operator',
      role: 'PLATFORM_OPERATOR',
      passwordHash: await hashPassword(operator.password),
    },
  });

  return {
    app,
    config,
    baseUrl,
    client: new GraphqlClient(baseUrl),
    prisma,
    operator,
    async close() {
      await closeTestApp(() => app.close(), 'test app');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
