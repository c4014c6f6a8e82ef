import type { Device as DeviceRow, Prisma } from '@prisma/client';
import type { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext, type TenantContext } from '../../platform/tenancy/tenant-context.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import type { AuditRecord, AuditService } from '../audit/audit.service.js';
import type { ContractsService } from '../contracts/contracts.service.js';
import type { SupplyOrdersService } from '../replenishment/supply-orders.service.js';
import type { Device } from '../devices/device.model.js';
import type { DevicesService } from '../devices/devices.service.js';
import { DeviceAdministrationRepository } from './device-administration.repository.js';
import { DeviceAdministrationService } from './device-administration.service.js';

const DEVICE = '00000000-0000-4000-8000-000000000001';
const OWN_SITE = '00000000-0000-4000-8000-0000000000a1';
const OTHER_OWN_SITE = '00000000-0000-4000-8000-0000000000a2';
const FOREIGN_SITE = '00000000-0000-4000-8000-0000000000b1';

/** In-memory device row and sites: what row-level security would let the caller see. */
class FakeRepository extends DeviceAdministrationRepository {
  readonly writes: Prisma.DeviceUncheckedUpdateManyInput[] = [];
  constructor(
    public row: DeviceRow,
    private readonly latest: { readAt: Date; counters: Prisma.JsonValue } | null = null,
  ) {
    super();
  }
  override lock() {
    return Promise.resolve(this.row);
  }
  override siteById(_tx: Prisma.TransactionClient, id: string) {
    const sites = [
      { id: OWN_SITE, customerId: 'c-x', name: 'Ground' },
      { id: OTHER_OWN_SITE, customerId: 'c-x', name: 'Second' },
      { id: FOREIGN_SITE, customerId: 'c-y', name: 'Elsewhere' },
    ];
    return Promise.resolve(sites.find((site) => site.id === id) ?? null);
  }
  override latestMeterRead() {
    return Promise.resolve(this.latest);
  }
  override update(
    _tx: Prisma.TransactionClient,
    _id: string,
    data: Prisma.DeviceUncheckedUpdateManyInput,
  ) {
    this.writes.push(data);
    this.row = { ...this.row, ...(data as Partial<DeviceRow>) };
    return Promise.resolve();
  }
}

class FakeAudit {
  readonly records: AuditRecord[] = [];
  record(_tx: unknown, record: AuditRecord) {
    this.records.push(record);
    return Promise.resolve();
  }
}

class FakeAlerts {
  readonly closedFor: string[] = [];
  closeOpenOfDevice(_tx: unknown, deviceId: string) {
    this.closedFor.push(deviceId);
    return Promise.resolve([{ id: 'a-1' }, { id: 'a-2' }]);
  }
}

class FakeContracts {
  readonly ended: { deviceId: string; reason: string }[] = [];
  endMembershipOfDevice(_tx: unknown, deviceId: string, _now: Date, reason: string) {
    this.ended.push({ deviceId, reason });
    return Promise.resolve({ contractId: 'k-1' });
  }
}

class FakeOrders {
  readonly cancelled: { deviceId: string; reason: string }[] = [];
  cancelOpenOfDevice(_tx: unknown, device: { id: string }, _now: Date, reason: string) {
    this.cancelled.push({ deviceId: device.id, reason });
    return Promise.resolve(['o-1', 'o-2']);
  }
}

const fakeDb = {
  run: <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => fn({} as Prisma.TransactionClient),
} as unknown as TenantPrisma;

function row(overrides: Partial<DeviceRow> = {}): DeviceRow {
  return {
    id: DEVICE,
    tenantId: 't-1',
    customerId: 'c-x',
    siteId: OWN_SITE,
    assetTag: 'FROM-DEVICE',
    displayName: null,
    equipmentId: null,
    notes: null,
    manualFields: [],
    retiredAt: null,
    retiredBy: null,
    endMeter: null,
    monitoringPausedAt: null,
    monitoringPausedBy: null,
    mergedIntoId: null,
    ...overrides,
  } as DeviceRow;
}

function setup(device: DeviceRow, latest?: { readAt: Date; counters: Prisma.JsonValue }) {
  const repository = new FakeRepository(device, latest ?? null);
  const audit = new FakeAudit();
  const alerts = new FakeAlerts();
  const devices = { get: (id: string) => Promise.resolve({ id } as Device) };
  const contracts = new FakeContracts();
  const orders = new FakeOrders();
  const service = new DeviceAdministrationService(
    repository,
    fakeDb,
    audit as unknown as AuditService,
    alerts as unknown as AlertsService,
    devices as unknown as DevicesService,
    contracts as unknown as ContractsService,
    orders as unknown as SupplyOrdersService,
  );
  const context: TenantContext = {
    tenantId: 't-1',
    customerId: null,
    actor: { kind: 'user', userId: 'u-1', role: 'DEALER_TECHNICIAN' },
  };
  const as = <T>(fn: () => Promise<T>) => tenantContext.run(context, fn);
  return { repository, audit, alerts, contracts, orders, service, as };
}

describe('DeviceAdministrationService.update', () => {
  it('writes and audits only what changed, and pins the site and asset tag against uploads', async () => {
    const { repository, audit, service, as } = setup(row({ displayName: 'Old' }));
    await as(() =>
      service.update({
        id: DEVICE,
        displayName: 'Old',
        equipmentId: ' EQ-1 ',
        assetTag: 'INV-9',
        siteId: OTHER_OWN_SITE,
      }),
    );
    expect(repository.writes).toEqual([
      {
        equipmentId: 'EQ-1',
        assetTag: 'INV-9',
        siteId: OTHER_OWN_SITE,
        manualFields: ['siteId', 'assetTag'],
      },
    ]);
    expect(audit.records).toEqual([
      expect.objectContaining({
        action: 'device.update',
        targetId: DEVICE,
        customerId: 'c-x',
        details: {
          changes: {
            equipmentId: { before: null, after: 'EQ-1' },
            assetTag: { before: 'FROM-DEVICE', after: 'INV-9' },
            siteId: { before: OWN_SITE, after: OTHER_OWN_SITE },
          },
        },
      }),
    ]);
  });

  it('an empty string clears a field; nothing changed writes nothing and audits nothing', async () => {
    const { repository, audit, service, as } = setup(row({ notes: 'Old note' }));
    await as(() => service.update({ id: DEVICE, notes: '   ' }));
    expect(repository.writes).toEqual([{ notes: null }]);
    await as(() => service.update({ id: DEVICE, notes: '', siteId: OWN_SITE }));
    expect(repository.writes).toHaveLength(1);
    expect(audit.records).toHaveLength(1);
  });

  it('refuses a site of another customer and overlong text with sentences naming the limit', async () => {
    const { repository, service, as } = setup(row());
    await expect(as(() => service.update({ id: DEVICE, siteId: FOREIGN_SITE }))).rejects.toThrow(
      'A device can only be moved to a site of its own customer; this site belongs to another customer.',
    );
    await expect(
      as(() => service.update({ id: DEVICE, notes: 'n'.repeat(2001), assetTag: 't'.repeat(64) })),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Notes must be at most 2000 characters (it has 2001).',
      problems: [
        { field: 'notes', message: 'Notes must be at most 2000 characters (it has 2001).' },
      ],
    });
    expect(repository.writes).toEqual([]);
  });
});

describe('DeviceAdministrationService retirement and monitoring', () => {
  it('retires with the newest meter read as end meter, closes open alerts, refuses a second retirement', async () => {
    const readAt = new Date('2026-12-01T08:00:00Z');
    const now = new Date('2026-12-07T10:00:00Z');
    const { repository, audit, alerts, contracts, orders, service, as } = setup(row(), {
      readAt,
      counters: { total: 1234, mono: 1000 },
    });
    await as(() => service.retire(DEVICE, now));
    expect(repository.writes).toEqual([
      {
        retiredAt: now,
        retiredBy: 'user:u-1',
        endMeter: { readAt: readAt.toISOString(), counters: { total: 1234, mono: 1000 } },
      },
    ]);
    expect(alerts.closedFor).toEqual([DEVICE]);
    expect(contracts.ended).toEqual([{ deviceId: DEVICE, reason: 'device.retire' }]);
    expect(orders.cancelled).toEqual([{ deviceId: DEVICE, reason: 'device retired' }]);
    expect(audit.records[0]).toMatchObject({
      action: 'device.retire',
      details: {
        alertsClosed: 2,
        endMeter: { counters: { total: 1234 } },
        contractId: 'k-1',
        ordersCancelled: 2,
      },
    });
    await expect(as(() => service.retire(DEVICE, now))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('pausing twice or resuming an unpaused device changes nothing', async () => {
    const now = new Date('2026-12-07T10:00:00Z');
    const { repository, audit, service, as } = setup(row());
    await as(() => service.resumeMonitoring(DEVICE));
    await as(() => service.pauseMonitoring(DEVICE, now));
    await as(() => service.pauseMonitoring(DEVICE, now));
    expect(repository.writes).toEqual([
      { monitoringPausedAt: now, monitoringPausedBy: 'user:u-1' },
    ]);
    expect(audit.records.map((record) => record.action)).toEqual(['device.monitoring.pause']);
  });
});
