import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { TooManyRequestsError } from '../errors/domain.errors.js';
import { RateLimiter } from '../http/rate-limiter.js';
import { LOGGER } from '../logging/logger.js';
import { requestContext } from '../logging/request-context.js';
import { AccessTokens } from './access-tokens.js';
import {
  AmbiguousAccountError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
} from './auth.errors.js';
import { AuthRepository, type UserWithTenant } from './auth.repository.js';
import { AUTH_SETTINGS, type AuthSettings } from './auth.settings.js';
import { decoyPasswordHash, verifyPassword } from './password-hasher.js';
import { newRefreshToken, sha256Hex } from './opaque-tokens.js';
import type { Principal } from './principal.js';

export type ClientInfo = { ip: string | null; userAgent: string | null };

export type IssuedSession = {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserWithTenant;
};

/**
 * Failed sign-ins allowed per account before it must wait: 10 at once, then one more every
 * 30 s (about 2,900 guesses a day at most, whatever the number of source addresses). Like the
 * address limit, per replica.
 */
const FAILURES_PER_ACCOUNT = { burst: 10, refillSeconds: 30 };

/** Portal sessions: sign-in, refresh-token rotation, sign-out. */
@Injectable()
export class AuthService {
  /** Every attempt, per source address: bounds the password hashing one address can cause. */
  private readonly perAddress: RateLimiter;
  /** Failed attempts per account (email): bounds password guessing from many addresses. */
  private readonly failuresPerAccount = new RateLimiter(
    FAILURES_PER_ACCOUNT.burst,
    1 / FAILURES_PER_ACCOUNT.refillSeconds,
  );

  constructor(
    @Inject(AuthRepository) private readonly repository: AuthRepository,
    @Inject(AccessTokens) private readonly accessTokens: AccessTokens,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.perAddress = new RateLimiter(
      settings.signInRateLimitPerMinute,
      settings.signInRateLimitPerMinute / 60,
    );
  }

  async signIn(
    input: { email: string; password: string; tenantSlug?: string | null },
    client: ClientInfo,
  ): Promise<IssuedSession> {
    const account = input.email.trim().toLowerCase();
    const wait = Math.max(
      this.perAddress.take(client.ip ?? 'unknown'),
      this.failuresPerAccount.waitSeconds(account),
    );
    if (wait > 0) {
      await this.repository.recordPlatformAudit({
        action: 'user.sign_in',
        outcome: 'FAILURE',
        ip: client.ip,
        details: { reason: 'rate_limited' },
      });
      throw new TooManyRequestsError(`Too many sign-in attempts; try again in ${wait} s`, wait);
    }
    try {
      return await this.checkCredentials(input, client);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) this.failuresPerAccount.take(account);
      throw error;
    }
  }

  private async checkCredentials(
    input: { email: string; password: string; tenantSlug?: string | null },
    client: ClientInfo,
  ): Promise<IssuedSession> {
    const candidates = (await this.repository.findUsersByEmail(input.email)).filter(
      (user) => !input.tenantSlug || user.tenant.slug === input.tenantSlug,
    );
    if (candidates.length === 0) {
      // Spend the same time as a wrong password, so unknown emails cannot be told apart.
      await verifyPassword(input.password, await decoyPasswordHash());
      await this.repository.recordPlatformAudit({
        action: 'user.sign_in',
        outcome: 'FAILURE',
        ip: client.ip,
        details: { reason: 'unknown_email' },
      });
      throw new InvalidCredentialsError();
    }
    const matches: UserWithTenant[] = [];
    for (const user of candidates) {
      if (await verifyPassword(input.password, user.passwordHash)) matches.push(user);
    }
    const [user, ...others] = matches;
    if (!user) {
      for (const candidate of candidates) {
        await this.repository.recordTenantAudit({
          tenantId: candidate.tenantId,
          customerId: candidate.customerId,
          actorKind: 'USER',
          actorId: candidate.id,
          action: 'user.sign_in',
          outcome: 'FAILURE',
          ip: client.ip,
          details: { reason: 'wrong_password' },
        });
      }
      throw new InvalidCredentialsError();
    }
    if (others.length > 0) throw new AmbiguousAccountError();

    const session = await this.startSession(user, client);
    await this.repository.recordTenantAudit({
      tenantId: user.tenantId,
      customerId: user.customerId,
      actorKind: 'USER',
      actorId: user.id,
      action: 'user.sign_in',
      outcome: 'SUCCESS',
      ip: client.ip,
    });
    return session;
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<IssuedSession> {
    const session = await this.repository.findSessionByTokenHash(sha256Hex(refreshToken));
    if (!session) throw new InvalidRefreshTokenError();
    if (session.revokedAt) {
      if (session.replacedById) {
        // A rotated token came back: it was copied. End every session of the user.
        const revoked = await this.repository.revokeAllSessionsOfUser(
          session.tenantId,
          session.userId,
        );
        requestContext
          .logger(this.logger)
          .warn(
            { userId: session.userId, tenantId: session.tenantId, revoked },
            'refresh token reuse detected; all sessions revoked',
          );
      }
      throw new InvalidRefreshTokenError();
    }
    const { user } = session;
    if (session.expiresAt.getTime() <= Date.now() || user.disabledAt || user.tenant.disabledAt) {
      throw new InvalidRefreshTokenError();
    }
    const next = this.newRefreshToken();
    const rotated = await this.repository.rotateSession(session, {
      refreshTokenHash: sha256Hex(next.token),
      expiresAt: next.expiresAt,
      ...client,
    });
    if (!rotated) throw new InvalidRefreshTokenError();
    return this.issue(user, rotated.id, next.token, next.expiresAt);
  }

  async signOut(principal: Principal, refreshToken: string | null): Promise<void> {
    if (principal.sessionId)
      await this.repository.revokeSession(principal.tenantId, principal.sessionId);
    if (refreshToken && principal.actor.kind === 'user') {
      const session = await this.repository.findSessionByTokenHash(sha256Hex(refreshToken));
      // Only the caller's own session: a leaked token of someone else is not ours to end.
      if (
        session &&
        session.userId === principal.actor.userId &&
        session.tenantId === principal.tenantId
      ) {
        await this.repository.revokeSession(session.tenantId, session.id);
      }
    }
  }

  private async startSession(user: UserWithTenant, client: ClientInfo): Promise<IssuedSession> {
    const refresh = this.newRefreshToken();
    const session = await this.repository.createSession({
      tenantId: user.tenantId,
      userId: user.id,
      refreshTokenHash: sha256Hex(refresh.token),
      expiresAt: refresh.expiresAt,
      ...client,
    });
    return this.issue(user, session.id, refresh.token, refresh.expiresAt);
  }

  private newRefreshToken(): { token: string; expiresAt: Date } {
    return {
      token: newRefreshToken(),
      expiresAt: new Date(Date.now() + this.settings.refreshTokenTtlSeconds * 1000),
    };
  }

  private async issue(
    user: UserWithTenant,
    sessionId: string,
    refreshToken: string,
    refreshTokenExpiresAt: Date,
  ): Promise<IssuedSession> {
    const access = await this.accessTokens.issue({
      userId: user.id,
      sessionId,
      role: user.role,
      tenantId: user.tenantId,
      customerId: user.customerId,
    });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
      user,
    };
  }
}
