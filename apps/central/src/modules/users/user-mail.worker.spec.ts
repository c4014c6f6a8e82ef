import type { Prisma, Tenant, User, UserLink } from '@prisma/client';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import type { Logger } from '../../platform/logging/logger.js';
import {
  MailDeliveryError,
  type Mailer,
  type OutgoingMail,
  type SentMail,
} from '../../platform/mail/mailer.js';
import type { PlatformDb } from '../../platform/prisma/platform-db.js';
import type { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { sha256Hex } from '../../platform/auth/opaque-tokens.js';
import type { AuditRecord, AuditService } from '../audit/audit.service.js';
import { UserLinksRepository } from './user-links.repository.js';
import { UserMailWorker } from './user-mail.worker.js';
import { UsersRepository } from './users.repository.js';

const LINK: UserLink = {
  tenantId: 't-1',
  id: 'l-1',
  userId: 'u-1',
  purpose: 'PASSWORD_RESET',
  tokenHash: null,
  newEmail: null,
  expiresAt: new Date(Date.now() + 60_000),
  usedAt: null,
  revokedAt: null,
  createdAt: new Date(),
};

class FakeLinks extends UserLinksRepository {
  open = true;
  readonly hashes: string[] = [];
  override setTokenHash(_tx: Prisma.TransactionClient, _id: string, tokenHash: string) {
    if (!this.open) return Promise.resolve(null);
    this.hashes.push(tokenHash);
    return Promise.resolve({ ...LINK, tokenHash });
  }
}

class FakeUsers extends UsersRepository {
  override findWithTenant() {
    return Promise.resolve({
      id: 'u-1',
      email: 'dana@acme.test',
      name: 'Dana',
      disabledAt: null,
      tenant: { name: 'Acme Dealer' } as Tenant,
    } as User & { tenant: Tenant });
  }
}

class FakeMailer {
  configured = true;
  readonly sent: OutgoingMail[] = [];
  failure: MailDeliveryError | null = null;
  linkTo(path: string) {
    return `https://portal.test${path}`;
  }
  send(mail: OutgoingMail): Promise<SentMail> {
    if (this.failure) return Promise.reject(this.failure);
    this.sent.push(mail);
    return Promise.resolve({ messageId: 'm', accepted: [...mail.to], rejected: [] });
  }
}

function setup() {
  const links = new FakeLinks();
  const mailer = new FakeMailer();
  const audits: AuditRecord[] = [];
  const worker = new UserMailWorker(
    {} as JobQueue,
    {
      run: (fn: (tx: Prisma.TransactionClient) => unknown) => fn({} as Prisma.TransactionClient),
    } as unknown as TenantPrisma,
    {} as PlatformDb,
    mailer as unknown as Mailer,
    links,
    new FakeUsers(),
    {
      record: (_tx: unknown, record: AuditRecord) => {
        audits.push(record);
        return Promise.resolve();
      },
    } as unknown as AuditService,
    { warn: () => undefined } as unknown as Logger,
  );
  const job = { tenantId: 't-1', kind: 'link' as const, linkId: 'l-1' };
  return { links, mailer, audits, worker, job };
}

describe('UserMailWorker', () => {
  it('mints a token per attempt, stores only its hash, and mails the link with it', async () => {
    const { links, mailer, worker, job } = setup();
    await worker.handle(job);
    await worker.handle(job);
    expect(mailer.sent.map((mail) => mail.to)).toEqual([['dana@acme.test'], ['dana@acme.test']]);
    const tokens = mailer.sent.map(
      (mail) => /reset-password#token=(pbl_[\w-]{43})/.exec(mail.text)?.[1] ?? '',
    );
    expect(new Set(tokens).size).toBe(2);
    expect(links.hashes).toEqual(tokens.map(sha256Hex));
  });

  it('sends nothing for a link used, replaced or expired meanwhile', async () => {
    const { links, mailer, worker, job } = setup();
    links.open = false;
    await worker.handle(job);
    expect(mailer.sent).toEqual([]);
  });

  it('lets the queue retry a temporary failure, and records a permanent one without retrying', async () => {
    const { mailer, audits, worker, job } = setup();
    mailer.failure = new MailDeliveryError('try later', false, 421);
    await expect(worker.handle(job)).rejects.toBe(mailer.failure);
    expect(audits).toEqual([]);
    mailer.failure = new MailDeliveryError('no such user', true, 550);
    await expect(worker.handle(job)).resolves.toBeUndefined();
    expect(audits).toEqual([
      expect.objectContaining({
        action: 'user.mail',
        outcome: 'FAILURE',
        targetId: 'u-1',
        details: { kind: 'PASSWORD_RESET', responseCode: 550 },
      }),
    ]);
  });

  it('does nothing where SMTP is not configured', async () => {
    const { links, mailer, worker, job } = setup();
    mailer.configured = false;
    await worker.handle(job);
    expect(links.hashes).toEqual([]);
  });
});
