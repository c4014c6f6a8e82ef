import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { hashPassword } from '../../platform/auth/password-hasher.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { RateLimits } from '../../platform/rate-limits/rate-limits.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import { UserLinksService } from './user-links.service.js';
import { InvalidLinkError } from './users.errors.js';
import { UsersRepository } from './users.repository.js';

/**
 * Every request answers after at least this long, whether the address has accounts (a
 * transaction and a queued job) or not (one read), so the time taken tells nothing.
 */
export const RESET_REQUEST_MIN_MS = 400;

/**
 * "Forgot password": a request e-mails each account of the address a single-use link (30 min;
 * a newer request or any password change ends it); following it sets a new password and ends
 * every session of the user.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(RateLimits) private readonly limits: RateLimits,
    @Inject(UserLinksService) private readonly links: UserLinksService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** The same answer for every address; rate limits count unknown addresses too. */
  async request(email: string, ip: string | null): Promise<void> {
    const started = Date.now();
    await this.limits.passwordResetRequest(email, ip);
    const accounts = await this.platformDb.activeAccountsByEmail(email);
    if (accounts.length === 0) {
      await this.platformDb.recordAnonymousEvent({
        action: 'user.password_reset_requested',
        outcome: 'FAILURE',
        ip,
        details: { reason: 'unknown_email' },
      });
    }
    for (const account of accounts) {
      await tenantContext.run(
        {
          tenantId: account.tenantId,
          customerId: account.customerId,
          actor: { kind: 'system', name: 'password-reset' },
        },
        () =>
          this.db.run(async (tx) => {
            const link = await this.links.issue(tx, {
              userId: account.userId,
              purpose: 'PASSWORD_RESET',
            });
            await this.audit.record(tx, {
              action: 'user.password_reset_requested',
              targetType: 'User',
              targetId: account.userId,
              customerId: account.customerId,
              details: { linkId: link.id, ip },
            });
          }),
      );
    }
    await sleep(Math.max(0, started + RESET_REQUEST_MIN_MS - Date.now()));
  }

  async reset(token: string, newPassword: string, ip: string | null): Promise<void> {
    const link = await this.links.follow(token, 'PASSWORD_RESET', ip);
    const passwordHash = await hashPassword(newPassword);
    await this.links.asHolder(link, async () => {
      try {
        await this.db.run(async (tx) => {
          const user = await this.users.findById(tx, link.userId);
          if (!user || user.disabledAt) throw new InvalidLinkError();
          await this.links.consume(tx, link.linkId);
          const revokedSessions = await this.users.changePassword(tx, user.id, passwordHash, null);
          await this.audit.record(tx, {
            action: 'user.password_reset',
            targetType: 'User',
            targetId: user.id,
            customerId: user.customerId,
            details: { linkId: link.linkId, revokedSessions },
          });
        });
      } catch (error) {
        if (error instanceof InvalidLinkError)
          await this.links.recordRefusal('user.password_reset', link);
        throw error;
      }
    });
  }
}
