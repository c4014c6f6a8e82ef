import { Inject, Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../errors/domain.errors.js';
import { AccessTokens, InvalidAccessTokenError, type AccessClaims } from './access-tokens.js';
import { AuthRepository } from './auth.repository.js';
import { Authenticator } from './authenticator.js';
import { constantTimeEqualHex, looksLikeApiKey, parseApiKey, sha256Hex } from './opaque-tokens.js';
import type { Principal } from './principal.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Bearer tokens: `pb_…` API keys (looked up by hash) or session access JWTs (verified). */
@Injectable()
export class BearerAuthenticator extends Authenticator {
  constructor(
    @Inject(AccessTokens) private readonly accessTokens: AccessTokens,
    @Inject(AuthRepository) private readonly repository: AuthRepository,
  ) {
    super();
  }

  override async authenticate(token: string): Promise<Principal> {
    return looksLikeApiKey(token)
      ? this.authenticateApiKey(token)
      : this.authenticateSession(token);
  }

  private async authenticateSession(token: string): Promise<Principal> {
    let claims: AccessClaims;
    try {
      claims = await this.accessTokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw new UnauthenticatedError(error.message);
      throw error;
    }
    // Sign-out and disabling a user take effect at once, not when the token expires. A session
    // that was only rotated (replacedById set) keeps its in-flight access tokens valid.
    if (!UUID.test(claims.sessionId) || !UUID.test(claims.tenantId))
      throw new UnauthenticatedError('Access token invalid');
    const session = await this.repository.findSessionState(claims.tenantId, claims.sessionId);
    if (
      !session ||
      session.userId !== claims.userId ||
      session.user.disabledAt ||
      (session.revokedAt && !session.replacedById)
    ) {
      throw new UnauthenticatedError('Session ended');
    }
    return {
      actor: { kind: 'user', userId: claims.userId, role: claims.role },
      tenantId: claims.tenantId,
      customerId: claims.customerId,
      sessionId: claims.sessionId,
    };
  }

  private async authenticateApiKey(token: string): Promise<Principal> {
    if (!parseApiKey(token)) throw new UnauthenticatedError('API key invalid');
    const hash = sha256Hex(token);
    const key = await this.repository.findApiKeyByHash(hash);
    // The equality lookup already matched; compare again in constant time as a habit.
    if (!key || !constantTimeEqualHex(key.keyHash, hash))
      throw new UnauthenticatedError('API key invalid');
    if (key.revokedAt) throw new UnauthenticatedError('API key revoked');
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now())
      throw new UnauthenticatedError('API key expired');
    if (key.tenant.disabledAt) throw new UnauthenticatedError('API key invalid');
    // lastUsedAt is for people reviewing keys; a minute's precision spares a write per call.
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
      await this.repository.touchApiKey(key.tenantId, key.id);
    }
    return {
      actor: { kind: 'apiKey', apiKeyId: key.id, scopes: key.scopes },
      tenantId: key.tenantId,
      customerId: null,
    };
  }
}
