import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { CommandsModule } from '../commands/commands.module.js';
import { MetersModule } from '../meters/meters.module.js';
import { ReplenishmentModule } from '../replenishment/replenishment.module.js';
import { IngestRepository } from './ingest.repository.js';
import { IngestService } from './ingest.service.js';

/** Normalising accepted uploads (needs JobsModule, global, in the application). */
@Module({
  imports: [CommandsModule, MetersModule, AlertsModule, ReplenishmentModule],
  providers: [IngestRepository, IngestService],
  exports: [IngestService],
})
export class IngestModule {}
