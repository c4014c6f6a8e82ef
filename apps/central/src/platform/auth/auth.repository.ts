import { Inject, Injectable } from '@nestjs/common';
import type { ActorKind, AuditOutcome, Prisma, Session, Tenant, User } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service.js';

export type UserWithTenant = User & { tenant: Tenant };
export type SessionWithUser = Session & { user: UserWithTenant };

/**
 * Platform code: sign-in, refresh and API-key lookups happen before any tenant is known, so
 * they use the raw client — always by a globally indexed secret (email, token hash), and
 * everything found carries its own tenantId from here on.
 */
@Injectable()
export class AuthRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  findUsersByEmail(email: string): Promise<UserWithTenant[]> {
    return this.prisma.user.findMany({
      where: { email, disabledAt: null, tenant: { disabledAt: null } },
      include: { tenant: true },
      take: 10,
    });
  }

  findSessionByTokenHash(refreshTokenHash: string): Promise<SessionWithUser | null> {
    return this.prisma.session.findFirst({
      where: { refreshTokenHash },
      include: { user: { include: { tenant: true } } },
    });
  }

  async createSession(data: {
    tenantId: string;
    userId: string;
    refreshTokenHash: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  }): Promise<Session> {
    return this.prisma.$transaction(async (tx) => {
      const session = await tx.session.create({ data });
      await tx.user.update({
        where: { tenantId_id: { tenantId: data.tenantId, id: data.userId } },
        data: { lastLoginAt: new Date() },
      });
      return session;
    });
  }

  /**
   * Rotation: revoke `old` and create its replacement atomically. Returns null when `old`
   * was revoked meanwhile (a concurrent refresh won), so one token refreshes only once.
   */
  rotateSession(
    old: Session,
    next: {
      refreshTokenHash: string;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    },
  ): Promise<Session | null> {
    return this.prisma.$transaction(async (tx) => {
      const created = await tx.session.create({
        data: { tenantId: old.tenantId, userId: old.userId, ...next },
      });
      const revoked = await tx.session.updateMany({
        where: { tenantId: old.tenantId, id: old.id, revokedAt: null },
        data: { revokedAt: new Date(), replacedById: created.id, lastUsedAt: new Date() },
      });
      if (revoked.count !== 1) {
        await tx.session.delete({
          where: { tenantId_id: { tenantId: old.tenantId, id: created.id } },
        });
        return null;
      }
      return created;
    });
  }

  async revokeSession(tenantId: string, sessionId: string): Promise<void> {
    await this.prisma.session.updateMany({
      where: { tenantId, id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  async revokeAllSessionsOfUser(tenantId: string, userId: string): Promise<number> {
    const { count } = await this.prisma.session.updateMany({
      where: { tenantId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count;
  }

  /** What decides whether an access token of this session still counts. */
  findSessionState(tenantId: string, sessionId: string) {
    return this.prisma.session.findUnique({
      where: { tenantId_id: { tenantId, id: sessionId } },
      select: {
        userId: true,
        revokedAt: true,
        replacedById: true,
        user: { select: { disabledAt: true } },
      },
    });
  }

  findApiKeyByHash(keyHash: string) {
    return this.prisma.apiKey.findFirst({ where: { keyHash }, include: { tenant: true } });
  }

  async touchApiKey(tenantId: string, id: string): Promise<void> {
    await this.prisma.apiKey.updateMany({
      where: { tenantId, id },
      data: { lastUsedAt: new Date() },
    });
  }

  async recordTenantAudit(event: {
    tenantId: string;
    customerId: string | null;
    actorKind: ActorKind;
    actorId: string | null;
    action: string;
    outcome: AuditOutcome;
    ip: string | null;
    details?: Prisma.InputJsonValue;
  }): Promise<void> {
    await this.prisma.auditEvent.create({
      data: { ...event, targetType: 'User', targetId: event.actorId },
    });
  }

  async recordPlatformAudit(event: {
    action: string;
    outcome: AuditOutcome;
    ip: string | null;
    details?: Prisma.InputJsonValue;
  }): Promise<void> {
    await this.prisma.platformAuditEvent.create({ data: { actorKind: 'ANONYMOUS', ...event } });
  }
}
