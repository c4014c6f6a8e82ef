// GraphQL cost bombs: four customer-admin workers send alias and cost bombs back to back while
// another tenant's admin queries its fleet and an agent uploads over the gateway. Boots its own
// embedded PostgreSQL and central (built apps, loopback only) in a temporary directory.
// Prints refusals, the other users' latency and errors; asserts nothing, never fails.
//
//   node tools/resilience/graphql-cost.mjs [--seconds 15] [--bombers 4] [--no-build]
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import got from 'got';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (path) => pathToFileURL(join(root, 'apps/central/dist', path)).href;
const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};
const seconds = Number(arg('seconds', '15'));
const bombers = Number(arg('bombers', '4'));
const PASSWORD = 'correct horse battery staple';

const aliases = (count, selection) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;
const BOMBS = {
  'devices(first:100) ×1000 (41 KB)': aliases(
    1000,
    'devices(first: 100) { edges { node { id serialNumber } } }',
  ),
  'me ×1000': aliases(1000, 'me { id email }'),
  'me ×40': aliases(40, 'me { id email }'),
  'devices ×14 with meterReads(first:1000)': aliases(
    14,
    'devices(first: 100) { edges { node { id meterReads(first: 1000) { edges { node { readAt counters } } } } } }',
  ),
};
const FLEET = `{ devices(first: 20) { edges { node { id serialNumber model lastSeenAt } } } }`;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  if (sorted.length === 0) return 'none';
  return `n=${sorted.length} p50=${at(50).toFixed(0)} ms p95=${at(95).toFixed(0)} ms max=${sorted.at(-1).toFixed(0)} ms`;
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    process.stderr.write('building (tsc -b) …\n');
    execFileSync('npx', ['tsc', '-b'], { cwd: root, stdio: 'inherit' });
  }
  await import('reflect-metadata');
  const { startDatabase } = await import(dist('platform/database/database.js'));
  const { createApp } = await import(dist('app.module.js'));
  const { loadConfig } = await import(dist('config/config.js'));
  const { createLogger } = await import(dist('platform/logging/logger.js'));
  const { PrismaService } = await import(dist('platform/prisma/prisma.service.js'));
  const { hashPassword } = await import(dist('platform/auth/password-hasher.js'));
  const { GatewayServer } = await import(dist('gateway/gateway.server.js'));
  const { CentralPki } = await import(dist('platform/pki/central-pki.js'));
  const { createCsr, generateKeyPair } = await import('@printbeat/pki');
  const { packUpload } = await import('@printbeat/payload');

  const work = mkdtempSync(join(tmpdir(), 'pb-resilience-graphql-'));
  // The embedded server runs as user postgres: it must reach its data directory.
  chmodSync(work, 0o755);
  const database = await startDatabase({
    dataDir: join(work, 'postgres'),
    port: await freePort(),
    databaseName: 'printbeat_resilience',
    migrationsDir: join(root, 'prisma', 'migrations'),
    log: () => {},
  });
  const config = loadConfig({
    env: {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      DATA_DIR: join(work, 'central'),
      DATABASE_URL: database.ownerUrl,
      DATABASE_APP_URL: database.appUrl,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      PORTAL_DIST: join(work, 'no-portal'),
    },
  });
  const app = await createApp({
    config,
    logger: createLogger({ level: 'silent' }),
    database: { ...database, embedded: false, stop: async () => {} },
  });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const gatewayUrl = app.get(GatewayServer).url();
  const caChain = app.get(CentralPki).chainPem.join('\n');
  const prisma = app.get(PrismaService);

  const graphql = async (query, variables = {}, token) => {
    const started = performance.now();
    const response = await got.post(`${baseUrl}/graphql`, {
      json: { query, variables },
      headers: token ? { authorization: `Bearer ${token}` } : {},
      throwHttpErrors: false,
      retry: { limit: 0 },
      responseType: 'json',
    });
    return { ms: performance.now() - started, status: response.statusCode, body: response.body };
  };
  const ok = async (query, variables, token) => {
    const { body } = await graphql(query, variables, token);
    if (body.errors?.length) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const signIn = async (email) =>
    (
      await ok(
        `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`,
        { e: email, p: PASSWORD },
      )
    ).signIn.accessToken;

  try {
    // Arrange: a platform operator, two dealers, a customer admin of dealer A, an agent of B.
    const platform = await prisma.tenant.findFirstOrThrow({ where: { kind: 'PLATFORM' } });
    await prisma.user.create({
      data: {
        tenantId: platform.id,
        email: 'operator@resilience.local',
        name: 'Operator',
        role: 'PLATFORM_OPERATOR',
        passwordHash: await hashPassword(PASSWORD),
      },
    });
    const operator = await signIn('operator@resilience.local');
    const dealer = async (slug) => {
      const created = await ok(
        `mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }`,
        {
          input: {
            name: slug,
            slug,
            admin: { email: `admin@${slug}.local`, name: 'Admin', password: PASSWORD },
          },
        },
        operator,
      );
      const token = await signIn(`admin@${slug}.local`);
      const customerId = (
        await ok(
          `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`,
          { input: { name: `${slug} customer` } },
          token,
        )
      ).createCustomer.id;
      const siteId = (
        await ok(
          `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`,
          { input: { customerId, name: 'Head office' } },
          token,
        )
      ).createSite.id;
      return { tenantId: created.createTenant.tenant.id, token, customerId, siteId };
    };
    const attackerDealer = await dealer('dealer-a');
    const victim = await dealer('dealer-b');
    await ok(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          email: 'customer-admin@dealer-a.local',
          name: 'Customer admin',
          password: PASSWORD,
          role: 'CUSTOMER_ADMIN',
          customerId: attackerDealer.customerId,
        },
      },
      attackerDealer.token,
    );
    const attacker = await signIn('customer-admin@dealer-a.local');
    for (const owner of [attackerDealer, victim]) {
      await prisma.device.createMany({
        data: Array.from({ length: 100 }, (_, i) => ({
          tenantId: owner.tenantId,
          customerId: owner.customerId,
          siteId: owner.siteId,
          serialNumber: `SN-${owner.tenantId.slice(0, 8)}-${i}`,
          manufacturer: 'Kyocera',
          model: 'ECOSYS P3145dn',
        })),
      });
    }
    const key = (
      await ok(
        `mutation($input: CreateRegistrationKeyInput!) { createRegistrationKey(input: $input) { secret } }`,
        { input: { customerId: victim.customerId, siteId: victim.siteId } },
        victim.token,
      )
    ).createRegistrationKey.secret;
    const keys = await generateKeyPair({ modulusLength: 2048 });
    const csr = createCsr({ ...keys, commonName: 'resilience-agent' });
    const https = { certificateAuthority: caChain, minVersion: 'TLSv1.2' };
    const enrolled = await got
      .post(`${gatewayUrl}/agent/v1/enroll`, {
        json: {
          registrationKey: key,
          csr,
          facts: { hostname: 'gw', os: 'linux', agentVersion: '0.1.0' },
        },
        https,
        retry: { limit: 0 },
      })
      .json();
    const agentHttps = { ...https, certificate: enrolled.certificate, key: keys.privateKeyPem };

    let uploadCount = 0;
    const uploadOnce = async () => {
      uploadCount += 1;
      const takenAt = new Date().toISOString();
      const devices = Array.from({ length: 12 }, (_, i) => ({
        address: `10.0.0.${i + 1}`,
        identity: {
          manufacturer: 'Kyocera',
          model: 'ECOSYS P3145dn',
          serial: `AGENT-${i}`,
          mac: null,
          ip: `10.0.0.${i + 1}`,
          hostname: null,
          firmware: null,
          location: null,
          contact: null,
          assetTag: null,
          sysObjectId: null,
          sysDescr: null,
          uptimeSeconds: 1000 + uploadCount,
        },
        readings: [
          {
            takenAt,
            counters: { total: 1000 + uploadCount, mono: 900 + uploadCount, color: 100, extra: {} },
            supplies: [],
            status: { printer: 'idle', device: 'running', errors: [] },
            alerts: [],
            console: null,
          },
        ],
      }));
      const payload = {
        version: 1,
        uploadId: randomUUID(),
        agentId: enrolled.agentId,
        agentVersion: '0.1.0',
        createdAt: takenAt,
        devices,
      };
      const { zip } = await packUpload({ payload, signManifest: keys.privateKeyPem });
      const started = performance.now();
      const response = await got.post(`${gatewayUrl}/agent/v1/uploads`, {
        body: Buffer.from(zip),
        headers: { 'content-type': 'application/zip' },
        https: agentHttps,
        throwHttpErrors: false,
        retry: { limit: 0 },
      });
      return { ms: performance.now() - started, status: response.statusCode };
    };

    /** Other users' traffic for `ms`: the victim's fleet query every 250 ms, uploads every 500 ms. */
    const bystanders = async (ms) => {
      const until = Date.now() + ms;
      const queries = { ms: [], errors: {} };
      const uploads = { ms: [], statuses: {} };
      const queryLoop = async () => {
        while (Date.now() < until) {
          const result = await graphql(FLEET, {}, victim.token);
          queries.ms.push(result.ms);
          const code = result.body.errors?.[0]?.extensions?.code;
          if (code) queries.errors[code] = (queries.errors[code] ?? 0) + 1;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      };
      const uploadLoop = async () => {
        while (Date.now() < until) {
          const result = await uploadOnce();
          uploads.ms.push(result.ms);
          uploads.statuses[result.status] = (uploads.statuses[result.status] ?? 0) + 1;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      };
      await Promise.all([queryLoop(), uploadLoop()]);
      return { queries, uploads };
    };

    const print = (label, { queries, uploads }) => {
      console.log(`  ${label}`);
      console.log(
        `    other tenant's fleet query: ${summary(queries.ms)}; errors ${JSON.stringify(queries.errors)}`,
      );
      console.log(
        `    agent uploads: ${summary(uploads.ms)}; statuses ${JSON.stringify(uploads.statuses)}`,
      );
    };

    console.log(
      `\nGraphQL cost bombs (${bombers} customer-admin workers, ${seconds} s; limits ${JSON.stringify(config.graphqlLimits)})`,
    );
    print('baseline, no bombs', await bystanders(Math.min(5, seconds) * 1000));

    const refusals = {};
    const bombMs = [];
    const until = Date.now() + seconds * 1000;
    const bomber = async (index) => {
      const names = Object.keys(BOMBS);
      for (let i = index; Date.now() < until; i++) {
        const name = names[i % names.length];
        const result = await graphql(BOMBS[name], {}, attacker);
        bombMs.push(result.ms);
        const error = result.body.errors?.[0];
        const label = `${name} → ${result.status} ${error?.extensions?.code ?? 'OK'}${error?.extensions?.limit ? ` (${error.extensions.limit})` : ''}`;
        refusals[label] = (refusals[label] ?? 0) + 1;
      }
    };
    const [during] = await Promise.all([
      bystanders(seconds * 1000),
      ...Array.from({ length: bombers }, (_, i) => bomber(i)),
    ]);
    console.log(`  bombs: ${summary(bombMs)}`);
    for (const [label, count] of Object.entries(refusals)) console.log(`    ${label}: ${count}`);
    const sample = await graphql(BOMBS['devices ×14 with meterReads(first:1000)'], {}, attacker);
    console.log(`    e.g. "${sample.body.errors?.[0]?.message}"`);
    print('during the bombs', during);
  } finally {
    await app.close();
    await database.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  // A resilience script reports; it does not fail a pipeline.
  console.error(error);
});
