import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { sha256Hex } from '../../platform/auth/opaque-tokens.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { MailDeliveryError, Mailer } from '../../platform/mail/mailer.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { AuditService } from '../audit/audit.service.js';
import {
  LINK_PATH,
  USER_MAIL_JOB,
  USER_MAIL_RETRY,
  USER_MAIL_SWEEP_JOB,
  type UserMailJobData,
} from './user-links.js';
import { UserLinksRepository } from './user-links.repository.js';
import { emailChangedMail, linkMail, type MailContent } from './user-mail.js';
import { UsersRepository } from './users.repository.js';

/** A link this old without a token lost its mail job; far beyond a queue's normal delay. */
const LOST_AFTER_MS = 5 * 60_000;
const SWEEP_BATCH = 200;

/**
 * Sends the users module's e-mails from the job queue. A link's token is minted here, right
 * before its message, and only its hash is stored: the token exists nowhere but in the mail.
 * Each retry mints a new one, so a message that never arrived leaves no working link behind.
 */
@Injectable()
export class UserMailWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(UserLinksRepository) private readonly links: UserLinksRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.register<UserMailJobData>({
      name: USER_MAIL_JOB,
      actor: 'user-mail',
      retry: USER_MAIL_RETRY,
      handle: (data) => this.handle(data),
    });
    await this.jobs.registerPeriodic({
      name: USER_MAIL_SWEEP_JOB,
      cron: '* * * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /**
   * Queues again the mail of open links that never got a token: their job was lost (queued
   * after the commit, which can fail). Returns how many were queued.
   */
  async sweep(): Promise<number> {
    if (!this.mailer.configured) return 0;
    const lost = await this.platformDb.unsentUserLinks(
      new Date(Date.now() - LOST_AFTER_MS),
      SWEEP_BATCH,
    );
    for (const link of lost)
      await this.jobs.send<UserMailJobData>(
        USER_MAIL_JOB,
        { tenantId: link.tenantId, kind: 'link', linkId: link.id },
        { retry: USER_MAIL_RETRY, singletonKey: `user-link:${link.id}` },
      );
    return lost.length;
  }

  async handle(data: UserMailJobData): Promise<void> {
    if (!this.mailer.configured) {
      this.logger.warn({ kind: data.kind }, 'user e-mail not sent: SMTP is not configured');
      return;
    }
    const message = await this.compose(data);
    if (!message) return;
    try {
      await this.mailer.send({ to: [message.to], ...message.content });
    } catch (error) {
      if (!(error instanceof MailDeliveryError) || !error.permanent) throw error;
      // A refusal (5xx) will not change on retry: record it and stop.
      await this.db.run((tx) =>
        this.audit.record(tx, {
          action: 'user.mail',
          outcome: 'FAILURE',
          targetType: 'User',
          targetId: message.userId,
          details: { kind: message.kind, responseCode: error.responseCode },
        }),
      );
      this.logger.warn({ err: error, kind: message.kind }, 'user e-mail refused by the server');
    }
  }

  private compose(
    data: UserMailJobData,
  ): Promise<{ to: string; userId: string; kind: string; content: MailContent } | null> {
    return this.db.run(async (tx) => {
      switch (data.kind) {
        case 'link': {
          const token = `pbl_${randomBytes(32).toString('base64url')}`;
          const link = await this.links.setTokenHash(tx, data.linkId, sha256Hex(token), new Date());
          if (!link) return null; // used, replaced or expired meanwhile: nothing to send
          const user = await this.users.findWithTenant(tx, link.userId);
          if (!user || user.disabledAt) return null;
          const to = link.purpose === 'EMAIL_CHANGE' ? link.newEmail : user.email;
          if (!to) return null;
          return {
            to,
            userId: user.id,
            kind: link.purpose,
            content: linkMail({
              purpose: link.purpose,
              link: this.mailer.linkTo(`${LINK_PATH[link.purpose]}#token=${token}`),
              userName: user.name,
              dealerName: user.tenant.name,
              expiresAt: link.expiresAt,
            }),
          };
        }
        case 'emailChanged': {
          const user = await this.users.findWithTenant(tx, data.userId);
          if (!user) return null;
          return {
            to: data.oldEmail,
            userId: user.id,
            kind: 'EMAIL_CHANGED',
            content: emailChangedMail({
              userName: user.name,
              dealerName: user.tenant.name,
              newEmail: user.email,
            }),
          };
        }
      }
    });
  }
}
