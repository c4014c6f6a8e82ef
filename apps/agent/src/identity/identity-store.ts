import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AgentError } from '../agent.errors.js';

/** What enrollment left on disk: who we are to central, and how to prove it. */
export type AgentIdentity = {
  agentId: string;
  tenantId: string;
  customerId: string;
  siteId: string;
  centralUrl: string;
  enrolledAt: string;
};

export type StoredIdentity = AgentIdentity & {
  certificatePem: string;
  privateKeyPem: string;
  caPem: string;
};

const FILES = {
  identity: 'identity.json',
  certificate: 'agent.crt',
  privateKey: 'agent.key',
  ca: 'ca.crt',
} as const;

/**
 * Key, certificate and CA under `<dataDir>/identity`, every file mode 0600 and the folder
 * 0700. Files are replaced atomically, so a renewal interrupted by a crash leaves the old,
 * still valid pair in place.
 */
export class IdentityStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'identity');
  }

  async save(identity: StoredIdentity): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
    await this.writeSecret(FILES.privateKey, identity.privateKeyPem);
    await this.writeSecret(FILES.certificate, identity.certificatePem);
    await this.writeSecret(FILES.ca, identity.caPem);
    const { certificatePem: _c, privateKeyPem: _k, caPem: _ca, ...facts } = identity;
    await this.writeSecret(FILES.identity, `${JSON.stringify(facts, null, 2)}\n`);
  }

  /** Replaces the certificate (and CA chain) after a renewal; the key pair may change too. */
  async replaceCertificate(
    certificatePem: string,
    caPem: string,
    privateKeyPem?: string,
  ): Promise<void> {
    if (privateKeyPem) await this.writeSecret(FILES.privateKey, privateKeyPem);
    await this.writeSecret(FILES.certificate, certificatePem);
    await this.writeSecret(FILES.ca, caPem);
  }

  async load(): Promise<StoredIdentity | null> {
    let facts: string;
    try {
      facts = await readFile(join(this.dir, FILES.identity), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const identity = JSON.parse(facts) as AgentIdentity;
      const [certificatePem, privateKeyPem, caPem] = await Promise.all(
        [FILES.certificate, FILES.privateKey, FILES.ca].map((f) =>
          readFile(join(this.dir, f), 'utf8'),
        ),
      );
      return {
        ...identity,
        certificatePem: certificatePem!,
        privateKeyPem: privateKeyPem!,
        caPem: caPem!,
      };
    } catch (error) {
      throw new AgentError(
        'IDENTITY_CORRUPT',
        `The agent identity in ${this.dir} is unreadable; enroll again (${String(error)})`,
        {
          cause: error,
        },
      );
    }
  }

  /**
   * When the key, certificate and CA files were last replaced: a running daemon compares it to
   * notice a pair another process (`printbeat-agent renew`) wrote. Empty when none is there.
   */
  async stamp(): Promise<string> {
    const times = await Promise.all(
      [FILES.privateKey, FILES.certificate, FILES.ca].map((f) =>
        stat(join(this.dir, f)).then(
          (s) => String(s.mtimeMs),
          () => '',
        ),
      ),
    );
    return times.join('/');
  }

  async require(): Promise<StoredIdentity> {
    const identity = await this.load();
    if (!identity)
      throw new AgentError(
        'NOT_ENROLLED',
        'This agent is not enrolled: run `printbeat-agent enroll --central URL --key KEY` first',
      );
    return identity;
  }

  private async writeSecret(name: string, content: string): Promise<void> {
    const path = join(this.dir, name);
    const tmp = `${path}.tmp`;
    await writeFile(tmp, content, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  }
}
