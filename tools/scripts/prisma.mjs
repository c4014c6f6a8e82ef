#!/usr/bin/env node
// Runs the Prisma CLI offline (STACK.md): Prisma 6.19 only stays on its WebAssembly engines
// when DATABASE_URL is set; `generate`/`format`/`validate` never connect, so a placeholder is
// enough there. prisma.config.ts supplies the fixed migration adapter
// (tools/scripts/prisma-migration-adapter.ts); the preload lets the CLI exit when done.
//
// `migrate dev --create-only` in 6.19 stops the wasm engine twice (a `return await stop()`
// inside a `try … finally { await stop() }`), so it writes the migration and then fails with
// "null pointer passed to rust". That one failure after a successful create is reported as
// success here; every other outcome passes through unchanged.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const preload = fileURLToPath(new URL('./prisma-preload.mjs', import.meta.url));
const args = process.argv.slice(2);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.DATABASE_URL ??= 'postgresql://placeholder@127.0.0.1:1/placeholder';

const createOnly = args.includes('--create-only');
const run = (cliArgs, stdio) =>
  spawnSync(process.execPath, ['--import', preload, cli, ...cliArgs], {
    stdio,
    env,
    encoding: 'utf8',
  });

// The 6.19 wasm schema engine asks the adapter for a shadow database only once per process;
// `migrate dev` with pending migrations needs a second one and fails ("PostgreSQL shadow DB
// must be provided through an external factory"). Applying pending migrations first with
// `migrate deploy` (no shadow database) leaves `migrate dev` one shadow database to use.
if (args[0] === 'migrate' && args[1] === 'dev' && !createOnly) {
  const deploy = run(
    [
      'migrate',
      'deploy',
      ...args.filter((arg) => arg.startsWith('--schema') || arg.startsWith('--config')),
    ],
    'inherit',
  );
  if (deploy.status !== 0) process.exit(deploy.status ?? 1);
}

const migrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const listMigrations = () => (existsSync(migrationsDir) ? readdirSync(migrationsDir) : []);
const before = new Set(listMigrations());
const result = run(args, createOnly ? ['inherit', 'pipe', 'pipe'] : 'inherit');
if (createOnly) {
  const stdout = result.stdout ?? '';
  const stderr = result.stderr ?? '';
  process.stdout.write(stdout);
  const created = listMigrations().filter((name) => !before.has(name));
  if (result.status !== 0 && /null pointer passed to rust/.test(stderr) && created.length > 0) {
    process.stdout.write(
      `\nCreated prisma/migrations/${created.join(', ')} (ignored the CLI's second engine stop, a Prisma 6.19 bug).\n`,
    );
    process.exit(0);
  }
  process.stderr.write(stderr);
}
process.exit(result.status ?? 1);
