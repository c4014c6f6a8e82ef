import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { ReplenishmentModule } from '../replenishment/replenishment.module.js';
import { DeviceAdministrationRepository } from './device-administration.repository.js';
import { DeviceAdministrationResolver } from './device-administration.resolver.js';
import { DeviceAdministrationService } from './device-administration.service.js';

/** updateDevice, retire/reinstate, pause/resume monitoring (see README.md). */
@Module({
  imports: [AlertsModule, AuditModule, ContractsModule, DevicesModule, ReplenishmentModule],
  providers: [
    DeviceAdministrationRepository,
    DeviceAdministrationService,
    DeviceAdministrationResolver,
  ],
})
export class DeviceAdministrationModule {}
