import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Roles } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { Device } from '../devices/device.model.js';
import { UpdateDeviceInput } from './device-administration.inputs.js';
import { DeviceAdministrationService } from './device-administration.service.js';

@Resolver(() => Device)
export class DeviceAdministrationResolver {
  constructor(
    @Inject(DeviceAdministrationService) private readonly service: DeviceAdministrationService,
  ) {}

  @Roles('DEALER_ADMIN', 'DEALER_TECHNICIAN')
  @Mutation(() => Device, {
    description:
      'Display name, equipment ID, asset tag, notes, or a move to another site of the same customer; audited with before and after.',
  })
  updateDevice(@Args('input') input: UpdateDeviceInput): Promise<Device> {
    return this.service.update(input);
  }

  @Roles('DEALER_ADMIN', 'DEALER_TECHNICIAN')
  @Mutation(() => Device, {
    description:
      'Retires a device: its newest meter read becomes the end meter, open alerts close; readings are still stored but open no alerts and create no supply orders. Hidden from the fleet by default.',
  })
  retireDevice(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Device> {
    return this.service.retire(id);
  }

  @Roles('DEALER_ADMIN', 'DEALER_TECHNICIAN')
  @Mutation(() => Device, { description: 'Undoes retireDevice (the audit keeps the retirement).' })
  reinstateDevice(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Device> {
    return this.service.reinstate(id);
  }

  @Roles('DEALER_ADMIN', 'DEALER_TECHNICIAN')
  @Mutation(() => Device, {
    description:
      'Pauses monitoring: readings are stored, open alerts close, no new alerts or supply orders.',
  })
  pauseDeviceMonitoring(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Device> {
    return this.service.pauseMonitoring(id);
  }

  @Roles('DEALER_ADMIN', 'DEALER_TECHNICIAN')
  @Mutation(() => Device, { description: 'Resumes monitoring paused by pauseDeviceMonitoring.' })
  resumeDeviceMonitoring(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Device> {
    return this.service.resumeMonitoring(id);
  }
}
