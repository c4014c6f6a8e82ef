import { registerEnumType } from '@nestjs/graphql';
import type { CommandType as CommandTypeName } from '@prisma/client';

/** The database enum as a GraphQL enum; values spelled out (modules never import Prisma values). */
export const CommandType = {
  REFRESH_STATUS: 'REFRESH_STATUS',
  SEND_METERS: 'SEND_METERS',
  PRINT_TEST_PAGE: 'PRINT_TEST_PAGE',
  REBOOT: 'REBOOT',
  TROUBLESHOOT: 'TROUBLESHOOT',
  UPDATE_SETTINGS: 'UPDATE_SETTINGS',
} as const satisfies Record<CommandTypeName, CommandTypeName>;
export type CommandType = CommandTypeName;

registerEnumType(CommandType, {
  name: 'CommandType',
  description: 'Remote actions an agent can run on request.',
});
