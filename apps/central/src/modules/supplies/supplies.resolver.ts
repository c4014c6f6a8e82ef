import { Inject } from '@nestjs/common';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { invalidInput } from '../../platform/errors/input-problems.js';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { DeviceSuppliesLoader } from './device-supplies.loader.js';
import { DeviceSupply } from './device-supply.model.js';
import { SupplyForecast, SupplyLevelPoint } from './supply-forecast.model.js';

/**
 * Forecast and level history of a `DeviceSupply` (a device's supplies are already visible to
 * whoever can read the device, so these fields need no extra rule).
 */
@Resolver(() => DeviceSupply)
export class SuppliesResolver {
  constructor(@Inject(DeviceSuppliesLoader) private readonly loader: DeviceSuppliesLoader) {}

  @ResolveField(() => SupplyForecast, {
    description: 'Days to empty from recent consumption, with a confidence.',
  })
  forecast(
    @Parent() supply: DeviceSupply,
    @Loaders() loaders: RequestLoaders,
  ): Promise<SupplyForecast> {
    return this.loader.forecastOf(loaders, supply);
  }

  @ResolveField(() => [SupplyLevelPoint], { description: 'Level history, newest first.' })
  levels(
    @Parent() supply: DeviceSupply,
    @Loaders() loaders: RequestLoaders,
    @Args('first', { type: () => Int, nullable: true, description: '1–1000, default 100' })
    first?: number | null,
    @Args('before', { type: () => Date, nullable: true }) before?: Date | null,
  ): Promise<SupplyLevelPoint[]> {
    const size = first ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > 1000)
      throw invalidInput('Invalid page size', [
        { field: 'first', message: 'must be between 1 and 1000' },
      ]);
    return this.loader.levelsOf(loaders, supply.id, { first: size, before: before ?? null });
  }
}
