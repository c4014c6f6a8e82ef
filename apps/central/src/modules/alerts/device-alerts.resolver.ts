import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { Device } from '../devices/device.model.js';
import { Alert } from './alert.model.js';
import { DeviceAlertsLoader } from './device-alerts.loader.js';

/** `Device.openAlerts`: the alerts module extends the device type rather than the reverse. */
@Resolver(() => Device)
export class DeviceAlertsResolver {
  constructor(@Inject(DeviceAlertsLoader) private readonly loader: DeviceAlertsLoader) {}

  @ResolveField(() => [Alert], { description: 'Open alerts, oldest first.' })
  openAlerts(@Parent() device: Device, @Loaders() loaders: RequestLoaders): Promise<Alert[]> {
    return this.loader.openOf(loaders, device.id);
  }
}
