import { registerEnumType } from '@nestjs/graphql';
import { CommandType } from '@prisma/client';

export { CommandType };

registerEnumType(CommandType, {
  name: 'CommandType',
  description: 'Remote actions an agent can run on request.',
});
