import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canReachCustomer } from '../../platform/auth/customer-scope.js';
import { hashPassword } from '../../platform/auth/password-hasher.js';
import { Mailer } from '../../platform/mail/mailer.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { AuditService } from '../audit/audit.service.js';
import type { User } from './user.model.js';
import { UserLinksRepository } from './user-links.repository.js';
import { UserLinksService } from './user-links.service.js';
import {
  InvalidLinkError,
  MailNotConfiguredForUsersError,
  NoPendingInvitationError,
  UserNotFoundError,
} from './users.errors.js';
import { UsersRepository } from './users.repository.js';
import { toUser } from './to-user.js';

/**
 * Invitations: an invited user gets a single-use link (7 days) to choose their own password;
 * admins may send a new one (the old one stops working) or revoke it.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(UserLinksRepository) private readonly linkRows: UserLinksRepository,
    @Inject(UserLinksService) private readonly links: UserLinksService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(Mailer) private readonly mailer: Mailer,
  ) {}

  async resend(userId: string): Promise<User> {
    return this.db.run(async (tx) => {
      const user = await this.pendingUser(tx, userId);
      this.requireMail();
      const link = await this.links.issue(tx, { userId: user.id, purpose: 'INVITATION' });
      await this.audit.record(tx, {
        action: 'user.invitation_resent',
        targetType: 'User',
        targetId: user.id,
        customerId: user.customerId,
        details: { linkId: link.id },
      });
      return toUser(user);
    });
  }

  async revoke(userId: string): Promise<User> {
    return this.db.run(async (tx) => {
      const user = await this.pendingUser(tx, userId);
      const revoked = await this.linkRows.revokeOpen(tx, user.id, ['INVITATION']);
      await this.audit.record(tx, {
        action: 'user.invitation_revoked',
        targetType: 'User',
        targetId: user.id,
        customerId: user.customerId,
        details: { revokedLinks: revoked },
      });
      return toUser(user);
    });
  }

  async accept(token: string, password: string, ip: string | null): Promise<void> {
    const link = await this.links.follow(token, 'INVITATION', ip);
    const passwordHash = await hashPassword(password);
    await this.links.asHolder(link, async () => {
      try {
        await this.db.run(async (tx) => {
          const user = await this.users.findById(tx, link.userId);
          if (!user || user.disabledAt || !user.invitedAt) throw new InvalidLinkError();
          await this.links.consume(tx, link.linkId);
          await this.users.changePassword(tx, user.id, passwordHash, null);
          await this.audit.record(tx, {
            action: 'user.invitation_accepted',
            targetType: 'User',
            targetId: user.id,
            customerId: user.customerId,
            details: { linkId: link.linkId },
          });
        });
      } catch (error) {
        if (error instanceof InvalidLinkError)
          await this.links.recordRefusal('user.invitation_accepted', link);
        throw error;
      }
    });
  }

  /** Invitation mail must be deliverable; otherwise the admin sets a password. */
  requireMail(): void {
    if (!this.mailer.configured)
      throw new MailNotConfiguredForUsersError(
        'input.password',
        'no invitation can be sent; set an initial password instead',
      );
  }

  /** A password that can never be typed: the invited user chooses theirs by the link. */
  unusablePasswordHash(): Promise<string> {
    return hashPassword(randomBytes(32).toString('base64url'));
  }

  private async pendingUser(tx: Parameters<UsersRepository['findById']>[0], userId: string) {
    const user = await this.users.findById(tx, userId);
    if (!user || !canReachCustomer(user.customerId ?? '')) throw new UserNotFoundError(userId);
    if (!user.invitedAt || user.disabledAt) throw new NoPendingInvitationError();
    return user;
  }
}
