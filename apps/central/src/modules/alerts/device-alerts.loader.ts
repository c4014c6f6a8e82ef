import { Inject, Injectable } from '@nestjs/common';
import { groupedBy, type RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import type { Alert } from './alert.model.js';
import { AlertsRepository } from './alerts.repository.js';
import { toAlert } from './alerts.service.js';

/** Open alerts of the devices of one request, in one statement. */
@Injectable()
export class DeviceAlertsLoader {
  constructor(
    @Inject(AlertsRepository) private readonly repository: AlertsRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  /** The device's open alerts, oldest first. */
  openOf(loaders: RequestLoaders, deviceId: string): Promise<Alert[]> {
    return loaders.load(this.open, deviceId, undefined);
  }

  private readonly open = async (deviceIds: readonly string[]): Promise<Alert[][]> => {
    const rows = await this.db.run((tx) => this.repository.openOfDeviceIds(tx, deviceIds));
    return groupedBy(deviceIds, rows.map(toAlert), (alert) => alert.deviceId ?? '');
  };
}
