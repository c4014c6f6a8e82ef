import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { Device } from '../devices/device.model.js';
import { DeviceSuppliesLoader } from './device-supplies.loader.js';
import { DeviceSupply } from './device-supply.model.js';

/** `Device.supplies`: the supplies module extends the device type rather than the reverse. */
@Resolver(() => Device)
export class DeviceSuppliesResolver {
  constructor(@Inject(DeviceSuppliesLoader) private readonly loader: DeviceSuppliesLoader) {}

  @ResolveField(() => [DeviceSupply])
  supplies(@Parent() device: Device, @Loaders() loaders: RequestLoaders): Promise<DeviceSupply[]> {
    return this.loader.suppliesOf(loaders, device.id);
  }
}
