import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { DeviceSuppliesLoader } from '../supplies/device-supplies.loader.js';
import { DeviceSupply } from '../supplies/device-supply.model.js';
import { Device } from './device.model.js';

/** `Device.supplies`, from the supplies module's loader (devices depend on supplies, never the reverse). */
@Resolver(() => Device)
export class DeviceSuppliesResolver {
  constructor(@Inject(DeviceSuppliesLoader) private readonly loader: DeviceSuppliesLoader) {}

  @ResolveField(() => [DeviceSupply])
  supplies(@Parent() device: Device, @Loaders() loaders: RequestLoaders): Promise<DeviceSupply[]> {
    return this.loader.suppliesOf(loaders, device.id);
  }
}
