import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { PlatformDb, type RegistrationKeyWithOwners } from '../../platform/prisma/platform-db.js';

export type { RegistrationKeyWithOwners };

/**
 * Enrollment rows. The key lookup is platform code: it happens before any tenant is known, by
 * the globally indexed hash (like API keys); everything after it runs tenant-scoped.
 */
@Injectable()
export class EnrollmentRepository {
  constructor(@Inject(PlatformDb) private readonly platformDb: PlatformDb) {}

  findKeyByHash(keyHash: string): Promise<RegistrationKeyWithOwners | null> {
    return this.platformDb.registrationKeyByHash(keyHash);
  }

  /**
   * Counts one use, only while the key is still usable: under concurrent enrollments the
   * last use is granted once. Returns false when the key is revoked, expired or used up.
   */
  async consumeKey(tx: Prisma.TransactionClient, id: string, now: Date): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE registration_keys
         SET use_count = use_count + 1, last_used_at = ${now}
       WHERE id = ${id}::uuid AND revoked_at IS NULL AND expires_at > ${now}
         AND (max_uses IS NULL OR use_count < max_uses)
      RETURNING id`;
    return rows.length === 1;
  }

  createAgent(tx: Prisma.TransactionClient, data: Prisma.AgentUncheckedCreateInput) {
    return tx.agent.create({ data });
  }

  createCertificate(
    tx: Prisma.TransactionClient,
    data: Prisma.AgentCertificateUncheckedCreateInput,
  ) {
    return tx.agentCertificate.create({ data });
  }

  findAgent(tx: Prisma.TransactionClient, id: string) {
    return tx.agent.findFirst({ where: { id } });
  }
}
