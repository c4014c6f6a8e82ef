import { Inject, Injectable } from '@nestjs/common';
import type { Agent as AgentRow, CommandType, Prisma } from '@prisma/client';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AgentPrincipal } from '../../platform/auth/agent-principal.js';
import {
  CREATED_AT_CURSOR_KEYS,
  createdAtCursor,
  toConnection,
  toPage,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { BadUserInputError } from '../../platform/errors/domain.errors.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { AuditService } from '../audit/audit.service.js';
import {
  buildRemoteConfig,
  readStoredConfig,
  withoutSecrets,
  sameActions,
  type AgentRemoteConfig,
} from './agent-config.js';
import {
  readAgentFacts,
  type Agent,
  type AgentFactsReport,
  type AgentFactsSnapshot,
} from './agent.model.js';
import type { AgentsArgs, UpdateAgentConfigInput } from './agent.inputs.js';
import { AgentNotFoundError } from './agents.errors.js';
import { AgentsRepository } from './agents.repository.js';

/** The facts history: a snapshot per quarter hour at most, a week kept. */
const FACTS_HISTORY = { everyMs: 15 * 60_000, keepMs: 7 * 24 * 3_600_000 };

type AgentWithCertificate = AgentRow & { certificates: { notAfter: Date }[] };

@Injectable()
export class AgentsService {
  constructor(
    @Inject(AgentsRepository) private readonly repository: AgentsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private toAgent = (row: AgentWithCertificate): Agent =>
    toAgent(row, this.config.agentClockMaxFutureSeconds);

  async get(id: string): Promise<Agent> {
    const row = await this.db.run((tx) => this.repository.findById(tx, id));
    if (!row) throw new AgentNotFoundError(id);
    return this.toAgent(row);
  }

  async list(args: AgentsArgs): Promise<ConnectionShape<Agent>> {
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const rows = await this.db.run((tx) =>
      this.repository.list(tx, args, { take: page.first + 1, after: page.after }),
    );
    return toConnection(rows, page.first, createdAtCursor, this.toAgent);
  }

  /** Refused on its next request: the gateway checks agent and certificate rows on every call. */
  revoke(id: string): Promise<Agent> {
    return this.db.run(async (tx) => {
      const row = await this.repository.findById(tx, id);
      if (!row) throw new AgentNotFoundError(id);
      const certificates = await this.repository.revoke(tx, id, new Date());
      await this.audit.record(tx, {
        action: 'agent.revoke',
        targetType: 'Agent',
        targetId: id,
        customerId: row.customerId,
        details: { certificates },
      });
      const updated = await this.repository.findById(tx, id);
      return this.toAgent(updated ?? row);
    });
  }

  updateConfig(input: UpdateAgentConfigInput): Promise<Agent> {
    return this.db.run(async (tx) => {
      const row = await this.repository.findById(tx, input.agentId);
      if (!row) throw new AgentNotFoundError(input.agentId);
      const stored = readStoredConfig(row.config);
      const next = {
        ...input.config,
        ...(stored.servedAllowedActions
          ? { servedAllowedActions: stored.servedAllowedActions }
          : {}),
      };
      // Compare-and-set on the version: two concurrent edits cannot both claim the same one.
      if (!(await this.repository.updateConfig(tx, row.id, row.configVersion, next)))
        throw new AgentNotFoundError(input.agentId);
      await this.audit.record(tx, {
        action: 'agent.config_update',
        targetType: 'Agent',
        targetId: row.id,
        customerId: row.customerId,
        details: { version: row.configVersion + 1, fields: Object.keys(input.config) },
      });
      const updated = await this.repository.findById(tx, row.id);
      return this.toAgent(updated ?? row);
    });
  }

  /**
   * `GET /agent/v1/config`. The version covers the customer's consent too: when consent
   * changed since the agent last got its config, the version is bumped here, so the agent's
   * If-None-Match no longer matches and it receives the new allowed actions.
   */
  configFor(
    agent: AgentPrincipal,
    ifNoneMatch: string | undefined,
  ): Promise<{ status: 304; version: number } | { status: 200; config: AgentRemoteConfig }> {
    return this.db.run(async (tx) => {
      const { row, allowedActions } = await this.currentConfig(tx, agent);
      const version = row.configVersion;
      const notModified = ifNoneMatch !== undefined && etagMatches(ifNoneMatch, version);
      await this.audit.record(tx, {
        action: 'agent.config',
        targetType: 'Agent',
        targetId: agent.agentId,
        details: { version, notModified, sourceAddress: agent.sourceAddress },
      });
      if (notModified) return { status: 304 as const, version };
      return {
        status: 200 as const,
        config: buildRemoteConfig(readStoredConfig(row.config), version, allowedActions),
      };
    });
  }

  /**
   * The version `GET /agent/v1/config` would serve now, announced with every command pull so
   * that an agent holding an older one (a consent just ticked) fetches it before the commands.
   */
  currentConfigVersion(agent: AgentPrincipal): Promise<number> {
    return this.db.run(async (tx) => (await this.currentConfig(tx, agent)).row.configVersion);
  }

  /** Stores the facts an agent sent with a call (parsed and validated by the gateway). */
  recordFacts(agent: AgentPrincipal, facts: AgentFactsReport, at = new Date()): Promise<void> {
    const { version, lockDown } = facts;
    return this.db.run(async (tx) => {
      await this.repository.recordFacts(tx, agent.agentId, facts, at, {
        ...(version === undefined ? {} : { version }),
        ...(lockDown === undefined ? {} : { lockDown }),
      });
      await this.repository.snapshotFacts(
        tx,
        { id: agent.agentId, tenantId: agent.tenantId, customerId: agent.customerId },
        facts,
        at,
        FACTS_HISTORY,
      );
    });
  }

  /** The agent's facts as reported over the last `hours` (at most a week), oldest first. */
  async factsHistory(
    agentId: string,
    hours: number,
    now = new Date(),
  ): Promise<AgentFactsSnapshot[]> {
    const maxHours = FACTS_HISTORY.keepMs / 3_600_000;
    if (!Number.isInteger(hours) || hours < 1 || hours > maxHours)
      throw new BadUserInputError(`hours must be a whole number from 1 to ${maxHours}`, [
        { field: 'hours', message: `must be a whole number from 1 to ${maxHours}` },
      ]);
    const since = new Date(now.getTime() - hours * 3_600_000);
    const rows = await this.db.run((tx) => this.repository.factsHistory(tx, agentId, since));
    return rows.map((row) => ({ at: row.at, facts: readAgentFacts(row.facts) }));
  }

  /** The agent's row with its version bumped first if the customer's consent has changed. */
  private async currentConfig(
    tx: Prisma.TransactionClient,
    agent: AgentPrincipal,
  ): Promise<{ row: AgentWithCertificate; allowedActions: CommandType[] }> {
    let row = await this.repository.findById(tx, agent.agentId);
    const customer = await this.repository.findCustomerConsent(tx, agent.customerId);
    if (!row || !customer) throw new AgentNotFoundError(agent.agentId);
    const stored = readStoredConfig(row.config);
    if (!sameActions(stored.servedAllowedActions, customer.allowedCommandTypes)) {
      const next = { ...stored, servedAllowedActions: customer.allowedCommandTypes };
      await this.repository.updateConfig(tx, row.id, row.configVersion, next);
      row = (await this.repository.findById(tx, agent.agentId)) ?? row;
    }
    return { row, allowedActions: customer.allowedCommandTypes };
  }
}

export function etagOf(version: number): string {
  return `"${version}"`;
}

function etagMatches(header: string, version: number): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etagOf(version));
}

function toAgent(row: AgentWithCertificate, clockSkewSeconds: number): Agent {
  const config = buildRemoteConfig(
    readStoredConfig(row.config),
    row.configVersion,
    readStoredConfig(row.config).servedAllowedActions ?? [],
  );
  const clockOffset = row.clockOffsetSeconds === null ? null : Number(row.clockOffsetSeconds);
  return {
    id: row.id,
    customerId: row.customerId,
    siteId: row.siteId,
    name: row.name,
    status: row.status,
    lockDown: row.lockDown,
    version: row.version,
    hostname: row.hostname,
    os: row.os,
    enrolledAt: row.enrolledAt,
    lastContactAt: row.lastContactAt,
    lastUploadAt: row.lastUploadAt,
    clockOffsetSeconds: clockOffset,
    clockCheckedAt: row.clockCheckedAt,
    clockSkewed: clockOffset !== null && Math.abs(clockOffset) > clockSkewSeconds,
    facts: readAgentFacts(row.facts),
    factsAt: row.factsAt,
    configVersion: row.configVersion,
    config: withoutSecrets(config),
    certificateExpiresAt: row.certificates[0]?.notAfter ?? null,
  };
}
