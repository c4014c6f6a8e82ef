import type { User as UserRow } from '@prisma/client';
import type { User } from './user.model.js';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    tenantId: row.tenantId,
    customerId: row.customerId,
    disabledAt: row.disabledAt,
    lastLoginAt: row.lastLoginAt,
    invitationPending: row.invitedAt !== null,
    createdAt: row.createdAt,
  };
}
