import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, Scopes, TENANT_ROLES } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import {
  Device,
  DeviceConnection,
  DeviceFacets,
  DeviceIdentityChange,
  DeviceMeterRead,
  DeviceMeterReadConnection,
} from './device.model.js';
import {
  DeviceFacetsArgs,
  DevicesArgs,
  IdentityChangesArgs,
  MergeDevicesInput,
  MeterReadsArgs,
} from './device.inputs.js';
import { DeviceHistoryLoader } from './device-history.loader.js';
import { DeviceMergeService } from './device-merge.service.js';
import { DevicesService } from './devices.service.js';

@Resolver(() => Device)
export class DevicesResolver {
  constructor(
    @Inject(DevicesService) private readonly service: DevicesService,
    @Inject(DeviceMergeService) private readonly merges: DeviceMergeService,
    @Inject(DeviceHistoryLoader) private readonly history: DeviceHistoryLoader,
  ) {}

  @Roles(...TENANT_ROLES)
  @Scopes('devices:read')
  @Query(() => DeviceConnection, {
    description: 'Devices, oldest first (a customer user sees only its own).',
  })
  devices(@Args() args: DevicesArgs): Promise<DeviceConnection> {
    return this.service.list(args);
  }

  @Roles(...TENANT_ROLES)
  @Scopes('devices:read')
  @Query(() => Device)
  device(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Device> {
    return this.service.get(id);
  }

  @Roles(...TENANT_ROLES)
  @Scopes('devices:read')
  @Query(() => DeviceFacets, {
    description:
      'Distinct manufacturers and models of the devices in scope, for the fleet filters.',
  })
  deviceFacets(@Args() args: DeviceFacetsArgs): Promise<DeviceFacets> {
    return this.service.facets(args);
  }

  @Roles('DEALER_ADMIN', 'DEALER_TECHNICIAN')
  @Mutation(() => Device, {
    description:
      'Merges mergeId into keepId (same customer): its meter reads, supplies, alerts, commands and identity history move to keepId, counters are checked across the seam, and mergeId is hidden from lists. Returns the kept device.',
  })
  mergeDevices(@Args('input') input: MergeDevicesInput): Promise<Device> {
    return this.merges.merge(input);
  }

  @Roles('DEALER_ADMIN', 'DEALER_TECHNICIAN')
  @Mutation(() => Device, {
    description: 'Clears needsReview: the flagged device is a printer of its own.',
  })
  dismissDeviceReview(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Device> {
    return this.merges.dismissReview(id);
  }

  @ResolveField(() => DeviceMeterReadConnection, {
    description: 'Meter reads, newest first, optionally within [from, to].',
  })
  meterReads(
    @Parent() device: Device,
    @Args() args: MeterReadsArgs,
    @Loaders() loaders: RequestLoaders,
  ): Promise<DeviceMeterReadConnection> {
    return this.history.meterReads(loaders, device.id, args);
  }

  @ResolveField(() => [DeviceIdentityChange], {
    description: 'History of IP, MAC and other identity changes, newest first.',
  })
  identityChanges(
    @Parent() device: Device,
    @Args() args: IdentityChangesArgs,
    @Loaders() loaders: RequestLoaders,
  ): Promise<DeviceIdentityChange[]> {
    return this.history.identityChanges(loaders, device.id, args);
  }

  @ResolveField(() => DeviceMeterRead, { nullable: true, description: 'The newest meter read.' })
  latestMeterRead(
    @Parent() device: Device,
    @Loaders() loaders: RequestLoaders,
  ): Promise<DeviceMeterRead | null> {
    return this.history.latestMeterRead(loaders, device.id);
  }
}
