import { Module } from '@nestjs/common';
import { DevicesRepository } from './devices.repository.js';
import { DevicesResolver } from './devices.resolver.js';
import { DevicesService } from './devices.service.js';

@Module({
  providers: [DevicesRepository, DevicesService, DevicesResolver],
  exports: [DevicesService],
})
export class DevicesModule {}
