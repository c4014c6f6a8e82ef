import { Injectable } from '@nestjs/common';
import type { BillingExportFile as FileRow, Prisma } from '@prisma/client';
import type { BillingExportFile, BillingExportSchedule } from './billing-exports.model.js';

export const DEFAULT_SCHEDULE: BillingExportSchedule = {
  enabled: false,
  dayOfMonth: 1,
  recipientEmails: [],
  bom: false,
};

const LISTED = {
  id: true,
  periodFrom: true,
  periodTo: true,
  schedulePeriod: true,
  fileName: true,
  byteSize: true,
  rowCount: true,
  deviceCount: true,
  mailedAt: true,
  createdAt: true,
} as const;

export type NewExportFile = {
  tenantId: string;
  periodFrom: Date;
  periodTo: Date;
  schedulePeriod: Date | null;
  fileName: string;
  content: Buffer;
  rowCount: number;
  deviceCount: number;
  createdBy: string;
};

@Injectable()
export class BillingExportsRepository {
  async schedule(tx: Prisma.TransactionClient, tenantId: string): Promise<BillingExportSchedule> {
    const row = await tx.billingExportSchedule.findUnique({ where: { tenantId } });
    return row
      ? {
          enabled: row.enabled,
          dayOfMonth: row.dayOfMonth,
          recipientEmails: row.recipientEmails,
          bom: row.bom,
        }
      : DEFAULT_SCHEDULE;
  }

  async saveSchedule(
    tx: Prisma.TransactionClient,
    tenantId: string,
    schedule: BillingExportSchedule,
  ): Promise<void> {
    await tx.billingExportSchedule.upsert({
      where: { tenantId },
      create: { tenantId, ...schedule },
      update: schedule,
    });
  }

  async scheduledFile(
    tx: Prisma.TransactionClient,
    tenantId: string,
    month: Date,
  ): Promise<FileRow | null> {
    return tx.billingExportFile.findUnique({
      where: { tenantId_schedulePeriod: { tenantId, schedulePeriod: month } },
    });
  }

  async create(tx: Prisma.TransactionClient, file: NewExportFile): Promise<BillingExportFile> {
    const row = await tx.billingExportFile.create({
      data: { ...file, content: new Uint8Array(file.content), byteSize: file.content.length },
      select: LISTED,
    });
    return toFile(row);
  }

  async markMailed(tx: Prisma.TransactionClient, tenantId: string, id: string, at: Date) {
    await tx.billingExportFile.update({
      where: { tenantId_id: { tenantId, id } },
      data: { mailedAt: at },
    });
  }

  async list(
    tx: Prisma.TransactionClient,
    tenantId: string,
    first: number,
  ): Promise<BillingExportFile[]> {
    const rows = await tx.billingExportFile.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: first,
      select: LISTED,
    });
    return rows.map(toFile);
  }

  async exists(tx: Prisma.TransactionClient, tenantId: string, id: string): Promise<boolean> {
    const row = await tx.billingExportFile.findUnique({
      where: { tenantId_id: { tenantId, id } },
      select: { id: true },
    });
    return row !== null;
  }

  async content(
    tx: Prisma.TransactionClient,
    tenantId: string,
    id: string,
  ): Promise<{ fileName: string; content: Uint8Array } | null> {
    return tx.billingExportFile.findUnique({
      where: { tenantId_id: { tenantId, id } },
      select: { fileName: true, content: true },
    });
  }
}

export function toFile(row: Pick<FileRow, keyof typeof LISTED>): BillingExportFile {
  return {
    id: row.id,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    scheduled: row.schedulePeriod !== null,
    fileName: row.fileName,
    byteSize: row.byteSize,
    rowCount: row.rowCount,
    deviceCount: row.deviceCount,
    mailedAt: row.mailedAt,
    createdAt: row.createdAt,
    downloadPath: `/api/v1/billing-exports/${row.id}/download`,
  };
}
