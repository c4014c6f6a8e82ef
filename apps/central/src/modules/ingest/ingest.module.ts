import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { CommandsModule } from '../commands/commands.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { MetersModule } from '../meters/meters.module.js';
import { SuppliesModule } from '../supplies/supplies.module.js';
import { IngestService } from './ingest.service.js';

/** Normalising accepted uploads: orchestrates devices, meters, supplies, alerts and commands. */
@Module({
  imports: [DevicesModule, MetersModule, SuppliesModule, AlertsModule, CommandsModule],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule {}
