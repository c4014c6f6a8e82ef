import { registerEnumType } from '@nestjs/graphql';
import { UserRole } from '@prisma/client';

export { UserRole };

registerEnumType(UserRole, {
  name: 'UserRole',
  description: 'PLATFORM_OPERATOR creates tenants; DEALER_* work across their tenant; CUSTOMER_* see one customer.',
});
