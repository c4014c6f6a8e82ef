import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.errors.js';

/**
 * A secret that was not configured is generated once and kept in `<dataDir>/secrets/<name>`
 * (directory 0700, file 0600), so restarts keep sessions and the CA key readable.
 */
export function loadOrCreateSecret(dataDir: string, name: string, bytes = 48): string {
  const dir = join(dataDir, 'secrets');
  const file = join(dir, name);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length > 0) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError([
        `cannot read the persisted secret ${file}: ${(error as Error).message}`,
      ]);
    }
  }
  const value = randomBytes(bytes).toString('base64url');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    // `wx`: never overwrite a secret another process wrote in the meantime.
    writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return readFileSync(file, 'utf8').trim();
    throw new ConfigError([
      `cannot write the persisted secret ${file}: ${(error as Error).message}`,
    ]);
  }
  return value;
}
