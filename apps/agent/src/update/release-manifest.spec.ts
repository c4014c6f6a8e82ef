import { createHash, generateKeyPairSync } from 'node:crypto';
import { CompactSign, importPKCS8 } from 'jose';
import {
  checkArtifact,
  MANIFEST_TYPE,
  UpdateRefused,
  verifyManifest,
  type ReleaseManifest,
} from './release-manifest.js';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

async function sign(
  manifest: Record<string, unknown>,
  privatePem: string,
  typ = MANIFEST_TYPE,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
    .setProtectedHeader({ alg: 'EdDSA', typ })
    .sign(await importPKCS8(privatePem, 'EdDSA'));
}

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<UpdateRefused> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof UpdateRefused) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('release manifest verification', () => {
  const release = keyPair();
  const artifact = Buffer.from('the agent release 2.0.0, packed');
  const manifest: ReleaseManifest = {
    version: '2.0.0',
    platform: 'linux-x64',
    sha256: createHash('sha256').update(artifact).digest('hex'),
    size: artifact.length,
    createdAt: '2026-12-07T10:00:00.000Z',
  };
  const expected = { version: '2.0.0', platform: 'linux-x64' };

  it('accepts a manifest signed by the pinned key for this version and platform', async () => {
    const jws = await sign(manifest, release.privatePem);
    await expect(verifyManifest(jws, release.publicPem, expected)).resolves.toEqual(manifest);
    const digest = createHash('sha256').update(artifact).digest('hex');
    expect(() => checkArtifact(manifest, { sha256: digest, size: artifact.length })).not.toThrow();
  });

  it('refuses a manifest signed by another key: BAD_SIGNATURE', async () => {
    const jws = await sign(manifest, keyPair().privatePem);
    const error = await refusal(verifyManifest(jws, release.publicPem, expected));
    expect(error.code).toBe('BAD_SIGNATURE');
    expect(error.message).toContain('not signed by the pinned release key');
  });

  it('refuses a manifest whose payload was altered after signing: BAD_SIGNATURE', async () => {
    const [header, , signature] = (await sign(manifest, release.privatePem)).split('.');
    const forged = Buffer.from(JSON.stringify({ ...manifest, sha256: 'f'.repeat(64) })).toString(
      'base64url',
    );
    const error = await refusal(
      verifyManifest(`${header}.${forged}.${signature}`, release.publicPem, expected),
    );
    expect(error.code).toBe('BAD_SIGNATURE');
  });

  it('refuses a signed JWS that is not a release manifest (other typ): BAD_SIGNATURE', async () => {
    const jws = await sign(manifest, release.privatePem, 'JWT');
    expect((await refusal(verifyManifest(jws, release.publicPem, expected))).code).toBe(
      'BAD_SIGNATURE',
    );
  });

  it('refuses a release for another platform: WRONG_PLATFORM', async () => {
    const jws = await sign({ ...manifest, platform: 'win32-x64' }, release.privatePem);
    const error = await refusal(verifyManifest(jws, release.publicPem, expected));
    expect(error.code).toBe('WRONG_PLATFORM');
    expect(error.message).toBe('release 2.0.0 is for win32-x64, this agent runs on linux-x64');
  });

  it('refuses a genuine manifest for another version than central offered: WRONG_VERSION', async () => {
    const jws = await sign({ ...manifest, version: '1.0.0' }, release.privatePem);
    const error = await refusal(verifyManifest(jws, release.publicPem, expected));
    expect(error.code).toBe('WRONG_VERSION');
    expect(error.message).toBe('central offered 2.0.0 but the signed manifest is for 1.0.0');
  });

  it('refuses a tampered artifact (same size, other bytes): DIGEST_MISMATCH', async () => {
    const tampered = Buffer.from(artifact);
    tampered[3] = tampered[3]! ^ 0xff;
    const digest = createHash('sha256').update(tampered).digest('hex');
    const error = await refusal(() =>
      checkArtifact(manifest, { sha256: digest, size: tampered.length }),
    );
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.message).toContain('tampered or corrupt');
  });

  it('refuses an artifact of another size: SIZE_MISMATCH', async () => {
    const error = await refusal(() =>
      checkArtifact(manifest, { sha256: manifest.sha256, size: manifest.size + 1 }),
    );
    expect(error.code).toBe('SIZE_MISMATCH');
  });
});
