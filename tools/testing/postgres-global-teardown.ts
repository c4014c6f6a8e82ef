import { rmSync } from 'node:fs';

// Stops the run's embedded PostgreSQL (see postgres-global-setup.ts) and removes its data dir.
export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__printbeatTestDatabase;
  if (!state) return;
  globalThis.__printbeatTestDatabase = undefined;
  try {
    await state.handle.stop();
  } finally {
    rmSync(state.runDir, { recursive: true, force: true });
  }
}
