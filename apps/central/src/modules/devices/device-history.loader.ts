import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError } from '../../platform/errors/domain.errors.js';
import { toConnection, toPage, type ConnectionShape } from '../../platform/graphql/pagination.js';
import { groupedBy, type RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { validated } from '../../platform/graphql/validated-args.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import type { DeviceIdentityChange, DeviceMeterRead } from './device.model.js';
import { IdentityChangesArgs, MeterReadsArgs } from './device.inputs.js';
import {
  DevicesRepository,
  type IdentityChangeOfDevice,
  type MeterReadOfDevice,
} from './devices.repository.js';

type ReadsRange = { from: Date | null; to: Date | null; before: Date | null; take: number };

/**
 * A device's meter reads and identity history for GraphQL, batched per request: a page of
 * devices asking for one of these fields with the same arguments costs one statement.
 */
@Injectable()
export class DeviceHistoryLoader {
  constructor(
    @Inject(DevicesRepository) private readonly repository: DevicesRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  /** Meter reads, newest first, optionally within [from, to]; the cursor is the last readAt. */
  async meterReads(
    loaders: RequestLoaders,
    deviceId: string,
    raw: MeterReadsArgs,
  ): Promise<ConnectionShape<DeviceMeterRead>> {
    const args = validated(MeterReadsArgs.schema, raw);
    const page = toPage(args, ['readAt']);
    const rows = await loaders.load(this.reads, deviceId, {
      from: args.from ?? null,
      to: args.to ?? null,
      before: readAtCursor(page.after),
      take: page.first + 1,
    });
    return toConnection(
      rows,
      page.first,
      (row) => ({ readAt: row.readAt.toISOString() }),
      toMeterRead,
    );
  }

  async latestMeterRead(
    loaders: RequestLoaders,
    deviceId: string,
  ): Promise<DeviceMeterRead | null> {
    const [row] = await loaders.load(this.reads, deviceId, {
      from: null,
      to: null,
      before: null,
      take: 1,
    });
    return row ? toMeterRead(row) : null;
  }

  async identityChanges(
    loaders: RequestLoaders,
    deviceId: string,
    raw: IdentityChangesArgs,
  ): Promise<DeviceIdentityChange[]> {
    const args = validated(IdentityChangesArgs.schema, raw);
    const rows = await loaders.load(this.changes, deviceId, args.first);
    return rows.map(({ deviceId: _deviceId, ...change }) => change);
  }

  private readonly reads = async (
    deviceIds: readonly string[],
    range: ReadsRange,
  ): Promise<MeterReadOfDevice[][]> => {
    const rows = await this.db.run((tx) =>
      this.repository.meterReadsOfDevices(tx, deviceIds, range),
    );
    return groupedBy(deviceIds, rows, (row) => row.deviceId);
  };

  private readonly changes = async (
    deviceIds: readonly string[],
    take: number,
  ): Promise<IdentityChangeOfDevice[][]> => {
    const rows = await this.db.run((tx) =>
      this.repository.identityChangesOfDevices(tx, deviceIds, take),
    );
    return groupedBy(deviceIds, rows, (row) => row.deviceId);
  };
}

function toMeterRead(row: MeterReadOfDevice): DeviceMeterRead {
  return {
    readAt: row.readAt,
    lastSeenAt: row.lastSeenAt,
    counters: row.counters,
    sources: row.sources ?? {},
  };
}

function readAtCursor(after: Record<string, string> | null): Date | null {
  if (!after) return null;
  const before = new Date(after['readAt'] ?? '');
  if (Number.isNaN(before.getTime()))
    throw new BadUserInputError('Invalid cursor', [
      { field: 'after', message: 'is not a cursor from this list' },
    ]);
  return before;
}
