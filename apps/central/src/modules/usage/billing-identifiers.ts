import { Inject, Injectable } from '@nestjs/common';
import { ContractsService } from '../contracts/contracts.service.js';

/**
 * The dealer's identifiers of a device for billing: its contract and equipment/service ID, and
 * the contract's billed meters (null: the export's defaults).
 */
export type BillingIdentity = {
  contractReference: string | null;
  equipmentId: string | null;
  billedMeters: string[] | null;
};

export const NO_BILLING_IDENTITY: BillingIdentity = {
  contractReference: null,
  equipmentId: null,
  billedMeters: null,
};

/**
 * The one place the billing export learns a device's contract reference, equipment ID and
 * billed meters: the contract the device was under during the period (contracts module) and
 * the equipment ID people set (device administration).
 */
@Injectable()
export class BillingIdentifiers {
  constructor(@Inject(ContractsService) private readonly contracts: ContractsService) {}

  of(
    deviceIds: readonly string[],
    period: { from: Date; to: Date },
  ): Promise<Map<string, BillingIdentity>> {
    return this.contracts.billingTermsOf(deviceIds, period);
  }
}
