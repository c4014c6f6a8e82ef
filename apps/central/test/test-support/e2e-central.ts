// Central as a real process for the end-to-end suites: built, started, seeded, trusted.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { hashPassword } from '../../src/platform/auth/password-hasher.js';
import type { GraphqlClient } from '../../src/platform/graphql/test-support/graphql-client.js';
import { signIn } from '../../src/platform/graphql/test-support/scenario.js';
import { CENTRAL_MAIN, ROOT, waitFor } from './e2e-processes.js';

const OPERATOR_PASSWORD = 'correct horse battery staple';

/** `tsc -b` of central and the agent, so the suite runs the processes of this checkout. */
export function buildCentralAndAgent(): void {
  spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'apps/central', 'apps/agent'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (!existsSync(CENTRAL_MAIN)) throw new Error(`${CENTRAL_MAIN} missing: build failed`);
}

/**
 * `dist/main.js` with `env` (from `centralProcessEnv`, plus PORT and GATEWAY_PORT), its output
 * appended to `logFile`; resolves once `/health` answers on PORT.
 */
export async function startCentralProcess(
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<ChildProcess> {
  const out = openSync(logFile, 'a');
  const central = spawn(process.execPath, [CENTRAL_MAIN], { env, stdio: ['ignore', out, out] });
  closeSync(out);
  await waitFor(
    'central to answer',
    async () => (await fetch(`http://127.0.0.1:${env['PORT']}/health`)).ok,
    90_000,
  );
  return central;
}

/** A platform operator of the run's database (written with the owner client), signed in. */
export async function seedOperator(
  prisma: PrismaClient,
  client: GraphqlClient,
): Promise<Awaited<ReturnType<typeof signIn>>> {
  const platform = await prisma.tenant.findFirstOrThrow({ where: { kind: 'PLATFORM' } });
  const email = `operator-${randomBytes(4).toString('hex')}@e2e.test`;
  await prisma.user.create({
    data: {
      tenantId: platform.id,
      email,
      name: 'E2E Operator',
      role: 'PLATFORM_OPERATOR',
      passwordHash: await hashPassword(OPERATOR_PASSWORD),
    },
  });
  return signIn(client, email, OPERATOR_PASSWORD);
}

/** Central's CA chain as `<work>/central-ca.pem`: what an agent trusts on its first contact. */
export function writeCentralCaFile(centralData: string, work: string): string {
  const caFile = join(work, 'central-ca.pem');
  writeFileSync(
    caFile,
    ['issuing.crt', 'root.crt']
      .map((f) => readFileSync(join(centralData, 'pki/ca', f), 'utf8'))
      .join(''),
  );
  return caFile;
}
