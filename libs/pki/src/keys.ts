import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair as generateKeyPairCallback,
} from 'node:crypto';
import { promisify } from 'node:util';
import { PkiError } from './pki.errors.js';

const generateKeyPairAsync = promisify(generateKeyPairCallback);

export type KeyPairPem = {
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), unencrypted. */
  privateKeyPem: string;
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`). */
  publicKeyPem: string;
};

/** Smallest RSA modulus we sign for or accept in a CSR. */
export const MIN_RSA_MODULUS_BITS = 2048;

/**
 * RSA key pair made by OpenSSL through node:crypto: node-forge's pure-JS prime search takes
 * seconds per key, and forge can only sign CSRs with RSA keys, so RSA it is.
 */
export async function generateKeyPair(
  options: { modulusLength?: 2048 | 3072 | 4096 } = {},
): Promise<KeyPairPem> {
  const modulusLength = options.modulusLength ?? 3072;
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', {
    modulusLength,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** Encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256 + AES-256-CBC), for keeping a CA key at rest. */
export function encryptPrivateKey(privateKeyPem: string, passphrase: string): string {
  if (passphrase.length < 12) {
    throw new PkiError(
      'INVALID_ARGUMENT',
      'The passphrase protecting a private key must be at least 12 characters',
    );
  }
  const key = loadPrivateKey(privateKeyPem);
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
}

/** Inverse of {@link encryptPrivateKey}: returns an unencrypted PKCS#8 PEM. */
export function decryptPrivateKey(encryptedPem: string, passphrase: string): string {
  if (!encryptedPem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    throw new PkiError('INVALID_KEY', 'Not an encrypted PKCS#8 private key');
  }
  try {
    return createPrivateKey({ key: encryptedPem, format: 'pem', passphrase })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString();
  } catch (error) {
    throw new PkiError(
      'WRONG_PASSPHRASE',
      'Could not decrypt the private key (wrong passphrase or corrupt key)',
      { cause: error },
    );
  }
}

/** Public key (SPKI PEM) of a private key, e.g. to rebuild a CSR from a stored key. */
export function publicKeyFromPrivateKey(privateKeyPem: string): string {
  return createPublicKey(loadPrivateKey(privateKeyPem))
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

function loadPrivateKey(pem: string) {
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new PkiError('INVALID_KEY', 'Not a readable unencrypted private key', { cause: error });
  }
}
