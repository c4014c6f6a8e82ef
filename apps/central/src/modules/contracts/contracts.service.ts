import { Inject, Injectable } from '@nestjs/common';
import type { Contract as ContractRow, Prisma } from '@prisma/client';
import type { z } from 'zod';
import { canReachCustomer } from '../../platform/auth/customer-scope.js';
import {
  CREATED_AT_CURSOR_KEYS,
  createdAtCursor,
  toConnection,
  toPage,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { describeActor } from '../../platform/auth/principal.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CustomerNotFoundError } from '../customers/customers.errors.js';
import { DeviceNotFoundError } from '../devices/devices.errors.js';
import {
  CREATE_CONTRACT_RULES,
  UPDATE_CONTRACT_RULES,
  type AttachDevicesToContractInput,
  type ContractsArgs,
  type CreateContractInput,
  type DetachDeviceFromContractInput,
  type UpdateContractInput,
} from './contract.inputs.js';
import type { Contract, ContractDevice } from './contract.model.js';
import { toContract, toContractDevice, meterAt } from './contract-mapping.js';
import {
  ContractEndedError,
  ContractInputError,
  ContractNotFoundError,
  ContractReferenceTakenError,
  DeviceNotUnderContractError,
  DeviceOfAnotherCustomerError,
  DeviceUnderAnotherContractError,
} from './contracts.errors.js';
import { ContractsRepository } from './contracts.repository.js';

/** Billed when a contract names no meters. */
export const DEFAULT_BILLED_METERS = ['total', 'mono', 'color'];

type Tx = Prisma.TransactionClient;

export type BillingTerms = {
  equipmentId: string | null;
  contractReference: string | null;
  /** The contract's billed meters; null when the device was under no contract. */
  billedMeters: string[] | null;
};
type Problem = { field: string; message: string };

/**
 * Contracts and the devices under them. Attaching records each device's start meters (its
 * newest read of the billed meters), detaching or ending its end meters; a device is under one
 * contract at a time. Every change is audited.
 */
@Injectable()
export class ContractsService {
  constructor(
    @Inject(ContractsRepository) private readonly repository: ContractsRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async get(id: string): Promise<Contract> {
    const row = await this.db.run((tx) => this.repository.findById(tx, id));
    if (!row) throw new ContractNotFoundError(id);
    return toContract(row);
  }

  async list(args: ContractsArgs): Promise<ConnectionShape<Contract>> {
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const rows = await this.db.run((tx) =>
      this.repository.list(
        tx,
        { customerId: args.customerId, status: args.status },
        { take: page.first + 1, after: page.after },
      ),
    );
    return toConnection(rows, page.first, createdAtCursor, toContract);
  }

  /**
   * What billing needs of each device for a period: its equipment ID and, when it was under a
   * contract then, the contract's reference and billed meters.
   */
  async billingTermsOf(
    deviceIds: readonly string[],
    period: { from: Date; to: Date },
  ): Promise<Map<string, BillingTerms>> {
    if (deviceIds.length === 0) return new Map();
    const rows = await this.db.run((tx) => this.repository.billingTerms(tx, deviceIds, period));
    return new Map(
      rows.map((row) => [
        row.deviceId,
        {
          equipmentId: row.equipmentId,
          contractReference: row.reference,
          billedMeters: row.billedMeters,
        },
      ]),
    );
  }

  async create(raw: CreateContractInput): Promise<Contract> {
    const input = parse(CREATE_CONTRACT_RULES, raw);
    const billedMeters = input.billedMeters ?? DEFAULT_BILLED_METERS;
    const allowances = input.allowances ?? [];
    checkTerms(input.startDate, input.endDate ?? null, billedMeters, allowances);
    if (!canReachCustomer(input.customerId)) throw new CustomerNotFoundError(input.customerId);
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      if (!(await this.repository.customerExists(tx, input.customerId)))
        throw new CustomerNotFoundError(input.customerId);
      if (await this.repository.referenceTaken(tx, input.reference))
        throw new ContractReferenceTakenError(input.reference);
      const row = await this.repository.create(tx, {
        tenantId,
        customerId: input.customerId,
        reference: input.reference,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        billingCycle: input.billingCycle ?? 'MONTHLY',
        billedMeters,
        allowances: allowanceObject(allowances),
      });
      await this.audit.record(tx, {
        action: 'contract.create',
        targetType: 'Contract',
        targetId: row.id,
        customerId: row.customerId,
        details: {
          reference: row.reference,
          billingCycle: row.billingCycle,
          billedMeters,
          allowances: allowanceObject(allowances),
        },
      });
      return toContract(row);
    });
  }

  async update(raw: UpdateContractInput): Promise<Contract> {
    const input = parse(UPDATE_CONTRACT_RULES, raw);
    return this.db.run(async (tx) => {
      const row = await this.editable(tx, input.id);
      const before = toContract(row);
      const next = {
        reference: input.reference ?? row.reference,
        startDate: input.startDate ?? row.startDate,
        endDate: input.endDate === undefined ? row.endDate : input.endDate,
        billingCycle: input.billingCycle ?? row.billingCycle,
        billedMeters: input.billedMeters ?? row.billedMeters,
        allowances:
          input.allowances ?? before.allowances.map(({ meter, pages }) => ({ meter, pages })),
      };
      checkTerms(next.startDate, next.endDate, next.billedMeters, next.allowances);
      if (
        next.reference !== row.reference &&
        (await this.repository.referenceTaken(tx, next.reference, row.id))
      )
        throw new ContractReferenceTakenError(next.reference);
      const changes = changedTerms(before, { ...next, allowances: next.allowances });
      if (Object.keys(changes).length === 0) return before;
      await this.repository.update(tx, row.id, {
        ...next,
        allowances: allowanceObject(next.allowances),
      });
      await this.audit.record(tx, {
        action: 'contract.update',
        targetType: 'Contract',
        targetId: row.id,
        customerId: row.customerId,
        details: { changes } as Prisma.InputJsonValue,
      });
      return toContract((await this.repository.findById(tx, row.id))!);
    });
  }

  /** Ends the contract now: every device under it leaves with its end meters. */
  async end(id: string, now = new Date()): Promise<Contract> {
    return this.db.run(async (tx) => {
      const row = await this.editable(tx, id);
      const open = await this.repository.openOfContract(tx, row.id);
      await this.repository.lockDevices(
        tx,
        row.customerId,
        open.map((membership) => membership.deviceId),
      );
      for (const membership of open)
        await this.closeMembership(tx, { ...membership, contract: row }, now, 'contract.end');
      const by = describeActor(tenantContext.get().actor);
      await this.repository.update(tx, row.id, { endedAt: now, endedBy: by });
      await this.audit.record(tx, {
        action: 'contract.end',
        targetType: 'Contract',
        targetId: row.id,
        customerId: row.customerId,
        details: { reference: row.reference, devicesDetached: open.length },
      });
      return toContract((await this.repository.findById(tx, row.id))!);
    });
  }

  async attach(input: AttachDevicesToContractInput, now = new Date()): Promise<ContractDevice[]> {
    const deviceIds = [...new Set(input.deviceIds)];
    return this.db.run(async (tx) => {
      const contract = await this.editable(tx, input.contractId);
      const devices = await this.repository.lockDevices(tx, contract.customerId, deviceIds);
      const found = new Map(devices.map((device) => [device.id, device]));
      const problems: Problem[] = [];
      for (const id of deviceIds) {
        const device = found.get(id);
        if (!device) throw new DeviceNotFoundError(id);
        if (device.customerId !== contract.customerId) throw new DeviceOfAnotherCustomerError(id);
        if (device.mergedIntoId)
          problems.push({
            field: 'deviceIds',
            message: `Device ${id} was merged into another one; attach that one instead.`,
          });
        if (device.retiredAt)
          problems.push({
            field: 'deviceIds',
            message: `Device ${id} is retired; reinstate it before putting it under contract.`,
          });
      }
      if (problems.length > 0) throw new ContractInputError(problems);
      const open = await this.repository.openOfDevices(tx, deviceIds);
      const elsewhere = open.find((membership) => membership.contractId !== contract.id);
      if (elsewhere)
        throw new DeviceUnderAnotherContractError(elsewhere.deviceId, elsewhere.contract.reference);
      const already = new Set(open.map((membership) => membership.deviceId));
      const joining = deviceIds.filter((id) => !already.has(id));
      const reads = new Map(
        (await this.repository.latestReads(tx, joining, now)).map((read) => [read.deviceId, read]),
      );
      const by = describeActor(tenantContext.get().actor);
      const created = await this.repository.createMemberships(
        tx,
        joining.map((deviceId) => ({
          tenantId: contract.tenantId,
          customerId: contract.customerId,
          contractId: contract.id,
          deviceId,
          attachedAt: now,
          attachedBy: by,
          startMeter: meterAt(reads.get(deviceId), contract.billedMeters),
          openKey: deviceId,
        })),
      );
      for (const membership of created)
        await this.audit.record(tx, {
          action: 'contract.device.attach',
          targetType: 'Contract',
          targetId: contract.id,
          customerId: contract.customerId,
          details: {
            reference: contract.reference,
            deviceId: membership.deviceId,
            startMeter: membership.startMeter ?? null,
          },
        });
      return created.map(toContractDevice);
    });
  }

  async detach(input: DetachDeviceFromContractInput, now = new Date()): Promise<ContractDevice> {
    return this.db.run(async (tx) => {
      const contract = await this.editable(tx, input.contractId);
      await this.repository.lockDevices(tx, contract.customerId, [input.deviceId]);
      const [open] = await this.repository.openOfDevices(tx, [input.deviceId]);
      if (!open || open.contractId !== contract.id)
        throw new DeviceNotUnderContractError(input.deviceId);
      return toContractDevice(await this.closeMembership(tx, open, now, 'contract.detach'));
    });
  }

  /**
   * The one rule for a device leaving its contract outside this module (retirement): its open
   * membership, if any, ends now with its end meters, audited with `reason`. Runs on the
   * caller's transaction, which holds the device's lock.
   */
  async endMembershipOfDevice(
    tx: Tx,
    deviceId: string,
    now: Date,
    reason: string,
  ): Promise<ContractDevice | null> {
    const [open] = await this.repository.openOfDevices(tx, [deviceId]);
    if (!open) return null;
    return toContractDevice(await this.closeMembership(tx, open, now, reason));
  }

  private async closeMembership(
    tx: Tx,
    membership: { id: string; deviceId: string; contract: ContractRow },
    now: Date,
    reason: string,
  ) {
    const [read] = await this.repository.latestReads(tx, [membership.deviceId], now);
    const endMeter = meterAt(read, membership.contract.billedMeters);
    const closed = await this.repository.close(tx, membership.id, {
      detachedAt: now,
      detachedBy: describeActor(tenantContext.get().actor),
      endMeter,
    });
    await this.audit.record(tx, {
      action: 'contract.device.detach',
      targetType: 'Contract',
      targetId: membership.contract.id,
      customerId: membership.contract.customerId,
      details: {
        reference: membership.contract.reference,
        deviceId: membership.deviceId,
        reason,
        endMeter: endMeter ?? null,
      },
    });
    return closed;
  }

  private async editable(tx: Tx, id: string): Promise<ContractRow> {
    const row = await this.repository.lock(tx, id);
    if (!row) throw new ContractNotFoundError(id);
    if (row.endedAt) throw new ContractEndedError(id, row.endedAt);
    return row;
  }
}

function parse<T>(rules: z.ZodType<T>, raw: unknown): T {
  const parsed = rules.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ContractInputError(
    parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  );
}

function checkTerms(
  startDate: Date,
  endDate: Date | null,
  billedMeters: readonly string[],
  allowances: readonly { meter: string; pages: number }[],
): void {
  const problems: Problem[] = [];
  if (endDate && endDate.getTime() < startDate.getTime())
    problems.push({ field: 'endDate', message: 'The end date must not be before the start date.' });
  const seen = new Set<string>();
  for (const [index, allowance] of allowances.entries()) {
    if (!billedMeters.includes(allowance.meter))
      problems.push({
        field: `allowances.${index}.meter`,
        message: `An allowance for "${allowance.meter}" needs that meter among the billed meters.`,
      });
    if (seen.has(allowance.meter))
      problems.push({
        field: `allowances.${index}.meter`,
        message: `"${allowance.meter}" has more than one allowance.`,
      });
    seen.add(allowance.meter);
  }
  if (problems.length > 0) throw new ContractInputError(problems);
}

function allowanceObject(
  list: readonly { meter: string; pages: number }[],
): Record<string, number> {
  return Object.fromEntries(list.map(({ meter, pages }) => [meter, pages]));
}

function changedTerms(
  before: Contract,
  after: Pick<
    Contract,
    'reference' | 'startDate' | 'endDate' | 'billingCycle' | 'billedMeters' | 'allowances'
  >,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of [
    'reference',
    'startDate',
    'endDate',
    'billingCycle',
    'billedMeters',
    'allowances',
  ] as const) {
    const a = JSON.stringify(before[field]);
    const b = JSON.stringify(after[field]);
    if (a !== b) changes[field] = { before: before[field], after: after[field] };
  }
  return changes;
}
