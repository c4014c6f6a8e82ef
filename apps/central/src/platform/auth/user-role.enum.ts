import { registerEnumType } from '@nestjs/graphql';
import type { UserRole as UserRoleName } from '@prisma/client';

/** The database enum as a GraphQL enum; values spelled out (only platform/prisma imports Prisma values). */
export const UserRole = {
  PLATFORM_OPERATOR: 'PLATFORM_OPERATOR',
  DEALER_ADMIN: 'DEALER_ADMIN',
  DEALER_TECHNICIAN: 'DEALER_TECHNICIAN',
  DEALER_BILLING: 'DEALER_BILLING',
  CUSTOMER_ADMIN: 'CUSTOMER_ADMIN',
  CUSTOMER_VIEWER: 'CUSTOMER_VIEWER',
} as const satisfies Record<UserRoleName, UserRoleName>;
export type UserRole = UserRoleName;

registerEnumType(UserRole, {
  name: 'UserRole',
  description:
    'PLATFORM_OPERATOR creates tenants; DEALER_* work across their tenant; CUSTOMER_* see one customer.',
});
