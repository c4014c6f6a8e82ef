import { registerEnumType } from '@nestjs/graphql';
// eslint-disable-next-line no-restricted-imports -- enum values for GraphQL enum registration, not the client
import { UserRole } from '@prisma/client';

export { UserRole };

registerEnumType(UserRole, {
  name: 'UserRole',
  description:
    'PLATFORM_OPERATOR creates tenants; DEALER_* work across their tenant; CUSTOMER_* see one customer.',
});
