import { defineConfig } from 'prisma/config';
import {
  connectionFromUrl,
  createMigrationAdapter,
} from './tools/scripts/prisma-migration-adapter.js';

// Prisma 6.19 on its WebAssembly schema engine ("js"): the only Prisma path that runs fully
// offline (STACK.md). Run the CLI through `npm run prisma -- …` (tools/scripts/prisma.mjs).
// The adapter wrapper fixes adapter-pg 6.19's four known faults on this path.
export default defineConfig({
  experimental: { adapter: true },
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  engine: 'js',
  // eslint-disable-next-line @typescript-eslint/require-await -- the config API wants a promise
  async adapter() {
    return createMigrationAdapter(
      connectionFromUrl(
        process.env.DATABASE_URL ?? 'postgresql://placeholder@127.0.0.1:1/placeholder',
      ),
    );
  },
});
