import { Injectable } from '@nestjs/common';

/** The dealer's identifiers of a device for billing: its contract and equipment/service ID. */
export type BillingIdentity = { contractReference: string | null; equipmentId: string | null };

/**
 * The one place the billing export learns a device's contract reference and equipment ID.
 * Devices without them (every device until contracts and device administration exist) get
 * nulls; the export leaves those columns empty.
 */
@Injectable()
export class BillingIdentifiers {
  of(deviceIds: readonly string[]): Promise<Map<string, BillingIdentity>> {
    return Promise.resolve(
      new Map(deviceIds.map((id) => [id, { contractReference: null, equipmentId: null }])),
    );
  }
}
