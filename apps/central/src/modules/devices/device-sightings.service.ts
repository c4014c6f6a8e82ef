import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import {
  counterDisagreements,
  DUPLICATE_SERIAL_REASON,
  planDeviceMatches,
  type CounterDisagreement,
  type IncomingIdentity,
  type MatchPlan,
} from '@printbeat/domain';
import type { DevicePayload, Reading } from '@printbeat/payload';
import { DEVICE_IDENTITY_FIELDS } from './device-identity.js';
import {
  DeviceSightingsRepository,
  type DeviceWrite,
  type StoredDevice,
} from './device-sightings.repository.js';

/** An agent's upload as the devices module sees it. */
export type SightingUpload = {
  tenantId: string;
  customerId: string;
  siteId: string;
  agentId: string;
  uploadId: string;
  devices: readonly DevicePayload[];
  /** Readings too old to be a device's latest state: stored, but never status or last seen. */
  history: ReadonlySet<Reading>;
  /** Two sources of one meter further apart than this percent flag the device for review. */
  counterSourceTolerancePercent: number;
};

/** One device of the upload: every payload entry that turned out to be it, readings merged oldest first. */
export type SightedDevice = {
  id: string;
  isNew: boolean;
  /** statusAt before this upload: alerts only follow a newer reading. */
  statusAtBefore: Date | null;
  readings: Reading[];
  /** The newest reading that is not history: the one status, last seen and alerts follow. */
  latest: Reading | null;
};

/** What the caller of `sight` recorded: each device's newest meter read, and its own result. */
export type RecordedReadings<T> = { newestRead: ReadonlyMap<string, Date>; value: T };

/** The upload's devices and the rows `recordSightings` writes for them. */
export type DeviceSightings = {
  scope: { tenantId: string; customerId: string };
  devices: SightedDevice[];
  rows: Map<string, PendingRow>;
};

type PendingRow = {
  row: DeviceWrite;
  /** An identity, placement or review column differs from the stored row. */
  identityChanged: boolean;
};

const TRACKED_FIELDS = ['ipAddress', 'macAddress', 'hostname', 'firmware', 'serialNumber'] as const;
const IDENTITY_FIELDS = [...DEVICE_IDENTITY_FIELDS, 'sysObjectId'] as const;
/** The device columns `updateDeviceIdentities` writes. */
const WRITTEN_IDENTITY_COLUMNS = [
  'siteId',
  'agentId',
  ...IDENTITY_FIELDS,
  'noIdentity',
  'needsReview',
  'reviewReason',
] as const;

/**
 * The devices an agent reports: which stored device each one is (the domain's
 * `planDeviceMatches` against the candidates of one query), the devices to create, identity
 * changes, and after the readings are recorded one write per device row (status, identity,
 * last seen and last meter read together).
 */
@Injectable()
export class DeviceSightingsService {
  constructor(
    @Inject(DeviceSightingsRepository) private readonly repository: DeviceSightingsRepository,
  ) {}

  /**
   * One upload's devices, each row written once: matched under the customer's device lock (the
   * new ones created first, since their readings refer to them), then `record` stores what they
   * reported and answers each device's newest meter read, then every row gets its status, last
   * seen and newest read together.
   */
  async sight<T>(
    tx: Prisma.TransactionClient,
    upload: SightingUpload,
    record: (devices: readonly SightedDevice[]) => Promise<RecordedReadings<T>>,
  ): Promise<{ devices: SightedDevice[]; recorded: T }> {
    const sightings = await this.identify(tx, upload);
    const { newestRead, value } = await record(sightings.devices);
    await this.recordSightings(tx, sightings, newestRead);
    return { devices: sightings.devices, recorded: value };
  }

  /**
   * The devices behind printers the agent reports as not answering (by the address it polls
   * them at), each with the time it stopped; a device with a newer reading is left out.
   */
  async unreachable(
    tx: Prisma.TransactionClient,
    upload: { customerId: string; agentId: string },
    printers: readonly { address: string; since: Date }[],
  ): Promise<{ deviceId: string; since: Date }[]> {
    const since = new Map(printers.map((printer) => [printer.address, printer.since]));
    const rows = await this.repository.atAddresses(tx, {
      customerId: upload.customerId,
      agentId: upload.agentId,
      addresses: [...since.keys()],
    });
    return rows.flatMap((row) => {
      const at = since.get(row.ipAddress);
      if (!at || (row.statusAt && row.statusAt.getTime() > at.getTime())) return [];
      return [{ deviceId: row.id, since: at }];
    });
  }

  /**
   * Matches the upload's devices under the customer's device lock, creates the new ones (their
   * readings refer to them) and records identity changes; `recordSightings` writes the rest.
   */
  private async identify(
    tx: Prisma.TransactionClient,
    upload: SightingUpload,
  ): Promise<DeviceSightings> {
    await this.repository.lock(tx, upload.customerId);
    const entries = upload.devices;
    const identities: IncomingIdentity[] = entries.map((device) => ({
      serial: device.identity.serial || null,
      manufacturer: device.identity.manufacturer || null,
      mac: device.identity.mac || null,
      ip: ipOf(device),
    }));
    const candidates = await this.repository.candidates(tx, {
      customerId: upload.customerId,
      agentId: upload.agentId,
      serials: unique(identities.map((identity) => identity.serial)),
      macs: unique(identities.map((identity) => identity.mac)),
      flaggedAddresses: unique(
        identities
          .filter((identity) => !identity.serial && !identity.mac)
          .map((identity) => identity.ip),
      ),
    });
    const plan = planDeviceMatches(identities, candidates, upload.agentId);
    const byId = new Map<string, StoredDevice>(candidates.map((device) => [device.id, device]));

    // Entries of one device (listed twice, or a stored device seen under two addresses) act together.
    const entriesOf = new Map<string, DevicePayload[]>();
    plan.matches.forEach((match, index) => {
      const key = match.kind === 'existing' ? match.id : `new:${match.slot}`;
      const list = entriesOf.get(key);
      if (list) list.push(entries[index]!);
      else entriesOf.set(key, [entries[index]!]);
    });

    const scope = { tenantId: upload.tenantId, customerId: upload.customerId };
    const sightings: DeviceSightings = { scope, devices: [], rows: new Map() };
    const created: DeviceWrite[] = [];
    const changes: Prisma.DeviceIdentityChangeCreateManyInput[] = [];
    for (const [key, group] of entriesOf) {
      const target = key.startsWith('new:')
        ? { slot: Number(key.slice(4)) }
        : { existing: byId.get(key)! };
      const sighted = sight(upload, plan, group, target, changes);
      sightings.devices.push(sighted.device);
      sightings.rows.set(sighted.device.id, sighted.pending);
      if (sighted.device.isNew) created.push(sighted.pending.row);
    }
    await this.repository.insertDevices(tx, scope, created);
    await this.repository.recordIdentityChanges(tx, changes);
    return sightings;
  }

  /**
   * After the readings: one update per device row with its status, last seen and newest meter
   * read (`newestRead`, never backwards), identity columns only where they changed. A device
   * created by this upload is written again only when a meter read was stored for it.
   */
  private async recordSightings(
    tx: Prisma.TransactionClient,
    sightings: DeviceSightings,
    newestRead: ReadonlyMap<string, Date>,
  ): Promise<void> {
    const updated: PendingRow[] = [];
    for (const device of sightings.devices) {
      const pending = sightings.rows.get(device.id)!;
      pending.row.lastMeterReadAt = newestRead.get(device.id) ?? null;
      if (!device.isNew || pending.row.lastMeterReadAt !== null) updated.push(pending);
    }
    await this.repository.updateDeviceReadings(
      tx,
      sightings.scope,
      updated.map((pending) => pending.row),
    );
    await this.repository.updateDeviceIdentities(
      tx,
      sightings.scope,
      updated.filter((pending) => pending.identityChanged).map((pending) => pending.row),
    );
  }
}

/**
 * One device of the upload from its entries: the identity of the entry with the newest current
 * reading (the last entry when none has one), its status, and for a stored device what changed.
 * A stored device reported with history readings only keeps its row as it was; a new one is
 * seen now, without a status.
 */
function sight(
  upload: SightingUpload,
  plan: MatchPlan,
  entries: readonly DevicePayload[],
  target: { existing: StoredDevice } | { slot: number },
  changes: Prisma.DeviceIdentityChangeCreateManyInput[],
): { device: SightedDevice; pending: PendingRow } {
  const readings = entries
    .flatMap((entry) => entry.readings)
    .sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  const newest = readings.filter((reading) => !upload.history.has(reading)).at(-1);
  const historyOnly = readings.length > 0 && !newest;
  const source =
    (newest && entries.find((entry) => entry.readings.includes(newest))) || entries.at(-1)!;
  const seenAt = newest ? new Date(newest.takenAt) : new Date();
  const known = knownFields(source);
  const status = newest
    ? {
        printerStatus: newest.status.printer,
        detectedErrors: [...newest.status.errors],
        consoleDisplay: newest.console,
        counterReview: counterReviewOf(newest, upload.counterSourceTolerancePercent),
        statusAt: seenAt,
      }
    : null;

  if ('slot' in target) {
    const review = plan.reviewNew.has(target.slot);
    const row: DeviceWrite = {
      id: randomUUID(),
      siteId: upload.siteId,
      agentId: upload.agentId,
      ...nullFields(),
      ...known,
      noIdentity: !known.serialNumber && !known.macAddress,
      needsReview: review,
      reviewReason: review ? DUPLICATE_SERIAL_REASON : null,
      printerStatus: status?.printerStatus ?? null,
      detectedErrors: status?.detectedErrors ?? [],
      consoleDisplay: status?.consoleDisplay ?? null,
      counterReview: status?.counterReview ?? null,
      statusAt: status?.statusAt ?? null,
      firstSeenAt: seenAt,
      lastSeenAt: seenAt,
      lastMeterReadAt: null,
    };
    return {
      device: { id: row.id, isNew: true, statusAtBefore: null, readings, latest: newest ?? null },
      pending: { row, identityChanged: false },
    };
  }

  const { existing } = target;
  // Older spooled readings arriving late must not roll identity or status back.
  const isNewer =
    !historyOnly && (!existing.statusAt || seenAt.getTime() >= existing.statusAt.getTime());
  if (isNewer) {
    for (const field of TRACKED_FIELDS) {
      const next = known[field];
      if (next !== undefined && next !== existing[field]) {
        changes.push({
          tenantId: upload.tenantId,
          customerId: upload.customerId,
          deviceId: existing.id,
          field,
          oldValue: existing[field],
          newValue: next,
          changedAt: seenAt,
          uploadId: upload.uploadId,
        });
      }
    }
  }
  const review = plan.reviewExisting.has(existing.id);
  const row: DeviceWrite = {
    ...existing,
    ...(isNewer
      ? { ...known, ...(status ?? {}), agentId: upload.agentId, siteId: upload.siteId }
      : {}),
    ...(review ? { needsReview: true, reviewReason: DUPLICATE_SERIAL_REASON } : {}),
    lastSeenAt:
      !historyOnly && seenAt.getTime() > existing.lastSeenAt.getTime()
        ? seenAt
        : existing.lastSeenAt,
  };
  return {
    device: {
      id: existing.id,
      isNew: false,
      statusAtBefore: existing.statusAt,
      readings,
      latest: newest ?? null,
    },
    pending: {
      row,
      identityChanged: WRITTEN_IDENTITY_COLUMNS.some((column) => row[column] !== existing[column]),
    },
  };
}

/** The meters whose two sources disagree on this reading; null when none does. */
function counterReviewOf(reading: Reading, tolerancePercent: number): CounterDisagreement[] | null {
  const found = counterDisagreements(reading.counters, tolerancePercent);
  return found.length === 0 ? null : found;
}

type IdentityFields = Pick<DeviceWrite, (typeof IDENTITY_FIELDS)[number]>;

/** The identity fields the device reported (null and empty values never overwrite). */
function knownFields(payload: DevicePayload): Partial<IdentityFields> {
  const identity = payload.identity;
  const fields: IdentityFields = {
    manufacturer: identity.manufacturer,
    model: identity.model,
    serialNumber: identity.serial,
    macAddress: identity.mac,
    ipAddress: ipOf(payload),
    hostname: identity.hostname,
    firmware: identity.firmware,
    location: identity.location,
    assetTag: identity.assetTag,
    sysObjectId: identity.sysObjectId,
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== ''),
  );
}

function nullFields(): IdentityFields {
  return Object.fromEntries(
    IDENTITY_FIELDS.map((field) => [field, null]),
  ) as unknown as IdentityFields;
}

function ipOf(payload: DevicePayload): string | null {
  return payload.identity.ip || (isIP(payload.address) !== 0 ? payload.address : null);
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}
