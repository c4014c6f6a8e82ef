import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { LocalConfig } from '../agent-config.js';
import type { RollbackRules } from './update-state.js';

export type UpdateSettings = {
  /** Why this agent installs no update, or null. */
  disabled: { code: 'UPDATES_DISABLED' | 'LOCK_DOWN'; reason: string } | null;
  publicKeyFile: string;
  rollback: RollbackRules;
};

export const releaseKeyPath = (dataDir: string): string => join(dataDir, 'release-key.pem');

/** Updates from the local file's `updates`; a lock-down agent pulls nothing, updates neither. */
export function updateSettings(local: LocalConfig, dataDir: string): UpdateSettings {
  const updates = local.updates;
  const keyFile = updates.publicKeyFile;
  return {
    disabled:
      updates.enabled === false
        ? {
            code: 'UPDATES_DISABLED',
            reason:
              'updates are switched off in this agent’s local config (updates.enabled: false)',
          }
        : local.lockDown
          ? { code: 'LOCK_DOWN', reason: 'the agent is in lock-down: central changes nothing here' }
          : null,
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
