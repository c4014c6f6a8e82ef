import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { clockOffsetSeconds } from '@printbeat/domain';
import { PayloadError } from '@printbeat/payload';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AgentPrincipal } from '../../platform/auth/agent-principal.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { AuditService } from '../audit/audit.service.js';
import { IngestService } from '../ingest/ingest.service.js';
import { ReplenishmentService } from '../replenishment/replenishment.service.js';
import { UploadUnpackPool } from './upload-unpack-pool.js';
import { UploadsRepository } from './uploads.repository.js';

export type UploadAck =
  | {
      uploadId: string;
      status: 'accepted';
      devices: number;
      readings: number;
      /** Present when readings were dated too far in the future: not stored, not to resend. */
      refusedReadings?: number;
    }
  | { uploadId: string; status: 'duplicate' };

/**
 * `POST /agent/v1/uploads`: the archive is checked completely (size, zip, signature against
 * the connection's certificate, agent id, XML) before anything is written; then the raw zip,
 * the upload row and the normalised data go in one transaction, idempotent by upload id.
 */
@Injectable()
export class UploadsService {
  constructor(
    @Inject(UploadsRepository) private readonly repository: UploadsRepository,
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ReplenishmentService) private readonly replenishment: ReplenishmentService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(UploadUnpackPool) private readonly unpacker: UploadUnpackPool,
  ) {}

  async receive(
    agent: AgentPrincipal,
    zip: Uint8Array,
    headerUploadId: string | undefined,
  ): Promise<UploadAck> {
    const unpacked = await this.unpacker.unpack(zip, {
      verifyKey: agent.certificate,
      expectedAgentId: agent.agentId,
      maxCompressedBytes: this.config.uploadMaxBytes,
    });
    const { payload, manifest } = unpacked;
    if (headerUploadId !== undefined && headerUploadId !== manifest.uploadId) {
      throw new PayloadError(
        'MANIFEST_MISMATCH',
        'X-Upload-Id does not match the manifest upload id',
      );
    }
    const sha256 = createHash('sha256').update(zip).digest('hex');
    const receivedAt = new Date();

    const stored = await this.db.run(
      async (tx) => {
        const id = await this.repository.claim(tx, {
          tenantId: agent.tenantId,
          customerId: agent.customerId,
          agentId: agent.agentId,
          uploadId: payload.uploadId,
          payloadVersion: String(payload.version),
          sizeBytes: zip.byteLength,
          uncompressedBytes: Buffer.byteLength(unpacked.xml, 'utf8'),
          sha256,
          deviceCount: payload.devices.length,
          createdAtAgent: new Date(payload.createdAt),
        });
        if (!id) {
          await this.audit.record(tx, {
            action: 'upload.duplicate',
            targetType: 'Agent',
            targetId: agent.agentId,
            details: { uploadId: payload.uploadId, sha256, sourceAddress: agent.sourceAddress },
          });
          return {
            ack: { uploadId: payload.uploadId, status: 'duplicate' as const },
            deviceIds: [],
          };
        }
        await this.repository.storeBlob(tx, {
          tenantId: agent.tenantId,
          customerId: agent.customerId,
          uploadId: id,
          data: zip,
        });
        const { deviceIds, ...outcome } = await this.ingest.ingestUpload(tx, {
          tenantId: agent.tenantId,
          customerId: agent.customerId,
          siteId: agent.siteId,
          agentId: agent.agentId,
          uploadId: id,
          receivedAt,
          payload,
        });
        await this.repository.markAgentUpload(tx, agent.agentId, {
          at: receivedAt,
          clockOffsetSeconds: clockOffsetSeconds(new Date(payload.createdAt), receivedAt),
        });
        await this.audit.record(tx, {
          action: 'upload.accept',
          targetType: 'Upload',
          targetId: id,
          details: {
            uploadId: payload.uploadId,
            sizeBytes: zip.byteLength,
            sha256,
            ...outcome,
            sourceAddress: agent.sourceAddress,
          },
        });
        return {
          ack: {
            uploadId: payload.uploadId,
            status: 'accepted' as const,
            devices: outcome.devices,
            readings: outcome.readings,
            ...(outcome.refusedFutureReadings > 0
              ? { refusedReadings: outcome.refusedFutureReadings }
              : {}),
          },
          deviceIds,
        };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    // Only after the commit: the jobs must see the upload's supply levels.
    // A failure here must not fail the acknowledged upload: the periodic sweep evaluates later.
    if (stored.deviceIds.length > 0) {
      await this.replenishment
        .enqueueEvaluation(agent.tenantId, stored.deviceIds)
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error, uploadId: payload.uploadId },
            'could not queue replenishment evaluation (the sweep will)',
          ),
        );
    }
    return stored.ack;
  }
}
