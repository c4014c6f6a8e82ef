import { Inject, Injectable } from '@nestjs/common';
import { verifyPassword } from '../../platform/auth/password-hasher.js';
import { UnauthenticatedError } from '../../platform/errors/domain.errors.js';
import { Mailer } from '../../platform/mail/mailer.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { RateLimits } from '../../platform/rate-limits/rate-limits.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import type { RequestEmailChangeInput } from './user.inputs.js';
import { UserLinksRepository } from './user-links.repository.js';
import { UserLinksService } from './user-links.service.js';
import {
  EmailTakenError,
  EmailUnchangedError,
  InvalidLinkError,
  MailNotConfiguredForUsersError,
  WrongCurrentPasswordError,
} from './users.errors.js';
import { UsersRepository } from './users.repository.js';

/**
 * A user's own e-mail change takes effect only when the link sent to the new address is
 * followed (24 h); the old address is then told. Asking needs the current password.
 */
@Injectable()
export class EmailChangeService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(UserLinksRepository) private readonly linkRows: UserLinksRepository,
    @Inject(UserLinksService) private readonly links: UserLinksService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(RateLimits) private readonly limits: RateLimits,
    @Inject(Mailer) private readonly mailer: Mailer,
  ) {}

  async request(input: RequestEmailChangeInput, ip: string | null): Promise<void> {
    const { actor } = tenantContext.get();
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    if (!this.mailer.configured)
      throw new MailNotConfiguredForUsersError(
        'input.newEmail',
        'no confirmation can be sent; ask an administrator',
      );
    const current = await this.db.run((tx) => this.users.findById(tx, actor.userId));
    if (!current) throw new UnauthenticatedError();
    // Guessing the password here is a sign-in attempt: same back-off, same counters.
    await this.limits.signInAttempt(current.email, ip);
    if (!(await verifyPassword(input.currentPassword, current.passwordHash))) {
      await this.limits.signInFailed(current.email, ip);
      await this.db.run((tx) =>
        this.audit.record(tx, {
          action: 'user.email_change_requested',
          outcome: 'FAILURE',
          targetType: 'User',
          targetId: current.id,
          customerId: current.customerId,
          details: { reason: 'wrong_current_password' },
        }),
      );
      throw new WrongCurrentPasswordError();
    }
    await this.limits.signInSucceeded(current.email, ip);
    if (input.newEmail === current.email) throw new EmailUnchangedError();
    await this.db.run(async (tx) => {
      if (await this.users.emailTaken(tx, input.newEmail)) throw new EmailTakenError();
      const link = await this.links.issue(tx, {
        userId: current.id,
        purpose: 'EMAIL_CHANGE',
        newEmail: input.newEmail,
      });
      await this.audit.record(tx, {
        action: 'user.email_change_requested',
        targetType: 'User',
        targetId: current.id,
        customerId: current.customerId,
        details: { linkId: link.id },
      });
    });
  }

  async confirm(token: string, ip: string | null): Promise<void> {
    const link = await this.links.follow(token, 'EMAIL_CHANGE', ip);
    await this.links.asHolder(link, async () => {
      try {
        await this.db.run(async (tx) => {
          const user = await this.users.findById(tx, link.userId);
          if (!user || user.disabledAt) throw new InvalidLinkError();
          const used = await this.links.consume(tx, link.linkId);
          if (!used.newEmail) throw new InvalidLinkError();
          if (await this.users.emailTaken(tx, used.newEmail)) throw new EmailTakenError();
          await this.users.setEmail(tx, user.id, used.newEmail);
          // Reset links went to the old address: they end with it.
          await this.linkRows.revokeOpen(tx, user.id, ['PASSWORD_RESET']);
          await this.audit.record(tx, {
            action: 'user.email_changed',
            targetType: 'User',
            targetId: user.id,
            customerId: user.customerId,
            details: { linkId: link.linkId },
          });
          const { tenantId } = tenantContext.get();
          this.db.afterCommit(tx, () =>
            this.links.queueMail({
              tenantId,
              kind: 'emailChanged',
              userId: user.id,
              oldEmail: user.email,
            }),
          );
        });
      } catch (error) {
        if (error instanceof InvalidLinkError)
          await this.links.recordRefusal('user.email_changed', link);
        throw error;
      }
    });
  }
}
