import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CommandExpiryJob } from './command-expiry.job.js';
import { CommandsRepository } from './commands.repository.js';
import { CommandsResolver } from './commands.resolver.js';
import { CommandsService } from './commands.service.js';

@Module({
  imports: [AuditModule],
  providers: [CommandsRepository, CommandsService, CommandsResolver, CommandExpiryJob],
  exports: [CommandsService, CommandExpiryJob],
})
export class CommandsModule {}
