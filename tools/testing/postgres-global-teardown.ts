import { rmSync } from 'node:fs';
import { relative } from 'node:path';

// Stops the run's embedded PostgreSQL (see postgres-global-setup.ts) and removes its data dir,
// and the cluster itself when it was relocated outside it (as root, out of `postgres`'s reach).
export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__printbeatTestDatabase;
  if (!state) return;
  globalThis.__printbeatTestDatabase = undefined;
  try {
    await state.handle.stop();
  } finally {
    const cluster = state.handle.clusterDir;
    if (cluster && relative(state.runDir, cluster).startsWith('..')) {
      rmSync(cluster, { recursive: true, force: true });
    }
    rmSync(state.runDir, { recursive: true, force: true });
  }
}
