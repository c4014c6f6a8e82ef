import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { LocalConfig } from '../agent-config.js';
import type { RollbackRules } from './update-state.js';

export type UpdateSettings = {
  enabled: boolean;
  publicKeyFile: string;
  rollback: RollbackRules;
};

export const releaseKeyPath = (dataDir: string): string => join(dataDir, 'release-key.pem');

/** Updates from the local file's `updates`; a lock-down agent pulls nothing, updates neither. */
export function updateSettings(local: LocalConfig, dataDir: string): UpdateSettings {
  const updates = local.updates;
  const keyFile = updates.publicKeyFile;
  return {
    enabled: (updates.enabled ?? true) && !local.lockDown,
    publicKeyFile:
      keyFile === undefined
        ? releaseKeyPath(dataDir)
        : isAbsolute(keyFile)
          ? keyFile
          : resolve(dataDir, keyFile),
    rollback: {
      maxStarts: updates.maxStarts ?? 3,
      startWindowMs: (updates.startWindowSeconds ?? 600) * 1000,
      confirmWithinMs: (updates.confirmWithinSeconds ?? 300) * 1000,
    },
  };
}

/** The pinned release key, or null when none was installed. */
export async function readReleaseKey(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
