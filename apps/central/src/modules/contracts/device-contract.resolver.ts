import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { Device } from '../devices/device.model.js';
import { Contract, ContractDevice } from './contract.model.js';
import { ContractDevicesLoader } from './contract-devices.loader.js';

/** `Device.contract`: contracts extend the device type (devices never depend on contracts). */
@Resolver(() => Device)
export class DeviceContractResolver {
  constructor(@Inject(ContractDevicesLoader) private readonly loader: ContractDevicesLoader) {}

  @ResolveField(() => Contract, {
    nullable: true,
    description: 'The contract the device is under now; null when none.',
  })
  async contract(@Parent() device: Device, @Loaders() loaders: RequestLoaders) {
    return (await this.loader.openOf(loaders, device.id))?.contract ?? null;
  }

  @ResolveField(() => ContractDevice, {
    nullable: true,
    description: 'Its time under that contract, with the start meters.',
  })
  async contractMembership(@Parent() device: Device, @Loaders() loaders: RequestLoaders) {
    return (await this.loader.openOf(loaders, device.id))?.membership ?? null;
  }
}
