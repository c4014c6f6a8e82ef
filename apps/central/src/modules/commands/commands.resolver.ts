import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, TENANT_ROLES } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { Command, CommandConnection } from './command.model.js';
import { CommandsArgs, QueueCommandInput } from './command.inputs.js';
import { CommandsService } from './commands.service.js';

@Resolver(() => Command)
export class CommandsResolver {
  constructor(@Inject(CommandsService) private readonly service: CommandsService) {}

  @Roles(...TENANT_ROLES)
  @Query(() => CommandConnection, {
    description: 'Commands, newest first; filter by agent, device or status.',
  })
  commands(@Args() args: CommandsArgs): Promise<CommandConnection> {
    return this.service.list(args);
  }

  @Roles(...TENANT_ROLES)
  @Query(() => Command)
  command(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Command> {
    return this.service.get(id);
  }

  @Roles('DEALER_ADMIN', 'DEALER_TECHNICIAN')
  @Mutation(() => Command, {
    description:
      "Queues an action for a device (run by its agent) or for an agent; FORBIDDEN (reason ACTION_NOT_CONSENTED) outside the customer's consent.",
  })
  queueCommand(@Args('input') input: QueueCommandInput): Promise<Command> {
    return this.service.queue(input);
  }

  @Roles('DEALER_ADMIN', 'DEALER_TECHNICIAN')
  @Mutation(() => Command)
  cancelCommand(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Command> {
    return this.service.cancel(id);
  }
}
