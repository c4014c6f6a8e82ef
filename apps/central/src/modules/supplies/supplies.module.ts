import { Module } from '@nestjs/common';
import { DeviceSuppliesLoader } from './device-supplies.loader.js';
import { SuppliesRepository } from './supplies.repository.js';
import { SuppliesResolver } from './supplies.resolver.js';
import { SuppliesService } from './supplies.service.js';
import { SupplyMergeService } from './supply-merge.service.js';
import { SupplyRecorderService } from './supply-recorder.service.js';
import { SupplyWritesRepository } from './supply-writes.repository.js';

/**
 * Supplies own their tables: readings (current state, renames, level history; for ingest),
 * merges (for the devices module), forecasts and level history (fields on DeviceSupply).
 */
@Module({
  providers: [
    SuppliesRepository,
    SuppliesService,
    DeviceSuppliesLoader,
    SuppliesResolver,
    SupplyWritesRepository,
    SupplyRecorderService,
    SupplyMergeService,
  ],
  exports: [SuppliesService, DeviceSuppliesLoader, SupplyRecorderService, SupplyMergeService],
})
export class SuppliesModule {}
