import { Injectable } from '@nestjs/common';
import type {
  Contract as ContractRow,
  ContractDevice as ContractDeviceRow,
  Prisma,
} from '@prisma/client';
import { afterCreatedAt, createdAtOrder } from '../../platform/graphql/pagination.js';
import { lockCustomerDevices } from '../devices/customer-device-lock.js';
import type { ContractStatusName } from './contract.model.js';

type Tx = Prisma.TransactionClient;

export type MembershipWithDevice = ContractDeviceRow & {
  device: {
    serialNumber: string | null;
    manufacturer: string | null;
    model: string | null;
    displayName: string | null;
  };
};

export type AttachableDevice = {
  id: string;
  customerId: string;
  mergedIntoId: string | null;
  retiredAt: Date | null;
};

export type LatestRead = { deviceId: string; readAt: Date; counters: Record<string, unknown> };

const DEVICE_LABEL = {
  select: { serialNumber: true, manufacturer: true, model: true, displayName: true },
} as const;

/** Contract rows and memberships on the caller's tenant transaction (row-level security). */
@Injectable()
export class ContractsRepository {
  findById(tx: Tx, id: string): Promise<ContractRow | null> {
    return tx.contract.findFirst({ where: { id } });
  }

  /** The row, locked against a concurrent change of the same contract. */
  async lock(tx: Tx, id: string): Promise<ContractRow | null> {
    await tx.$queryRaw`SELECT id FROM contracts WHERE id = ${id}::uuid FOR UPDATE`;
    return this.findById(tx, id);
  }

  list(
    tx: Tx,
    filter: { customerId?: string | null; status?: ContractStatusName | null },
    page: { take: number; after: Record<string, string> | null },
  ): Promise<ContractRow[]> {
    return tx.contract.findMany({
      where: {
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
        ...(filter.status === 'ACTIVE' ? { endedAt: null } : {}),
        ...(filter.status === 'ENDED' ? { endedAt: { not: null } } : {}),
        ...afterCreatedAt(page.after),
      },
      orderBy: createdAtOrder,
      take: page.take,
    });
  }

  customerExists(tx: Tx, customerId: string): Promise<boolean> {
    return tx.customer.count({ where: { id: customerId } }).then((count) => count > 0);
  }

  referenceTaken(tx: Tx, reference: string, exceptId?: string): Promise<boolean> {
    return tx.contract
      .count({ where: { reference, ...(exceptId ? { id: { not: exceptId } } : {}) } })
      .then((count) => count > 0);
  }

  create(tx: Tx, data: Prisma.ContractUncheckedCreateInput): Promise<ContractRow> {
    return tx.contract.create({ data });
  }

  async update(tx: Tx, id: string, data: Prisma.ContractUncheckedUpdateManyInput): Promise<void> {
    await tx.contract.updateMany({ where: { id }, data });
  }

  /**
   * The devices of `customerId`'s contract, locked against a concurrent retirement or
   * attachment: after the customer's device lock (the order uploads and device
   * administration take them in, so no deadlock), then the rows.
   */
  async lockDevices(
    tx: Tx,
    customerId: string,
    ids: readonly string[],
  ): Promise<AttachableDevice[]> {
    await lockCustomerDevices(tx, customerId);
    return tx.$queryRaw<AttachableDevice[]>`
      SELECT d.id, d.customer_id AS "customerId", d.merged_into_id AS "mergedIntoId",
             d.retired_at AS "retiredAt"
      FROM devices d
      WHERE d.id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
      ORDER BY d.id
      FOR UPDATE`;
  }

  /** The open memberships of these devices, with their contract's reference. */
  openOfDevices(
    tx: Tx,
    deviceIds: readonly string[],
  ): Promise<(ContractDeviceRow & { contract: ContractRow })[]> {
    return tx.contractDevice.findMany({
      where: { openKey: { in: [...deviceIds] } },
      include: { contract: true },
    });
  }

  openOfDevicesWithLabel(
    tx: Tx,
    deviceIds: readonly string[],
  ): Promise<(MembershipWithDevice & { contract: ContractRow })[]> {
    return tx.contractDevice.findMany({
      where: { openKey: { in: [...deviceIds] } },
      include: { contract: true, device: DEVICE_LABEL },
    });
  }

  /**
   * Per device: its equipment ID and the contract it was under during [from, to) (the latest
   * membership overlapping the period), as billing needs them.
   */
  billingTerms(
    tx: Tx,
    deviceIds: readonly string[],
    period: { from: Date; to: Date },
  ): Promise<
    {
      deviceId: string;
      equipmentId: string | null;
      reference: string | null;
      billedMeters: string[] | null;
    }[]
  > {
    return tx.$queryRaw`
      SELECT d.id AS "deviceId", d.equipment_id AS "equipmentId", k.reference,
             k.billed_meters AS "billedMeters"
      FROM devices d
      LEFT JOIN LATERAL (
        SELECT c.reference, c.billed_meters FROM contract_devices m
        JOIN contracts c ON c.tenant_id = m.tenant_id AND c.id = m.contract_id
        WHERE m.device_id = d.id AND m.attached_at < ${period.to}
          AND (m.detached_at IS NULL OR m.detached_at > ${period.from})
        ORDER BY m.attached_at DESC
        LIMIT 1
      ) k ON true
      WHERE d.id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(deviceIds)}::jsonb))`;
  }

  /** Per device, its newest meter read at or before `at` (devices without one are left out). */
  latestReads(tx: Tx, deviceIds: readonly string[], at: Date): Promise<LatestRead[]> {
    return tx.$queryRaw<LatestRead[]>`
      SELECT d.id AS "deviceId", r.read_at AS "readAt", r.counters
      FROM jsonb_array_elements_text(${JSON.stringify(deviceIds)}::jsonb) AS d(id)
      CROSS JOIN LATERAL (
        SELECT m.read_at, m.counters FROM meter_reads m
        WHERE m.device_id = d.id::uuid AND m.read_at <= ${at}
        ORDER BY m.read_at DESC
        LIMIT 1
      ) r`;
  }

  async createMemberships(
    tx: Tx,
    rows: Prisma.ContractDeviceUncheckedCreateInput[],
  ): Promise<MembershipWithDevice[]> {
    const created: MembershipWithDevice[] = [];
    for (const data of rows)
      created.push(await tx.contractDevice.create({ data, include: { device: DEVICE_LABEL } }));
    return created;
  }

  async close(
    tx: Tx,
    id: string,
    data: { detachedAt: Date; detachedBy: string; endMeter: Prisma.InputJsonValue | undefined },
  ): Promise<MembershipWithDevice> {
    await tx.contractDevice.updateMany({ where: { id }, data: { ...data, openKey: null } });
    return tx.contractDevice.findFirstOrThrow({ where: { id }, include: { device: DEVICE_LABEL } });
  }

  openOfContract(tx: Tx, contractId: string): Promise<ContractDeviceRow[]> {
    return tx.contractDevice.findMany({ where: { contractId, detachedAt: null } });
  }

  /** The memberships of these contracts, oldest first; open ones only unless told. */
  ofContracts(
    tx: Tx,
    contractIds: readonly string[],
    includeDetached: boolean,
  ): Promise<MembershipWithDevice[]> {
    return tx.contractDevice.findMany({
      where: {
        contractId: { in: [...contractIds] },
        ...(includeDetached ? {} : { detachedAt: null }),
      },
      include: { device: DEVICE_LABEL },
      orderBy: [{ attachedAt: 'asc' }, { id: 'asc' }],
    });
  }
}
