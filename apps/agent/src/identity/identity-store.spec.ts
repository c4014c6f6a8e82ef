import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdentityStore, type StoredIdentity } from './identity-store.js';

const identity: StoredIdentity = {
  agentId: 'a1',
  tenantId: 't1',
  customerId: 'c1',
  siteId: 's1',
  centralUrl: 'https://127.0.0.1:8443',
  enrolledAt: '2026-11-21T00:00:00.000Z',
  certificatePem: 'CERT',
  privateKeyPem: 'KEY',
  caPem: 'CA',
};

describe('IdentityStore', () => {
  let dataDir: string;
  let previousUmask: number;
  beforeEach(async () => {
    // A permissive umask must not leak into the key's mode.
    previousUmask = process.umask(0o000);
    dataDir = await mkdtemp(join(tmpdir(), 'identity-'));
  });
  afterEach(async () => {
    process.umask(previousUmask);
    await rm(dataDir, { recursive: true, force: true });
  });

  const mode = async (path: string) => (await stat(path)).mode & 0o777;

  it('writes every file 0600 in a 0700 folder and reads it back', async () => {
    const store = new IdentityStore(dataDir);
    await store.save(identity);
    const dir = join(dataDir, 'identity');
    expect(await mode(dir)).toBe(0o700);
    for (const file of ['agent.key', 'agent.crt', 'ca.crt', 'identity.json'])
      expect({ file, mode: await mode(join(dir, file)) }).toEqual({ file, mode: 0o600 });
    expect(await store.load()).toEqual(identity);
    // The facts file carries no secrets.
    expect(await readFile(join(dir, 'identity.json'), 'utf8')).not.toContain('KEY');
  });

  it('tightens a folder that already existed with looser rights', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dataDir, 'identity'), { mode: 0o755 });
    await new IdentityStore(dataDir).save(identity);
    expect(await mode(join(dataDir, 'identity'))).toBe(0o700);
  });

  it('replaces certificate and key after a renewal, still 0600', async () => {
    const store = new IdentityStore(dataDir);
    await store.save(identity);
    await store.replaceCertificate('CERT2', 'CA2', 'KEY2');
    expect(await store.load()).toEqual({
      ...identity,
      certificatePem: 'CERT2',
      caPem: 'CA2',
      privateKeyPem: 'KEY2',
    });
    expect(await mode(join(dataDir, 'identity/agent.key'))).toBe(0o600);
  });

  it('is null when not enrolled, and require() says how to enroll', async () => {
    const store = new IdentityStore(dataDir);
    expect(await store.load()).toBeNull();
    await expect(store.require()).rejects.toMatchObject({
      code: 'NOT_ENROLLED',
      message: expect.stringContaining('printbeat-agent enroll'),
    });
  });

  it('reports a half-written identity as corrupt', async () => {
    const store = new IdentityStore(dataDir);
    await store.save(identity);
    await writeFile(join(dataDir, 'identity/identity.json'), '{ nope');
    await expect(store.load()).rejects.toMatchObject({ code: 'IDENTITY_CORRUPT' });
  });
});
