import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// Prisma 6.19 on its WebAssembly schema engine ("js"): the only Prisma path that runs fully
// offline (see STACK.md). The migration adapter wrapper that fixes adapter-pg's known faults
// lives in tools/scripts/prisma-migration-adapter.ts.
export default defineConfig({
  experimental: { adapter: true },
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  engine: 'js',
  async adapter() {
    const url = new URL(process.env.DATABASE_URL ?? 'postgresql://placeholder@127.0.0.1:1/placeholder');
    return new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
    });
  },
});
