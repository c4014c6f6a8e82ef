import { Inject, Injectable } from '@nestjs/common';
import { groupedBy, oneBy, type RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import type { Contract, ContractDevice } from './contract.model.js';
import { toContract, toContractDevice } from './contract-mapping.js';
import { ContractsRepository } from './contracts.repository.js';

export type OpenMembership = { contract: Contract; membership: ContractDevice };

/** `Contract.devices` and `Device.contract` for a page of rows: one statement each. */
@Injectable()
export class ContractDevicesLoader {
  constructor(
    @Inject(ContractsRepository) private readonly repository: ContractsRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  devicesOf(
    loaders: RequestLoaders,
    contractId: string,
    includeDetached: boolean,
  ): Promise<ContractDevice[]> {
    return loaders.load(this.devices, contractId, includeDetached);
  }

  openOf(loaders: RequestLoaders, deviceId: string): Promise<OpenMembership | null> {
    return loaders.load(this.open, deviceId, undefined);
  }

  private readonly devices = async (
    contractIds: readonly string[],
    includeDetached: boolean,
  ): Promise<ContractDevice[][]> => {
    const rows = await this.db.run((tx) =>
      this.repository.ofContracts(tx, contractIds, includeDetached),
    );
    return groupedBy(contractIds, rows.map(toContractDevice), (row) => row.contractId);
  };

  private readonly open = async (
    deviceIds: readonly string[],
  ): Promise<(OpenMembership | null)[]> => {
    const rows = await this.db.run((tx) => this.repository.openOfDevicesWithLabel(tx, deviceIds));
    return oneBy(
      deviceIds,
      rows.map((row) => ({
        contract: toContract(row.contract),
        membership: toContractDevice(row),
      })),
      (row) => row.membership.deviceId,
    );
  };
}
