import { Inject, Injectable } from '@nestjs/common';
import type { Supply as SupplyRow } from '@prisma/client';
import { groupedBy, type RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import type { DeviceSupply } from './device-supply.model.js';
import type { SupplyForecast, SupplyLevelPoint } from './supply-forecast.model.js';
import { SuppliesRepository } from './supplies.repository.js';
import { SuppliesService, toModel } from './supplies.service.js';

export type LevelsArgs = { first: number; before: Date | null };

/**
 * The read side of supplies for GraphQL, batched per request: a page of devices asks for its
 * supplies in one statement, and their forecasts and level histories in one transaction.
 */
@Injectable()
export class DeviceSuppliesLoader {
  constructor(
    @Inject(SuppliesRepository) private readonly repository: SuppliesRepository,
    @Inject(SuppliesService) private readonly service: SuppliesService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  /** The device's supplies by supply key. */
  suppliesOf(loaders: RequestLoaders, deviceId: string): Promise<DeviceSupply[]> {
    return loaders.load(this.supplies, deviceId, undefined);
  }

  forecastOf(
    loaders: RequestLoaders,
    supply: { id: string; deviceId: string },
  ): Promise<SupplyForecast> {
    return loaders.load(this.forecasts, { id: supply.id, deviceId: supply.deviceId }, undefined);
  }

  /** The newest levels, newest first. */
  levelsOf(
    loaders: RequestLoaders,
    supplyId: string,
    args: LevelsArgs,
  ): Promise<SupplyLevelPoint[]> {
    return loaders.load(this.levels, supplyId, args);
  }

  private readonly supplies = async (deviceIds: readonly string[]): Promise<DeviceSupply[][]> => {
    const rows = await this.db.run((tx) => this.repository.suppliesOfDevices(tx, deviceIds));
    return groupedBy(deviceIds, rows.map(toDeviceSupply), (supply) => supply.deviceId);
  };

  // A forecast reads two histories of its own; batching keeps it to one transaction.
  private readonly forecasts = (
    supplies: readonly { id: string; deviceId: string }[],
  ): Promise<SupplyForecast[]> =>
    this.db.run(async (tx) => {
      const now = new Date();
      const forecasts: SupplyForecast[] = [];
      for (const supply of supplies)
        forecasts.push(toModel(await this.service.forecastIn(tx, supply, now)));
      return forecasts;
    });

  private readonly levels = (
    supplyIds: readonly string[],
    args: LevelsArgs,
  ): Promise<SupplyLevelPoint[][]> =>
    this.db.run(async (tx) => {
      const histories: SupplyLevelPoint[][] = [];
      for (const id of supplyIds) histories.push(await this.service.historyIn(tx, id, args));
      return histories;
    });
}

export function toDeviceSupply(row: SupplyRow): DeviceSupply {
  return {
    id: row.id,
    deviceId: row.deviceId,
    supplyKey: row.supplyKey,
    description: row.description,
    type: row.type,
    color: row.color,
    partNumber: row.partNumber,
    serialNumber: row.serialNumber,
    level: row.level,
    maxCapacity: row.maxCapacity,
    percent: row.percent,
    state: row.state,
    readAt: row.readAt,
  };
}
