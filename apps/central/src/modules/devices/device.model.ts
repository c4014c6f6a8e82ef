import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../platform/graphql/pagination.js';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';
import { DeviceCapabilities } from './device-capabilities.model.js';
import type { DeviceStatusName } from './device-status.js';

export const DeviceStatus = {
  OK: 'OK',
  WARNING: 'WARNING',
  ERROR: 'ERROR',
  OFFLINE: 'OFFLINE',
  NOT_SEEN_RECENTLY: 'NOT_SEEN_RECENTLY',
} as const satisfies Record<DeviceStatusName, DeviceStatusName>;

registerEnumType(DeviceStatus, {
  name: 'DeviceStatus',
  description:
    'First match wins: NOT_SEEN_RECENTLY (not seen for the tenant deviceSilenceHours), OFFLINE (offline bit), ERROR (a bit that stops printing or an open CRITICAL alert), WARNING (a bit needing attention or an open WARNING alert), else OK.',
});

@ObjectType({
  description: 'One distinct set of counter values; lastSeenAt advances while they stay the same.',
})
export class DeviceMeterRead {
  @Field()
  readAt: Date;

  @Field()
  lastSeenAt: Date;

  @Field(() => JsonScalar, {
    description:
      'Counter name → value: canonical names (total, mono, color …) and vendor:… extras.',
  })
  counters: Record<string, number>;

  @Field(() => JsonScalar, {
    description:
      "Canonical meter → the source it came from, where the reading tells it: `vendor` (the vendor's private MIB; its `printerMib.lifeCount` is among the counters) …",
  })
  sources: Record<string, string>;
}

@ObjectType({
  description:
    'Two sources of one meter that disagree beyond COUNTER_SOURCE_TOLERANCE_PERCENT on the newest read: both values, for a person to decide which to bill.',
})
export class CounterDisagreement {
  @Field({ description: 'The canonical meter (total …).' })
  meter: string;

  @Field(() => Float, { description: 'The value stored as the meter (what usage bills).' })
  value: number;

  @Field(() => String, { nullable: true, description: 'Its source (vendor …), when known.' })
  source: string | null;

  @Field({ description: 'The other source, e.g. printerMib.lifeCount (RFC 3805).' })
  alternativeSource: string;

  @Field(() => Float)
  alternativeValue: number;

  @Field(() => Float, { description: 'The difference as a percent of the larger value.' })
  differencePercent: number;
}

@ObjectType()
export class DeviceMeterReadConnection extends Connection(DeviceMeterRead) {}

@ObjectType({
  description:
    'A change of an identifying attribute (IP, MAC, host name, firmware, serial …) seen in an upload.',
})
export class DeviceIdentityChange {
  @Field(() => ID)
  id: string;

  @Field({ description: 'ipAddress, macAddress, hostname, firmware, serialNumber …' })
  field: string;

  @Field(() => String, { nullable: true })
  oldValue: string | null;

  @Field(() => String, { nullable: true })
  newValue: string | null;

  @Field()
  changedAt: Date;
}

@ObjectType({ description: 'How many devices in scope have this manufacturer and model.' })
export class DeviceModelFacet {
  @Field(() => String, { nullable: true })
  manufacturer: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Distinct values in scope, to fill the fleet filters.' })
export class DeviceFacets {
  @Field(() => [String], { description: 'Distinct manufacturers, case-insensitively, sorted.' })
  manufacturers: string[];

  @Field(() => [DeviceModelFacet], { description: 'Distinct (manufacturer, model) pairs, sorted.' })
  models: DeviceModelFacet[];
}

export const DeviceRetiredFilter = { HIDE: 'HIDE', SHOW: 'SHOW', ONLY: 'ONLY' } as const;
export type DeviceRetiredFilterName = keyof typeof DeviceRetiredFilter;

registerEnumType(DeviceRetiredFilter, {
  name: 'DeviceRetiredFilter',
  description: 'Retired devices in a list: HIDE (the default), SHOW with the others, or ONLY them.',
});

@ObjectType({ description: 'The meter a device ended with: its newest meter read when retired.' })
export class DeviceEndMeter {
  @Field({ description: 'When that meter read was taken.' })
  readAt: Date;

  @Field(() => JsonScalar, { description: 'Counter name → value, as in DeviceMeterRead.' })
  counters: Record<string, number>;
}

@ObjectType({ description: 'A printer or MFP found by an agent.' })
export class Device {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => ID, { nullable: true })
  siteId: string | null;

  @Field(() => ID, { nullable: true })
  agentId: string | null;

  @Field(() => String, { nullable: true })
  manufacturer: string | null;

  @Field(() => String, { nullable: true })
  model: string | null;

  @Field(() => String, { nullable: true })
  serialNumber: string | null;

  @Field(() => String, { nullable: true })
  macAddress: string | null;

  @Field(() => String, { nullable: true })
  ipAddress: string | null;

  @Field(() => String, { nullable: true })
  hostname: string | null;

  @Field(() => String, { nullable: true })
  firmware: string | null;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The dealer's name for it (updateDevice); the portal shows it instead of the model.",
  })
  displayName: string | null;

  @Field(() => String, { nullable: true, description: "The dealer's equipment or service ID." })
  equipmentId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Asset tag: as the device reports it until a person sets one (updateDevice).',
  })
  assetTag: string | null;

  @Field(() => String, { nullable: true })
  notes: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Set while retired: readings are still stored, but it opens no alerts, gets no supply orders and is hidden from the fleet by default.',
  })
  retiredAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who retired it (user:<id>, apiKey:<id>).' })
  retiredBy: string | null;

  @Field(() => DeviceEndMeter, {
    nullable: true,
    description: 'Its newest meter read when retired; null when it had none.',
  })
  endMeter: DeviceEndMeter | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Set while monitoring is paused: readings are stored, no alerts or supply orders.',
  })
  monitoringPausedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who paused monitoring.' })
  monitoringPausedBy: string | null;

  @Field(() => String, { nullable: true })
  printerStatus: string | null;

  @Field(() => [String])
  detectedErrors: string[];

  @Field(() => DeviceStatus)
  status: DeviceStatusName;

  @Field(() => String, { nullable: true })
  consoleDisplay: string | null;

  @Field(() => Date, { nullable: true })
  statusAt: Date | null;

  @Field({ description: 'Neither serial nor MAC known: cannot be matched reliably.' })
  noIdentity: boolean;

  @Field(() => [CounterDisagreement], {
    nullable: true,
    description:
      'Review flag: meters whose two sources disagree on the newest read, with both values; null when they agree.',
  })
  counterReview: CounterDisagreement[] | null;

  @Field({
    description:
      'Flagged for a person: e.g. two devices claiming one serial (merge them or dismiss).',
  })
  needsReview: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why it needs review, e.g. DUPLICATE_SERIAL.',
  })
  reviewReason: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Set once merged into another device: hidden from lists, its history moved there.',
  })
  mergedIntoId: string | null;

  @Field()
  firstSeenAt: Date;

  @Field()
  lastSeenAt: Date;

  @Field(() => Date, { nullable: true })
  lastMeterReadAt: Date | null;

  @Field(() => DeviceCapabilities, {
    description: 'What its agent learned it can do, and which device actions that leaves on offer.',
  })
  capabilities: DeviceCapabilities;
}

@ObjectType()
export class DeviceConnection extends Connection(Device) {
  @Field(() => Int, { description: 'How many devices match the filters, over all pages.' })
  totalCount: number;
}
