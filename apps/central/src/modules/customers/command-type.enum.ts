import { registerEnumType } from '@nestjs/graphql';
// eslint-disable-next-line no-restricted-imports -- enum values for GraphQL enum registration, not the client
import { CommandType } from '@prisma/client';

export { CommandType };

registerEnumType(CommandType, {
  name: 'CommandType',
  description: 'Remote actions an agent can run on request.',
});
