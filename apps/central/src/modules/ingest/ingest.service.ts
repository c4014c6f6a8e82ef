import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { classifyReadingTime, readingTimeBounds } from '@printbeat/domain';
import type { UploadPayload } from '@printbeat/payload';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { withHashJoins } from '../../platform/prisma/hash-joins.js';
import { AlertsService } from '../alerts/alerts.service.js';
import { CommandsService } from '../commands/commands.service.js';
import { DeviceSightingsService } from '../devices/device-sightings.service.js';
import { MetersService } from '../meters/meters.service.js';
import { SupplyRecorderService } from '../supplies/supply-recorder.service.js';
import { conditions, meterReadings, supplyReadings } from './ingest.mapping.js';
import { checkReadingTimes, newestRefused } from './reading-times.js';

export type IngestInput = {
  tenantId: string;
  customerId: string;
  siteId: string;
  agentId: string;
  /** The `uploads.id` row this payload arrived in (links meter reads and levels to it). */
  uploadId: string;
  /** Central's clock when the upload arrived: the readings' times are judged against it. */
  receivedAt: Date;
  payload: UploadPayload;
};

export type IngestOutcome = {
  /** `event` for an agent's event upload, `scheduled` for its collections. */
  kind: 'event' | 'scheduled';
  devices: number;
  readings: number;
  meterReads: number;
  commandResults: number;
  /** Readings older than the configured age: stored as history, never the device's latest. */
  historyReadings: number;
  /** Readings dated beyond the allowed clock skew in the future: not stored at all. */
  refusedFutureReadings: number;
  newestRefusedAt?: string;
  /** Printers the agent reported as not answering that got an UNREACHABLE alert now. */
  unreachableOpened: number;
  /** The devices this upload touched (replenishment evaluates them after the commit). */
  deviceIds: string[];
};

/**
 * Normalises one accepted upload inside the caller's transaction, each step in the module that
 * owns its tables (see README.md): devices are identified, meter reads and supply readings
 * recorded, the device rows written once, alerts follow each device's newest reading, then
 * command results. Set-based throughout: a handful of statements whatever the upload's size.
 * Agent clocks are checked here, once: readings dated in the future are dropped before any
 * step sees them, old ones are marked history for the steps that decide "latest".
 */
@Injectable()
export class IngestService {
  constructor(
    @Inject(DeviceSightingsService) private readonly devices: DeviceSightingsService,
    @Inject(MetersService) private readonly meters: MetersService,
    @Inject(SupplyRecorderService) private readonly supplies: SupplyRecorderService,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(CommandsService) private readonly commands: CommandsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  ingestUpload(tx: Prisma.TransactionClient, input: IngestInput): Promise<IngestOutcome> {
    return withHashJoins(tx, async () => {
      const bounds = readingTimeBounds(input.receivedAt, {
        maxFutureSeconds: this.config.agentClockMaxFutureSeconds,
        maxAgeDays: this.config.agentReadingMaxAgeDays,
      });
      const checked = checkReadingTimes(input.payload.devices, bounds);
      const { devices: sighted, recorded: meters } = await this.devices.sight(
        tx,
        {
          ...input,
          devices: checked.devices,
          history: checked.history,
          counterSourceTolerancePercent: this.config.counterSourceTolerancePercent,
        },
        async (devices) => {
          const meters = await this.meters.recordReadings(tx, meterReadings(input, devices), {
            counterSourceTolerancePercent: this.config.counterSourceTolerancePercent,
          });
          await this.supplies.recordReadings(tx, input, supplyReadings(devices));
          const newestRead = new Map(
            [...meters.newestRead].filter(
              ([, at]) => classifyReadingTime(at, bounds) === 'current',
            ),
          );
          return { newestRead, value: meters };
        },
      );
      await this.alerts.syncFromReadings(tx, conditions(input, sighted));
      const unreachable = await this.openUnreachable(
        tx,
        input,
        (at) => classifyReadingTime(at, bounds) === 'current',
      );
      return {
        kind: input.payload.kind ?? 'scheduled',
        devices: input.payload.devices.length,
        readings: input.payload.devices.reduce((sum, device) => sum + device.readings.length, 0),
        meterReads: meters.stored,
        commandResults: await this.applyCommandResults(tx, input),
        historyReadings: checked.history.size,
        refusedFutureReadings: checked.refused.length,
        ...newestRefused(checked.refused),
        unreachableOpened: unreachable,
        deviceIds: sighted.map((device) => device.id),
      };
    });
  }

  /** Printers reported as not answering (at a current time): UNREACHABLE on their devices. */
  private async openUnreachable(
    tx: Prisma.TransactionClient,
    input: IngestInput,
    isCurrent: (at: Date) => boolean,
  ): Promise<number> {
    const printers = (input.payload.unreachable ?? [])
      .map((printer) => ({ address: printer.address, since: new Date(printer.since) }))
      .filter((printer) => isCurrent(printer.since));
    if (printers.length === 0) return 0;
    const devices = await this.devices.unreachable(tx, input, printers);
    const opened = await this.alerts.openUnreachable(
      tx,
      devices.map(({ deviceId, since }) => ({
        device: {
          id: deviceId,
          tenantId: input.tenantId,
          customerId: input.customerId,
          agentId: input.agentId,
        },
        since,
      })),
    );
    return opened.length;
  }

  /** Results of commands the agent ran, reported with the upload; returns how many applied. */
  private async applyCommandResults(
    tx: Prisma.TransactionClient,
    input: IngestInput,
  ): Promise<number> {
    let applied = 0;
    for (const result of input.payload.commandResults ?? []) {
      const outcome = await this.commands.applyResult(tx, input.agentId, result.commandId, {
        status: result.status,
        message: result.message,
        finishedAt: result.finishedAt,
        result: { via: 'upload' },
      });
      if (outcome.outcome === 'applied') applied += 1;
    }
    return applied;
  }
}
