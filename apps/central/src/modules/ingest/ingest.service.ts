import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import type { UploadPayload } from '@printbeat/payload';
import { withHashJoins } from '../../platform/prisma/hash-joins.js';
import { AlertsService, type AlertDevice, type DeviceCondition } from '../alerts/alerts.service.js';
import { CommandsService } from '../commands/commands.service.js';
import { DeviceSightingsService, type SightedDevice } from '../devices/device-sightings.service.js';
import { MetersService, type DeviceReadings } from '../meters/meters.service.js';
import { SupplyRecorderService, type DeviceSupplies } from '../supplies/supply-recorder.service.js';
import { toCounterJson } from './ingest.mapping.js';

export type IngestInput = {
  tenantId: string;
  customerId: string;
  siteId: string;
  agentId: string;
  /** The `uploads.id` row this payload arrived in (links meter reads and levels to it). */
  uploadId: string;
  payload: UploadPayload;
};

export type IngestOutcome = {
  devices: number;
  readings: number;
  meterReads: number;
  commandResults: number;
  /** The devices this upload touched (replenishment evaluates them after the commit). */
  deviceIds: string[];
};

/**
 * Normalises one accepted upload inside the caller's transaction, each step in the module that
 * owns its tables (see README.md): devices are identified, meter reads and supply readings
 * recorded, the device rows written once, alerts follow each device's newest reading, then
 * command results. Set-based throughout: a handful of statements whatever the upload's size.
 */
@Injectable()
export class IngestService {
  constructor(
    @Inject(DeviceSightingsService) private readonly devices: DeviceSightingsService,
    @Inject(MetersService) private readonly meters: MetersService,
    @Inject(SupplyRecorderService) private readonly supplies: SupplyRecorderService,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(CommandsService) private readonly commands: CommandsService,
  ) {}

  ingestUpload(tx: Prisma.TransactionClient, input: IngestInput): Promise<IngestOutcome> {
    return withHashJoins(tx, async () => {
      const sightings = await this.devices.identify(tx, {
        ...input,
        devices: input.payload.devices,
      });
      const sighted = sightings.devices;
      const meters = await this.meters.recordReadings(tx, meterReadings(input, sighted));
      await this.supplies.recordReadings(tx, input, supplyReadings(sighted));
      await this.devices.recordSightings(tx, sightings, meters.newestRead);
      await this.alerts.syncFromReadings(tx, conditions(input, sighted));
      return {
        devices: input.payload.devices.length,
        readings: input.payload.devices.reduce((sum, device) => sum + device.readings.length, 0),
        meterReads: meters.stored,
        commandResults: await this.applyCommandResults(tx, input),
        deviceIds: sighted.map((device) => device.id),
      };
    });
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

function meterReadings(input: IngestInput, sighted: readonly SightedDevice[]): DeviceReadings[] {
  return sighted.map((device) => ({
    device: { id: device.id, tenantId: input.tenantId, customerId: input.customerId },
    readings: device.readings.map((reading) => ({
      readAt: new Date(reading.takenAt),
      counters: toCounterJson(reading.counters),
      uploadId: input.uploadId,
    })),
  }));
}

function supplyReadings(sighted: readonly SightedDevice[]): DeviceSupplies[] {
  return sighted.map((device) => ({
    deviceId: device.id,
    isNew: device.isNew,
    readings: device.readings.map((reading) => ({
      readAt: new Date(reading.takenAt),
      supplies: reading.supplies,
    })),
  }));
}

/** Each device's newest reading, unless the device already showed a newer status. */
function conditions(
  input: IngestInput,
  sighted: readonly SightedDevice[],
): { device: AlertDevice; condition: DeviceCondition }[] {
  return sighted.flatMap((device) => {
    const newest = device.readings.at(-1);
    if (!newest || (device.statusAtBefore?.getTime() ?? -Infinity) > Date.parse(newest.takenAt))
      return [];
    return [
      {
        device: {
          id: device.id,
          tenantId: input.tenantId,
          customerId: input.customerId,
          agentId: input.agentId,
        },
        condition: {
          at: new Date(newest.takenAt),
          errors: newest.status.errors,
          alerts: newest.alerts,
        },
      },
    ];
  });
}
