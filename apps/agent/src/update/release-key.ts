import { createPublicKey } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { AgentError } from '../agent.errors.js';
import { releaseKeyPath } from './update-settings.js';

/** A release public key file, checked to be an Ed25519 public key. */
export async function readReleaseKeyFile(path: string): Promise<string> {
  const pem = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new AgentError('RELEASE_KEY_UNREADABLE', `Cannot read ${path}: ${String(error)}`);
  });
  let type: string | undefined;
  try {
    type = createPublicKey(pem).asymmetricKeyType;
  } catch {
    type = undefined;
  }
  if (type !== 'ed25519') {
    throw new AgentError('RELEASE_KEY_INVALID', `${path} is not an Ed25519 public key (PEM)`);
  }
  return pem;
}

/** Pins the release key in the data directory: the only key updates are checked against. */
export async function pinReleaseKey(dataDir: string, pem: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(releaseKeyPath(dataDir), pem, { mode: 0o644 });
}
