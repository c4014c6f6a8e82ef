import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { TooManyRequestsError } from '../errors/domain.errors.js';
import { LOGGER } from '../logging/logger.js';
import { requestContext } from '../logging/request-context.js';
import { RateLimits } from '../rate-limits/rate-limits.js';
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

/** Portal sessions: sign-in, refresh-token rotation, sign-out. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(AuthRepository) private readonly repository: AuthRepository,
    @Inject(AccessTokens) private readonly accessTokens: AccessTokens,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(RateLimits) private readonly limits: RateLimits,
  ) {}

  async signIn(
    input: { email: string; password: string; tenantSlug?: string | null },
    client: ClientInfo,
  ): Promise<IssuedSession> {
    // Failures count per account and address: another address is never locked out by them.
    try {
      await this.limits.signInAttempt(input.email, client.ip);
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        await this.repository.recordPlatformAudit({
          action: 'user.sign_in',
          outcome: 'FAILURE',
          ip: client.ip,
          details: { reason: 'rate_limited' },
        });
      }
      throw error;
    }
    try {
      const session = await this.checkCredentials(input, client);
      await this.limits.signInSucceeded(input.email, client.ip);
      return session;
    } catch (error) {
      if (error instanceof InvalidCredentialsError)
        await this.limits.signInFailed(input.email, client.ip);
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
