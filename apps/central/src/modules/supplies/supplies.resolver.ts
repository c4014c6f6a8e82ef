import { Inject } from '@nestjs/common';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DeviceSupply } from '../devices/device.model.js';
import { BadUserInputError } from '../../platform/errors/domain.errors.js';
import { SupplyForecast, SupplyLevelPoint } from './supply-forecast.model.js';
import { SuppliesService } from './supplies.service.js';

/**
 * Forecast and level history on the devices module's `DeviceSupply` (a device's supplies are
 * already visible to whoever can read the device, so these fields need no extra rule).
 */
@Resolver(() => DeviceSupply)
export class SuppliesResolver {
  constructor(@Inject(SuppliesService) private readonly service: SuppliesService) {}

  @ResolveField(() => SupplyForecast, {
    description: 'Days to empty from recent consumption, with a confidence.',
  })
  async forecast(@Parent() supply: DeviceSupply & { deviceId?: string }): Promise<SupplyForecast> {
    return this.service.forecast({
      id: supply.id,
      deviceId: supply.deviceId ?? (await this.service.deviceIdOf(supply.id)),
    });
  }

  @ResolveField(() => [SupplyLevelPoint], { description: 'Level history, newest first.' })
  levels(
    @Parent() supply: DeviceSupply,
    @Args('first', { type: () => Int, nullable: true, description: '1–1000, default 100' })
    first?: number | null,
    @Args('before', { type: () => Date, nullable: true }) before?: Date | null,
  ): Promise<SupplyLevelPoint[]> {
    const size = first ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > 1000)
      throw new BadUserInputError('Invalid page size', [
        { field: 'first', message: 'must be between 1 and 1000' },
      ]);
    return this.service.history(supply.id, { first: size, before: before ?? null });
  }
}
