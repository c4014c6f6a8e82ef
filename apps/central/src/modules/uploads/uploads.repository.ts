import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';

/** Upload rows on a tenant-scoped transaction. */
@Injectable()
export class UploadsRepository {
  /**
   * Claims the agent's upload id: the unique index (tenant, agent, upload id) makes a
   * concurrent second insert wait for the first and then do nothing. Null: already stored.
   */
  async claim(
    tx: Prisma.TransactionClient,
    row: {
      tenantId: string;
      customerId: string;
      agentId: string;
      uploadId: string;
      payloadVersion: string;
      sizeBytes: number;
      uncompressedBytes: number;
      sha256: string;
      deviceCount: number;
      createdAtAgent: Date;
    },
  ): Promise<string | null> {
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO uploads (tenant_id, id, customer_id, agent_id, upload_id, payload_version, size_bytes, uncompressed_bytes, sha256, device_count, created_at_agent, received_at, outcome)
      VALUES (${row.tenantId}::uuid, gen_random_uuid(), ${row.customerId}::uuid, ${row.agentId}::uuid, ${row.uploadId}, ${row.payloadVersion},
              ${row.sizeBytes}, ${row.uncompressedBytes}, ${row.sha256}, ${row.deviceCount}, ${row.createdAtAgent}, now(), 'ACCEPTED'::"UploadOutcome")
      ON CONFLICT (tenant_id, agent_id, upload_id) DO NOTHING
      RETURNING id`;
    return inserted[0]?.id ?? null;
  }

  async storeBlob(
    tx: Prisma.TransactionClient,
    data: { tenantId: string; customerId: string; uploadId: string; data: Uint8Array },
  ): Promise<void> {
    await tx.uploadBlob.create({ data: { ...data, data: Buffer.from(data.data) } });
  }

  /** The agent's last upload and how far its clock was from central's then. */
  async markAgentUpload(
    tx: Prisma.TransactionClient,
    agentId: string,
    upload: { at: Date; clockOffsetSeconds: number | null },
  ): Promise<void> {
    await tx.agent.updateMany({
      where: { id: agentId },
      data: {
        lastUploadAt: upload.at,
        lastContactAt: upload.at,
        clockOffsetSeconds:
          upload.clockOffsetSeconds === null ? null : BigInt(upload.clockOffsetSeconds),
        clockCheckedAt: upload.at,
      },
    });
  }
}
