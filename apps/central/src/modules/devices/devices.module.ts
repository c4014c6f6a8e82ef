import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MetersModule } from '../meters/meters.module.js';
import { DeviceHistoryLoader } from './device-history.loader.js';
import { DeviceMergeRepository } from './device-merge.repository.js';
import { DeviceMergeService } from './device-merge.service.js';
import { DevicesRepository } from './devices.repository.js';
import { DevicesResolver } from './devices.resolver.js';
import { DevicesService } from './devices.service.js';

@Module({
  imports: [AuditModule, MetersModule],
  providers: [
    DevicesRepository,
    DevicesService,
    DeviceHistoryLoader,
    DeviceMergeRepository,
    DeviceMergeService,
    DevicesResolver,
  ],
  exports: [DevicesService],
})
export class DevicesModule {}
