import { Inject, Injectable } from '@nestjs/common';
import { hashPassword, verifyPassword } from '../../platform/auth/password-hasher.js';
import { UnauthenticatedError } from '../../platform/errors/domain.errors.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { RateLimits } from '../../platform/rate-limits/rate-limits.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import type { ChangeMyPasswordInput } from './user.inputs.js';
import type { User } from './user.model.js';
import { PasswordUnchangedError, WrongCurrentPasswordError } from './users.errors.js';
import { UsersRepository } from './users.repository.js';
import { toUser } from './users.service.js';

/**
 * A signed-in user replaces their own password. The calling session stays signed in; every
 * other session of the user ends, so a stolen refresh token dies with the old password.
 */
@Injectable()
export class MyPasswordService {
  constructor(
    @Inject(UsersRepository) private readonly repository: UsersRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(RateLimits) private readonly limits: RateLimits,
  ) {}

  async change(
    input: ChangeMyPasswordInput,
    session: { sessionId: string | null; ip: string | null },
  ): Promise<User> {
    const { actor } = tenantContext.get();
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    const current = await this.db.run((tx) => this.repository.findById(tx, actor.userId));
    if (!current) throw new UnauthenticatedError();
    // Guessing the current password here is a sign-in attempt: same back-off, same counters.
    await this.limits.signInAttempt(current.email, session.ip);
    if (!(await verifyPassword(input.currentPassword, current.passwordHash))) {
      await this.limits.signInFailed(current.email, session.ip);
      await this.db.run((tx) =>
        this.audit.record(tx, {
          action: 'user.password_changed',
          outcome: 'FAILURE',
          targetType: 'User',
          targetId: current.id,
          customerId: current.customerId,
          details: { reason: 'wrong_current_password' },
        }),
      );
      throw new WrongCurrentPasswordError();
    }
    await this.limits.signInSucceeded(current.email, session.ip);
    if (input.newPassword === input.currentPassword) throw new PasswordUnchangedError();
    const passwordHash = await hashPassword(input.newPassword);

    return this.db.run(async (tx) => {
      const revokedSessions = await this.repository.changePassword(
        tx,
        current.id,
        passwordHash,
        session.sessionId,
      );
      await this.audit.record(tx, {
        action: 'user.password_changed',
        targetType: 'User',
        targetId: current.id,
        customerId: current.customerId,
        details: { revokedSessions },
      });
      const row = await this.repository.findById(tx, current.id);
      if (!row) throw new UnauthenticatedError();
      return toUser(row);
    });
  }
}
