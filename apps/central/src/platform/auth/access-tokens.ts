import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { UserRoleName } from '../tenancy/tenant-context.js';

const ISSUER = 'printbeat-central';
const AUDIENCE = 'printbeat';
const ROLES: readonly UserRoleName[] = [
  'PLATFORM_OPERATOR',
  'DEALER_ADMIN',
  'DEALER_TECHNICIAN',
  'DEALER_BILLING',
  'CUSTOMER_ADMIN',
  'CUSTOMER_VIEWER',
];

/** What an access token asserts about its user. */
export type AccessClaims = {
  userId: string;
  sessionId: string;
  role: UserRoleName;
  tenantId: string;
  customerId: string | null;
};

export class InvalidAccessTokenError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'Access token expired' : 'Access token invalid');
  }
}

/** Short-lived HS256 access tokens (jose). Stateless: revocation is the refresh token's job. */
export class AccessTokens {
  readonly #key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.#key = new TextEncoder().encode(secret);
  }

  async issue(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const expiresAt = new Date((nowSeconds + this.ttlSeconds) * 1000);
    const token = await new SignJWT({
      sid: claims.sessionId,
      role: claims.role,
      tid: claims.tenantId,
      cid: claims.customerId,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + this.ttlSeconds)
      .sign(this.#key);
    return { token, expiresAt };
  }

  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(),
        clockTolerance: 0,
      });
      const { sub, sid, role, tid, cid } = payload;
      if (
        typeof sub !== 'string' ||
        typeof sid !== 'string' ||
        typeof role !== 'string' ||
        !ROLES.includes(role as UserRoleName) ||
        typeof tid !== 'string' ||
        !(cid === null || typeof cid === 'string')
      ) {
        throw new InvalidAccessTokenError('invalid');
      }
      return {
        userId: sub,
        sessionId: sid,
        role: role as UserRoleName,
        tenantId: tid,
        customerId: cid,
      };
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidAccessTokenError('expired');
      throw new InvalidAccessTokenError('invalid');
    }
  }
}
