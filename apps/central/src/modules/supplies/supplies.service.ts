import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import {
  forecastSupply,
  isEarlyReplacement,
  type SupplyForecast as DomainForecast,
  runEndpoints,
  type SupplySample,
  unrollLevelRuns,
} from '@printbeat/domain';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import {
  ForecastConfidenceEnum,
  SupplyChangeEnum,
  type SupplyForecast,
  type SupplyLevelPoint,
} from './supply-forecast.model.js';
import { SuppliesRepository } from './supplies.repository.js';

const FORECAST_WINDOW_DAYS = 60;
/** Readings a forecast reads at most, oldest first. */
const FORECAST_MAX_READINGS = 2000;
const DAY_MS = 86_400_000;

/** Supply level history and days-to-empty forecasts. */
@Injectable()
export class SuppliesService {
  constructor(
    @Inject(SuppliesRepository) private readonly repository: SuppliesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The forecast of one supply from the last 60 days of levels, with the device's total page
   * counter attached to each sample when known (level vs pages).
   */
  async forecastIn(
    tx: Prisma.TransactionClient,
    supply: { id: string; deviceId: string },
    now = new Date(),
  ): Promise<DomainForecast> {
    const since = new Date(now.getTime() - FORECAST_WINDOW_DAYS * DAY_MS);
    // Each stored run stands for the readings it covers: the fit weighs flat periods as before.
    const levels = unrollLevelRuns(
      await this.repository.levelsSince(tx, supply.id, since, FORECAST_MAX_READINGS),
      { from: since, limit: FORECAST_MAX_READINGS },
    );
    const pages =
      levels.length > 1
        ? await this.repository.totalPages(
            tx,
            supply.deviceId,
            new Date(levels[0]!.at.getTime() - 7 * DAY_MS),
          )
        : [];
    const samples: SupplySample[] = [];
    let cursor = 0;
    for (const level of levels) {
      // The page counter at the level's time: the newest reading at or before it.
      while (cursor + 1 < pages.length && pages[cursor + 1]!.readAt.getTime() <= level.at.getTime())
        cursor += 1;
      const reading = pages[cursor];
      samples.push({
        at: level.at,
        percent: level.run.percent,
        pages: reading && reading.readAt.getTime() <= level.at.getTime() ? reading.pages : null,
        serialNumber: level.run.serialNumber,
      });
    }
    return forecastSupply(samples, { now, windowDays: FORECAST_WINDOW_DAYS });
  }

  /** The newest levels of one supply, newest first. */
  async historyIn(
    tx: Prisma.TransactionClient,
    supplyId: string,
    args: { first: number; before: Date | null },
  ): Promise<SupplyLevelPoint[]> {
    const rows = await this.repository.latestLevels(tx, supplyId, args.first, args.before);
    // A run's first and last readings: the ones between lie on the line joining them.
    return runEndpoints(rows, args.before)
      .slice(0, args.first)
      .map(({ at, run }) => {
        // A run's change happened at its first reading, not at its last.
        const kind = at.getTime() === run.readAt.getTime() ? changeOf(run.change) : null;
        const removedPercent = kind === SupplyChangeEnum.SWAP ? run.removedPercent : null;
        return {
          readAt: at,
          percent: run.percent,
          level: run.level,
          maxCapacity: run.maxCapacity,
          state: run.state,
          serialNumber: run.serialNumber,
          change: kind,
          removedPercent,
          earlyReplacement:
            kind !== null &&
            isEarlyReplacement({ kind, removedPercent }, this.config.supplyEarlyReplacementPercent),
        };
      });
  }
}

export function toModel(forecast: DomainForecast): SupplyForecast {
  if (forecast.kind === 'none') {
    return {
      available: false,
      reason: forecast.reason,
      daysToEmpty: null,
      emptyAt: null,
      currentPercent: forecast.currentPercent,
      percentPerDay: null,
      pagesToEmpty: null,
      percentPer1000Pages: null,
      confidence: null,
      samples: forecast.samples,
      spanDays: null,
    };
  }
  return {
    available: true,
    reason: null,
    daysToEmpty: round(forecast.daysToEmpty, 1),
    emptyAt: forecast.emptyAt,
    currentPercent: round(forecast.currentPercent, 1),
    percentPerDay: round(forecast.percentPerDay, 3),
    pagesToEmpty: forecast.pagesToEmpty,
    percentPer1000Pages:
      forecast.percentPer1000Pages === null ? null : round(forecast.percentPer1000Pages, 3),
    confidence: ForecastConfidenceEnum[forecast.confidence],
    samples: forecast.samples,
    spanDays: round(forecast.spanDays, 2),
  };
}

function changeOf(stored: string | null): SupplyChangeEnum | null {
  return stored === 'SWAP' || stored === 'REFILL' ? SupplyChangeEnum[stored] : null;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
