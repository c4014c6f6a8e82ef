import { Injectable } from '@nestjs/common';
import type { Command as CommandRow, CommandStatus, Prisma } from '@prisma/client';
import {
  beforeCreatedAt,
  createdAtOrder,
  newestFirstOrder,
} from '../../platform/graphql/pagination.js';

const OPEN: CommandStatus[] = ['PENDING', 'DELIVERED'];

/** Command rows on a tenant-scoped transaction; row-level security decides visibility. */
@Injectable()
export class CommandsRepository {
  findById(tx: Prisma.TransactionClient, id: string): Promise<CommandRow | null> {
    return tx.command.findFirst({ where: { id } });
  }

  findDevice(tx: Prisma.TransactionClient, id: string) {
    return tx.device.findFirst({
      where: { id },
      select: {
        id: true,
        customerId: true,
        agentId: true,
        ipAddress: true,
        customer: { select: { allowedCommandTypes: true } },
      },
    });
  }

  findDeviceCapabilities(tx: Prisma.TransactionClient, id: string) {
    return tx.device.findFirst({ where: { id }, select: { capabilities: true } });
  }

  async setDeviceCapabilities(
    tx: Prisma.TransactionClient,
    id: string,
    capabilities: Prisma.InputJsonValue,
  ): Promise<void> {
    await tx.device.updateMany({ where: { id }, data: { capabilities } });
  }

  findAgent(tx: Prisma.TransactionClient, id: string) {
    return tx.agent.findFirst({
      where: { id },
      select: {
        id: true,
        customerId: true,
        status: true,
        customer: { select: { allowedCommandTypes: true } },
      },
    });
  }

  findTenantTtl(tx: Prisma.TransactionClient, tenantId: string) {
    return tx.tenant.findFirst({ where: { id: tenantId }, select: { commandTtlHours: true } });
  }

  list(
    tx: Prisma.TransactionClient,
    filter: { agentId?: string | null; deviceId?: string | null; status?: CommandStatus | null },
    page: { take: number; after: Record<string, string> | null },
  ): Promise<CommandRow[]> {
    const where: Prisma.CommandWhereInput = {
      ...(filter.agentId ? { agentId: filter.agentId } : {}),
      ...(filter.deviceId ? { deviceId: filter.deviceId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    };
    return tx.command.findMany({
      where: { AND: [where, beforeCreatedAt(page.after)] },
      orderBy: newestFirstOrder,
      take: page.take,
    });
  }

  create(
    tx: Prisma.TransactionClient,
    data: Prisma.CommandUncheckedCreateInput,
  ): Promise<CommandRow> {
    return tx.command.create({ data });
  }

  /** Moves a command on only from one of `from`: concurrent transitions cannot both win. */
  async transition(
    tx: Prisma.TransactionClient,
    id: string,
    from: CommandStatus[],
    data: Prisma.CommandUncheckedUpdateManyInput,
  ): Promise<boolean> {
    const { count } = await tx.command.updateMany({ where: { id, status: { in: from } }, data });
    return count === 1;
  }

  async expireOverdueOfAgent(
    tx: Prisma.TransactionClient,
    agentId: string,
    now: Date,
  ): Promise<number> {
    const { count } = await tx.command.updateMany({
      where: { agentId, status: { in: OPEN }, expiresAt: { lte: now } },
      data: { status: 'EXPIRED', completedAt: now },
    });
    return count;
  }

  /** The agent's pending commands, oldest first, locked so two concurrent pulls deliver each once. */
  pendingOfAgent(tx: Prisma.TransactionClient, agentId: string, limit: number) {
    return tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM commands WHERE agent_id = ${agentId}::uuid AND status = 'PENDING' AND expires_at > now()
      ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  }

  async markDelivered(tx: Prisma.TransactionClient, ids: string[], now: Date) {
    await tx.command.updateMany({
      where: { id: { in: ids }, status: 'PENDING' },
      data: { status: 'DELIVERED', deliveredAt: now },
    });
    return tx.command.findMany({
      where: { id: { in: ids } },
      include: { device: { select: { ipAddress: true } } },
      orderBy: createdAtOrder,
    });
  }
}
