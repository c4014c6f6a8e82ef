import { Inject, Injectable } from '@nestjs/common';
import { mergeCapabilities, reportedCapabilities, storedCapabilities } from '@printbeat/domain';
import type { Command as CommandRow, CommandStatus, Prisma } from '@prisma/client';
import type { AgentPrincipal } from '../../platform/auth/agent-principal.js';
import { canReachCustomer } from '../../platform/auth/customer-scope.js';
import {
  CREATED_AT_CURSOR_KEYS,
  createdAtCursor,
  toConnection,
  toPage,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import type { Command } from './command.model.js';
import type { CommandsArgs, QueueCommandInput } from './command.inputs.js';
import { CommandsRepository } from './commands.repository.js';
import {
  ActionNotConsentedError,
  AgentNotActiveError,
  AgentOfCommandNotFoundError,
  CommandFinalError,
  CommandNotForAgentError,
  CommandNotCancellableError,
  CommandNotFoundError,
  DeviceNotFoundError,
  DeviceWithoutAgentError,
} from './commands.errors.js';

const OPEN: CommandStatus[] = ['PENDING', 'DELIVERED'];
const PULL_LIMIT = 50;

/** What the agent pulls (docs/agent-protocol.md §3). */
export type AgentCommandMessage = {
  id: string;
  type: string;
  deviceId: string | null;
  target: { address: string } | null;
  params: Prisma.JsonValue;
  createdAt: string;
  expiresAt: string;
};

export type CommandResultReport = {
  status: 'SUCCEEDED' | 'FAILED' | 'REFUSED';
  message?: string | null | undefined;
  result?: Record<string, unknown> | null | undefined;
  finishedAt?: string | null | undefined;
};

export type ResultOutcome = 'applied' | 'not_found' | 'final';

/**
 * Commands: queued by dealer staff (within the customer's consent), pulled and answered by
 * the agent. State machine: PENDING → DELIVERED → SUCCEEDED | FAILED; PENDING/DELIVERED →
 * EXPIRED (TTL) | CANCELLED.
 */
@Injectable()
export class CommandsService {
  constructor(
    @Inject(CommandsRepository) private readonly repository: CommandsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  queue(input: QueueCommandInput): Promise<Command> {
    const { tenantId, actor } = tenantContext.get();
    return this.db.run(async (tx) => {
      const target = await this.resolveTarget(tx, input);
      if (!target.allowed.includes(input.type)) throw new ActionNotConsentedError(input.type);
      const tenant = await this.repository.findTenantTtl(tx, tenantId);
      const now = new Date();
      const row = await this.repository.create(tx, {
        tenantId,
        customerId: target.customerId,
        agentId: target.agentId,
        deviceId: target.deviceId,
        type: input.type,
        params: (input.params ?? {}) as Prisma.InputJsonValue,
        requestedByKind:
          actor.kind === 'user' ? 'USER' : actor.kind === 'apiKey' ? 'API_KEY' : 'SYSTEM',
        requestedById:
          actor.kind === 'user' ? actor.userId : actor.kind === 'apiKey' ? actor.apiKeyId : null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + (tenant?.commandTtlHours ?? 24) * 3600_000),
      });
      await this.audit.record(tx, {
        action: 'command.queue',
        targetType: 'Command',
        targetId: row.id,
        customerId: row.customerId,
        details: { type: row.type, deviceId: target.deviceId, agentId: target.agentId },
      });
      return toCommand(row);
    });
  }

  /** The agent that runs the command, its customer's consent, and the device if any. */
  private async resolveTarget(
    tx: Prisma.TransactionClient,
    input: QueueCommandInput,
  ): Promise<{
    agentId: string;
    customerId: string;
    deviceId: string | null;
    allowed: readonly string[];
  }> {
    if (input.deviceId) {
      const device = await this.repository.findDevice(tx, input.deviceId);
      if (!device || !canReachCustomer(device.customerId))
        throw new DeviceNotFoundError(input.deviceId);
      if (!device.agentId) throw new DeviceWithoutAgentError(device.id);
      return {
        agentId: device.agentId,
        customerId: device.customerId,
        deviceId: device.id,
        allowed: device.customer.allowedCommandTypes,
      };
    }
    const agentId = input.agentId ?? '';
    const agent = await this.repository.findAgent(tx, agentId);
    if (!agent || !canReachCustomer(agent.customerId))
      throw new AgentOfCommandNotFoundError(agentId);
    if (agent.status !== 'ACTIVE') throw new AgentNotActiveError(agent.id, agent.status);
    return {
      agentId: agent.id,
      customerId: agent.customerId,
      deviceId: null,
      allowed: agent.customer.allowedCommandTypes,
    };
  }

  async get(id: string): Promise<Command> {
    const row = await this.db.run((tx) => this.repository.findById(tx, id));
    if (!row) throw new CommandNotFoundError(id);
    return toCommand(row);
  }

  async list(args: CommandsArgs): Promise<ConnectionShape<Command>> {
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const rows = await this.db.run((tx) =>
      this.repository.list(tx, args, { take: page.first + 1, after: page.after }),
    );
    return toConnection(rows, page.first, createdAtCursor, toCommand);
  }

  cancel(id: string): Promise<Command> {
    return this.db.run(async (tx) => {
      const row = await this.repository.findById(tx, id);
      if (!row) throw new CommandNotFoundError(id);
      const now = new Date();
      if (
        !(await this.repository.transition(tx, id, OPEN, { status: 'CANCELLED', cancelledAt: now }))
      ) {
        throw new CommandNotCancellableError(id, row.status);
      }
      await this.audit.record(tx, {
        action: 'command.cancel',
        targetType: 'Command',
        targetId: id,
        customerId: row.customerId,
        details: { type: row.type },
      });
      return toCommand({ ...row, status: 'CANCELLED', cancelledAt: now });
    });
  }

  /** `GET /agent/v1/commands`: overdue ones expire, pending ones are delivered (once). */
  pullForAgent(agent: AgentPrincipal): Promise<AgentCommandMessage[]> {
    return this.db.run(async (tx) => {
      const now = new Date();
      const expired = await this.repository.expireOverdueOfAgent(tx, agent.agentId, now);
      const pending = await this.repository.pendingOfAgent(tx, agent.agentId, PULL_LIMIT);
      const delivered = await this.repository.markDelivered(
        tx,
        pending.map((row) => row.id),
        now,
      );
      await this.audit.record(tx, {
        action: 'agent.commands_pull',
        targetType: 'Agent',
        targetId: agent.agentId,
        details: {
          delivered: delivered.map((row) => row.id),
          expired,
          sourceAddress: agent.sourceAddress,
        },
      });
      return delivered.map((row) => ({
        id: row.id,
        type: row.type,
        deviceId: row.deviceId,
        target: row.device?.ipAddress ? { address: row.device.ipAddress } : null,
        params: row.params,
        createdAt: row.createdAt.toISOString(),
        expiresAt: row.expiresAt.toISOString(),
      }));
    });
  }

  /** `POST /agent/v1/commands/{id}/result`: 404 when not this agent's, 409 once final. */
  async reportResult(
    agent: AgentPrincipal,
    commandId: string,
    report: CommandResultReport,
  ): Promise<{ id: string; status: CommandStatus }> {
    const outcome = await this.db.run(async (tx) => {
      const applied = await this.applyResult(tx, agent.agentId, commandId, report);
      await this.audit.record(tx, {
        action: 'agent.command_result',
        targetType: 'Command',
        targetId: commandId,
        outcome: applied.outcome === 'applied' ? 'SUCCESS' : 'FAILURE',
        details: {
          reported: report.status,
          outcome: applied.outcome,
          sourceAddress: agent.sourceAddress,
        },
      });
      return applied;
    });
    if (outcome.outcome === 'not_found') throw new CommandNotForAgentError(commandId);
    if (outcome.outcome === 'final') throw new CommandFinalError(commandId, outcome.status);
    return { id: commandId, status: outcome.status };
  }

  /** The state machine step for a result (from the result endpoint or an upload's commandResults). */
  async applyResult(
    tx: Prisma.TransactionClient,
    agentId: string,
    commandId: string,
    report: CommandResultReport,
  ): Promise<{ outcome: ResultOutcome; status: CommandStatus }> {
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const row = UUID.test(commandId) ? await this.repository.findById(tx, commandId) : null;
    if (!row || row.agentId !== agentId) return { outcome: 'not_found', status: 'PENDING' };
    if (!OPEN.includes(row.status)) return { outcome: 'final', status: row.status };
    const status: CommandStatus = report.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED';
    const finishedAt = report.finishedAt ? new Date(report.finishedAt) : new Date();
    const result = {
      ...(report.result ?? {}),
      ...(report.status === 'REFUSED' ? { refused: true } : {}),
    };
    const moved = await this.repository.transition(tx, commandId, OPEN, {
      status,
      completedAt: Number.isNaN(finishedAt.getTime()) ? new Date() : finishedAt,
      result,
      errorMessage: report.message ?? null,
    });
    if (!moved) {
      const now = await this.repository.findById(tx, commandId);
      return { outcome: 'final', status: now?.status ?? row.status };
    }
    if (row.deviceId) await this.learnCapabilities(tx, row.deviceId, row.type, report);
    return { outcome: 'applied', status };
  }

  /** What the action found out about its device (result.capabilities) is kept on the device. */
  private async learnCapabilities(
    tx: Prisma.TransactionClient,
    deviceId: string,
    type: string,
    report: CommandResultReport,
  ): Promise<void> {
    const reported = reportedCapabilities(report.result);
    if (!reported) return;
    const device = await this.repository.findDeviceCapabilities(tx, deviceId);
    if (!device) return;
    const merged = mergeCapabilities(
      storedCapabilities(device.capabilities),
      reported,
      new Date(),
      type,
    );
    await this.repository.setDeviceCapabilities(tx, deviceId, merged);
  }
}

export function toCommand(row: CommandRow): Command {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    customerId: row.customerId,
    agentId: row.agentId,
    deviceId: row.deviceId,
    params: row.params,
    result: row.result,
    message: row.errorMessage,
    requestedByKind: row.requestedByKind,
    requestedById: row.requestedById,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    deliveredAt: row.deliveredAt,
    completedAt: row.completedAt,
    cancelledAt: row.cancelledAt,
  };
}
