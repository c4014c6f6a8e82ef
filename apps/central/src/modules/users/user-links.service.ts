import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, UserLink, UserLinkPurpose } from '@prisma/client';
import { sha256Hex } from '../../platform/auth/opaque-tokens.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { PlatformDb, type FollowedLink } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { RateLimits } from '../../platform/rate-limits/rate-limits.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import {
  LINK_LIFETIME_MS,
  USER_MAIL_JOB,
  USER_MAIL_RETRY,
  looksLikeLinkToken,
  type UserMailJobData,
} from './user-links.js';
import { UserLinksRepository } from './user-links.repository.js';
import { InvalidLinkError } from './users.errors.js';

/** The account key under which wrong link tokens are counted, per source address. */
const LINK_GUESSES = 'e-mailed link';

/**
 * Single-use e-mailed links: issuing one (a newer link of the same kind ends the older ones;
 * the mail job mints the token), following one before any tenant is known, consuming it.
 */
@Injectable()
export class UserLinksService {
  constructor(
    @Inject(UserLinksRepository) private readonly repository: UserLinksRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(RateLimits) private readonly limits: RateLimits,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Inside the caller's transaction; the mail is queued once it commits. */
  async issue(
    tx: Prisma.TransactionClient,
    link: { userId: string; purpose: UserLinkPurpose; newEmail?: string },
  ): Promise<UserLink> {
    const { tenantId } = tenantContext.get();
    await this.repository.revokeOpen(tx, link.userId, [link.purpose]);
    const row = await this.repository.create(tx, {
      tenantId,
      userId: link.userId,
      purpose: link.purpose,
      newEmail: link.newEmail ?? null,
      expiresAt: new Date(Date.now() + LINK_LIFETIME_MS[link.purpose]),
    });
    this.db.afterCommit(tx, () => this.queueMail({ tenantId, kind: 'link', linkId: row.id }));
    return row;
  }

  queueMail(data: UserMailJobData): void {
    this.jobs
      .send<UserMailJobData>(USER_MAIL_JOB, data, { retry: USER_MAIL_RETRY })
      .catch((error: unknown) =>
        this.logger.warn({ err: error, kind: data.kind }, 'could not queue a user e-mail'),
      );
  }

  /**
   * The link a token belongs to, if it is one of `purpose`; open or not is checked on use.
   * Unknown tokens count as failed sign-ins of one pseudo-account per address, so guessing
   * gets the same growing waits as guessing a password.
   */
  async follow(token: string, purpose: UserLinkPurpose, ip: string | null): Promise<FollowedLink> {
    await this.limits.signInAttempt(LINK_GUESSES, ip);
    const link = looksLikeLinkToken(token)
      ? await this.platformDb.linkByTokenHash(sha256Hex(token))
      : null;
    if (!link || link.purpose !== purpose) {
      await this.limits.signInFailed(LINK_GUESSES, ip);
      throw new InvalidLinkError();
    }
    return link;
  }

  /** Runs `fn` as the link's holder: possession of the link is their proof of identity. */
  asHolder<T>(link: FollowedLink, fn: () => Promise<T>): Promise<T> {
    return tenantContext.run(
      {
        tenantId: link.tenantId,
        customerId: link.customerId,
        actor: { kind: 'user', userId: link.userId, role: link.role },
      },
      fn,
    );
  }

  /** A followed link that was no longer open: audited in its holder's tenant. */
  async recordRefusal(action: string, link: FollowedLink): Promise<void> {
    await this.db.run((tx) =>
      this.audit.record(tx, {
        action,
        outcome: 'FAILURE',
        targetType: 'User',
        targetId: link.userId,
        customerId: link.customerId,
        details: { linkId: link.linkId, reason: 'link_not_open' },
      }),
    );
  }

  /** Marks the link used; refuses a used, revoked or expired one. */
  async consume(tx: Prisma.TransactionClient, linkId: string): Promise<UserLink> {
    const used = await this.repository.consume(tx, linkId, new Date());
    if (!used) throw new InvalidLinkError();
    return used;
  }
}
