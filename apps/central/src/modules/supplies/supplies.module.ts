import { Module } from '@nestjs/common';
import { SuppliesRepository } from './supplies.repository.js';
import { SuppliesResolver } from './supplies.resolver.js';
import { SuppliesService } from './supplies.service.js';

/** Supply forecasts and level history (fields on the devices module's DeviceSupply). */
@Module({
  providers: [SuppliesRepository, SuppliesService, SuppliesResolver],
  exports: [SuppliesService],
})
export class SuppliesModule {}
