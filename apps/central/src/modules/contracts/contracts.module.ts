import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ContractDevicesLoader } from './contract-devices.loader.js';
import { ContractsRepository } from './contracts.repository.js';
import { ContractsResolver } from './contracts.resolver.js';
import { ContractsService } from './contracts.service.js';
import { DeviceContractResolver } from './device-contract.resolver.js';

/** Contracts, the devices under them and their start/end meters (see README.md). */
@Module({
  imports: [AuditModule],
  providers: [
    ContractsRepository,
    ContractsService,
    ContractDevicesLoader,
    ContractsResolver,
    DeviceContractResolver,
  ],
  exports: [ContractsService],
})
export class ContractsModule {}
