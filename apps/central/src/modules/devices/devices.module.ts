import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MetersModule } from '../meters/meters.module.js';
import { SuppliesModule } from '../supplies/supplies.module.js';
import { DeviceHistoryLoader } from './device-history.loader.js';
import { DeviceSuppliesResolver } from './device-supplies.resolver.js';
import { DeviceMergeRepository } from './device-merge.repository.js';
import { DeviceMergeService } from './device-merge.service.js';
import { DeviceSightingsRepository } from './device-sightings.repository.js';
import { DeviceSightingsService } from './device-sightings.service.js';
import { DevicesRepository } from './devices.repository.js';
import { DevicesResolver } from './devices.resolver.js';
import { DevicesService } from './devices.service.js';

@Module({
  imports: [AuditModule, MetersModule, SuppliesModule],
  providers: [
    DevicesRepository,
    DevicesService,
    DeviceHistoryLoader,
    DeviceMergeRepository,
    DeviceMergeService,
    DeviceSightingsRepository,
    DeviceSightingsService,
    DevicesResolver,
    DeviceSuppliesResolver,
  ],
  exports: [DevicesService, DeviceSightingsService],
})
export class DevicesModule {}
