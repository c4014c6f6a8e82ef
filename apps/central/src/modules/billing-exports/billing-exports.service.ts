import { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { describeActor } from '../../platform/auth/principal.js';
import { NotFoundError } from '../../platform/errors/domain.errors.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { Mailer } from '../../platform/mail/mailer.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import { BillingExportService } from '../usage/billing-export.service.js';
import { SignedLinkTokens } from '../usage/meter-export-token.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import { exportFileName, previousMonth } from './billing-month.js';
import type { BillingExportFile, BillingExportSchedule } from './billing-exports.model.js';
import { BillingExportsRepository, toFile } from './billing-exports.repository.js';

export type Period = { from: Date; to: Date };

/** What a signed link to a kept file grants: that one file, as its creator could see it. */
export type FileLinkGrant = { tenantId: string; fileId: string; actor: string; expiresAt: number };

export const FILE_LINK_TOKENS = Symbol('FILE_LINK_TOKENS');
const LINK_TTL_SECONDS = 15 * 60;

/** Produces, keeps and delivers billing export files (the CSV of usage's billing export). */
@Injectable()
export class BillingExportsService {
  constructor(
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(BillingExportsRepository) private readonly repository: BillingExportsRepository,
    @Inject(BillingExportService) private readonly billing: BillingExportService,
    @Inject(WebhooksService) private readonly webhooks: WebhooksService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(FILE_LINK_TOKENS) private readonly links: SignedLinkTokens<FileLinkGrant>,
  ) {}

  schedule(): Promise<BillingExportSchedule> {
    const { tenantId } = tenantContext.get();
    return this.db.run((tx) => this.repository.schedule(tx, tenantId));
  }

  updateSchedule(changes: Partial<BillingExportSchedule>): Promise<BillingExportSchedule> {
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      const schedule = { ...(await this.repository.schedule(tx, tenantId)), ...changes };
      await this.repository.saveSchedule(tx, tenantId, schedule);
      await this.audit.record(tx, {
        action: 'billing_export.schedule',
        targetType: 'tenant',
        targetId: tenantId,
        details: { ...schedule },
      });
      return schedule;
    });
  }

  files(first: number): Promise<BillingExportFile[]> {
    const { tenantId } = tenantContext.get();
    return this.db.run((tx) => this.repository.list(tx, tenantId, first));
  }

  /** The stored CSV; NOT_FOUND for another tenant's or an unknown id. */
  async content(id: string): Promise<{ fileName: string; content: Buffer }> {
    const { tenantId } = tenantContext.get();
    const file = await this.db.run(async (tx) => {
      const found = await this.repository.content(tx, tenantId, id);
      if (found)
        await this.audit.record(tx, {
          action: 'billing_export.download',
          targetType: 'BillingExportFile',
          targetId: id,
        });
      return found;
    });
    if (!file) throw new NotFoundError('BillingExportFile', id);
    return { fileName: file.fileName, content: Buffer.from(file.content) };
  }

  /** A 15-minute link to a kept file (for browsers, which cannot send the bearer token). */
  async createLink(
    id: string,
    baseUrl: string,
    now = new Date(),
  ): Promise<{ url: string; expiresAt: Date }> {
    const { tenantId, actor } = tenantContext.get();
    const exists = await this.db.run((tx) => this.repository.exists(tx, tenantId, id));
    if (!exists) throw new NotFoundError('BillingExportFile', id);
    const expiresAt = Math.floor(now.getTime() / 1000) + LINK_TTL_SECONDS;
    const token = this.links.sign({ tenantId, fileId: id, actor: describeActor(actor), expiresAt });
    return {
      url: `${baseUrl}/api/v1/billing-exports/links/${token}`,
      expiresAt: new Date(expiresAt * 1000),
    };
  }

  /** The file of a valid link, read in its creator's tenant; null for a bad or expired link. */
  async contentOfLink(token: string): Promise<{ fileName: string; content: Buffer } | null> {
    const grant = this.links.verify(token);
    if (!grant) return null;
    const context = {
      tenantId: grant.tenantId,
      customerId: null,
      actor: { kind: 'system' as const, name: `billing-export-link:${grant.actor}` },
    };
    return tenantContext.run(context, () => this.content(grant.fileId));
  }

  /** An export made on request: kept for download and announced by webhook, not e-mailed. */
  async runNow(period: Period, bom: boolean | null): Promise<BillingExportFile> {
    const useBom = bom ?? (await this.schedule()).bom;
    const produced = await this.produce(period, null, useBom);
    return produced.file;
  }

  /**
   * The schedule's work for the current tenant: once its day has come, the previous month's
   * file (made once; a retry finds it) is e-mailed to the recipients unless it already was.
   * Returns the file, or null when nothing is due.
   */
  async runScheduled(now = new Date()): Promise<BillingExportFile | null> {
    const { tenantId } = tenantContext.get();
    const schedule = await this.schedule();
    if (!schedule.enabled || now.getUTCDate() < schedule.dayOfMonth) return null;
    const month = previousMonth(now);
    const existing = await this.db.run((tx) =>
      this.repository.scheduledFile(tx, tenantId, month.from),
    );
    const { file, content } = existing
      ? { file: toFile(existing), content: Buffer.from(existing.content) }
      : await this.produce(month, month.from, schedule.bom);
    if (file.mailedAt || schedule.recipientEmails.length === 0) return file;
    if (!this.mailer.configured) {
      this.logger.warn({ tenantId, fileId: file.id }, 'billing export not e-mailed: no SMTP');
      return file;
    }
    await this.mailer.send({
      to: schedule.recipientEmails,
      subject: `Billing export ${file.fileName}`,
      text:
        `The billing export of ${day(file.periodFrom)} to ${day(file.periodTo)} ` +
        `(${file.deviceCount} devices, ${file.rowCount} rows) is attached.\n\n` +
        `It stays available for download on the billing page: ${this.mailer.linkTo('/billing')}`,
      attachments: [{ filename: file.fileName, content, contentType: 'text/csv; charset=utf-8' }],
    });
    const mailedAt = new Date();
    await this.db.run((tx) => this.repository.markMailed(tx, tenantId, file.id, mailedAt));
    return { ...file, mailedAt };
  }

  private async produce(
    period: Period,
    scheduleMonth: Date | null,
    bom: boolean,
  ): Promise<{ file: BillingExportFile; content: Buffer }> {
    const { tenantId, actor } = tenantContext.get();
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
        done();
      },
    });
    const summary = await this.billing.stream(
      { customerId: null, from: period.from, to: period.to, counters: null },
      sink,
      { bom },
    );
    const content = Buffer.concat(chunks);
    const file = await this.db.run(async (tx) => {
      const created = await this.repository.create(tx, {
        tenantId,
        periodFrom: period.from,
        periodTo: period.to,
        schedulePeriod: scheduleMonth,
        fileName: exportFileName(period),
        content,
        rowCount: summary.rows,
        deviceCount: summary.devices,
        createdBy: describeActor(actor),
      });
      await this.audit.record(tx, {
        action: 'billing_export.create',
        targetType: 'BillingExportFile',
        targetId: created.id,
        details: { from: period.from.toISOString(), to: period.to.toISOString() },
      });
      await this.webhooks.emit(tx, {
        type: 'billing_export.ready',
        data: {
          id: created.id,
          fileName: created.fileName,
          periodFrom: created.periodFrom.toISOString(),
          periodTo: created.periodTo.toISOString(),
          scheduled: created.scheduled,
          rowCount: created.rowCount,
          deviceCount: created.deviceCount,
          downloadPath: created.downloadPath,
        },
      });
      return created;
    });
    return { file, content };
  }
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
