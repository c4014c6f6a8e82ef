import { Module } from '@nestjs/common';
import { DeviceSuppliesLoader } from './device-supplies.loader.js';
import { DeviceSuppliesResolver } from './device-supplies.resolver.js';
import { SuppliesRepository } from './supplies.repository.js';
import { SuppliesResolver } from './supplies.resolver.js';
import { SuppliesService } from './supplies.service.js';

/** A device's supplies (`Device.supplies`), their forecasts and level history. */
@Module({
  providers: [
    SuppliesRepository,
    SuppliesService,
    DeviceSuppliesLoader,
    SuppliesResolver,
    DeviceSuppliesResolver,
  ],
  exports: [SuppliesService],
})
export class SuppliesModule {}
