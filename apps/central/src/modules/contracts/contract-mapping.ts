import type { Contract as ContractRow, Prisma } from '@prisma/client';
import type { Contract, ContractDevice, ContractMeter } from './contract.model.js';
import type { LatestRead, MembershipWithDevice } from './contracts.repository.js';

export function toContract(row: ContractRow): Contract {
  const allowances = (row.allowances ?? {}) as Record<string, number>;
  return {
    id: row.id,
    customerId: row.customerId,
    reference: row.reference,
    startDate: row.startDate,
    endDate: row.endDate,
    billingCycle: row.billingCycle,
    billedMeters: row.billedMeters,
    allowances: row.billedMeters
      .filter((meter) => typeof allowances[meter] === 'number')
      .map((meter) => ({ meter, pages: allowances[meter]! })),
    status: row.endedAt ? 'ENDED' : 'ACTIVE',
    endedAt: row.endedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toContractDevice(row: MembershipWithDevice): ContractDevice {
  return {
    id: row.id,
    contractId: row.contractId,
    deviceId: row.deviceId,
    attachedAt: row.attachedAt,
    startMeter: toMeter(row.startMeter),
    detachedAt: row.detachedAt,
    endMeter: toMeter(row.endMeter),
    serialNumber: row.device.serialNumber,
    manufacturer: row.device.manufacturer,
    model: row.device.model,
    displayName: row.device.displayName,
  };
}

/** The billed meters of a read, as stored on a membership; undefined (SQL NULL) without a read. */
export function meterAt(
  read: LatestRead | undefined,
  billedMeters: readonly string[],
): Prisma.InputJsonValue | undefined {
  if (!read) return undefined;
  const counters = Object.fromEntries(
    billedMeters
      .filter((meter) => typeof read.counters[meter] === 'number')
      .map((meter) => [meter, read.counters[meter] as number]),
  );
  return { readAt: new Date(read.readAt).toISOString(), counters };
}

function toMeter(value: Prisma.JsonValue): ContractMeter | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const meter = value as { readAt?: string; counters?: Record<string, number> };
  if (!meter.readAt) return null;
  return { readAt: new Date(meter.readAt), counters: meter.counters ?? {} };
}
