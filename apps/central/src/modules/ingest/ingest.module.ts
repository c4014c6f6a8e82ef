import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module.js';
import { IngestService } from './ingest.service.js';

@Module({
  imports: [CommandsModule],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule {}
