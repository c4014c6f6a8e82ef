import { Inject, Injectable } from '@nestjs/common';
import type { AgentUpdateTarget as TargetRow, Prisma } from '@prisma/client';
import type { DueUpdate } from '@printbeat/domain';
import { z } from 'zod';
import type { AgentPrincipal } from '../../platform/auth/agent-principal.js';
import { PlatformDb, type AgentReleaseInfo } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AgentNotFoundError } from '../agents/agents.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { CustomerNotFoundError } from '../customers/customers.errors.js';
import type { AgentRelease, AgentUpdateReport, AgentUpdateTarget } from './release.model.js';
import type { SetAgentUpdateConsentInput, SetAgentUpdateTargetInput } from './release.inputs.js';
import { UpdateTargetNotFoundError } from './releases.errors.js';
import { ReleasesRepository } from './releases.repository.js';
import { mostSpecificTarget, planUpdate, targetScope, type UpdateAnswer } from './update-plan.js';

/** `POST /agent/v1/update/report`: one update's outcome as the agent saw it. */
export const updateReportSchema = z.object({
  outcome: z.enum(['INSTALLED', 'REFUSED', 'ROLLED_BACK', 'FAILED']),
  fromVersion: z.string().min(1).max(60),
  toVersion: z.string().min(1).max(60),
  code: z.string().max(60).nullish(),
  reason: z.string().min(1).max(2000),
  at: z.iso.datetime({ offset: true }),
});
export type UpdateReportBody = z.infer<typeof updateReportSchema>;

/** An agent as the health check sees it: its reported version and platform (`linux-x64`). */
export type DueUpdateSubject = {
  id: string;
  customerId: string;
  version: string | null;
  platform: string | null;
};

const toRelease = (row: AgentReleaseInfo): AgentRelease => ({
  id: row.id,
  version: row.version,
  platform: row.platform,
  channel: row.channel,
  sha256: row.sha256,
  size: row.size,
  createdAt: row.createdAt,
});

const toTarget = (row: TargetRow): AgentUpdateTarget => ({
  id: row.id,
  customerId: row.customerId,
  agentId: row.agentId,
  channel: row.channel,
  version: row.version,
  rolloutPercent: row.rolloutPercent,
  allowDowngrade: row.allowDowngrade,
  updatedAt: row.updatedAt,
});

/**
 * Which release each agent should run (targets per tenant, customer or agent; staged rollout;
 * the customer's consent), the agents' reports of what happened, and the released artifacts
 * they download. Releases themselves are platform-wide (PlatformDb); central never signs them.
 */
@Injectable()
export class ReleasesService {
  constructor(
    @Inject(ReleasesRepository) private readonly repository: ReleasesRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async releases(platform: string | null): Promise<AgentRelease[]> {
    return (await this.platformDb.agentReleases(platform)).map(toRelease);
  }

  targets(): Promise<AgentUpdateTarget[]> {
    return this.db.run(async (tx) => (await this.repository.listTargets(tx)).map(toTarget));
  }

  setTarget(input: SetAgentUpdateTargetInput): Promise<AgentUpdateTarget> {
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      let scope: string = targetScope.tenant;
      let customerId: string | null = null;
      if (input.agentId) {
        const agent = await this.repository.findAgent(tx, input.agentId);
        if (!agent) throw new AgentNotFoundError(input.agentId);
        scope = targetScope.agent(agent.id);
        customerId = agent.customerId;
      } else if (input.customerId) {
        const customer = await this.repository.findCustomer(tx, input.customerId);
        if (!customer) throw new CustomerNotFoundError(input.customerId);
        scope = targetScope.customer(customer.id);
        customerId = customer.id;
      }
      const row = await this.repository.upsertTarget(tx, tenantId, {
        scope,
        customerId,
        agentId: input.agentId ?? null,
        channel: input.channel,
        version: input.version ?? null,
        rolloutPercent: input.rolloutPercent,
        allowDowngrade: input.allowDowngrade ?? false,
      });
      await this.audit.record(tx, {
        action: 'agent_update_target.set',
        targetType: 'AgentUpdateTarget',
        targetId: row.id,
        customerId,
        details: {
          scope,
          channel: row.channel,
          version: row.version,
          rolloutPercent: row.rolloutPercent,
          allowDowngrade: row.allowDowngrade,
        },
      });
      return toTarget(row);
    });
  }

  removeTarget(id: string): Promise<boolean> {
    return this.db.run(async (tx) => {
      if (!(await this.repository.deleteTarget(tx, id))) throw new UpdateTargetNotFoundError(id);
      await this.audit.record(tx, {
        action: 'agent_update_target.remove',
        targetType: 'AgentUpdateTarget',
        targetId: id,
      });
      return true;
    });
  }

  setConsent(input: SetAgentUpdateConsentInput): Promise<boolean> {
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      const customer = await this.repository.findCustomer(tx, input.customerId);
      if (!customer) throw new CustomerNotFoundError(input.customerId);
      await this.repository.setConsent(tx, tenantId, customer.id, input.allowed);
      await this.audit.record(tx, {
        action: 'agent_update_consent.set',
        targetType: 'Customer',
        targetId: customer.id,
        customerId: customer.id,
        details: { allowed: input.allowed },
      });
      return input.allowed;
    });
  }

  reports(agentId: string, first: number): Promise<AgentUpdateReport[]> {
    return this.db.run(async (tx) => {
      if (!(await this.repository.findAgent(tx, agentId))) throw new AgentNotFoundError(agentId);
      return this.repository.reports(tx, agentId, Math.min(Math.max(first, 1), 100));
    });
  }

  /** The agent's command-poll question: which release, if any, to install now, and why not. */
  async updateFor(
    agent: AgentPrincipal,
    running: { version: string; platform: string },
  ): Promise<UpdateAnswer> {
    const { targets, consent } = await this.db.run(async (tx) => ({
      targets: await this.repository.targetsForAgent(tx, agent),
      consent: await this.repository.consent(tx, agent.customerId),
    }));
    const target = mostSpecificTarget(targets, agent);
    const releases = target ? await this.platformDb.agentReleases(running.platform) : [];
    return planUpdate({
      agentId: agent.agentId,
      running: running.version,
      platform: running.platform,
      consent,
      target,
      releases,
    });
  }

  /**
   * Per agent (of those given, on the caller's transaction), the release its target offers it now
   * and since when: the later of the target's last change and the release's publication. Agents
   * without an offer (no target, no consent, on target, outside the rollout) are left out.
   */
  async dueUpdates(
    tx: Prisma.TransactionClient,
    agents: readonly DueUpdateSubject[],
  ): Promise<Map<string, DueUpdate & { lastRefusal: string | null }>> {
    const due = new Map<string, DueUpdate & { lastRefusal: string | null }>();
    const running = agents.filter((agent) => agent.version && agent.platform);
    if (running.length === 0) return due;
    const targets = await this.repository.targetsForAgents(
      tx,
      running.map((agent) => ({ agentId: agent.id, customerId: agent.customerId })),
    );
    if (targets.length === 0) return due;
    const refusing = await this.repository.refusedConsents(
      tx,
      running.map((agent) => agent.customerId),
    );
    const releasesOf = new Map<string, AgentReleaseInfo[]>();
    for (const agent of running) {
      const platform = agent.platform as string;
      const target = mostSpecificTarget(targets, {
        agentId: agent.id,
        customerId: agent.customerId,
      });
      if (!target) continue;
      if (!releasesOf.has(platform))
        releasesOf.set(platform, await this.platformDb.agentReleases(platform));
      const releases = releasesOf.get(platform) ?? [];
      const answer = planUpdate({
        agentId: agent.id,
        running: agent.version as string,
        platform,
        consent: !refusing.has(agent.customerId),
        target,
        releases,
      });
      const offered = answer.target;
      const release = offered && releases.find((r) => r.id === offered.releaseId);
      if (!offered || !release) continue;
      const since = Math.max(target.updatedAt.getTime(), release.createdAt.getTime());
      due.set(agent.id, { version: offered.version, dueSince: new Date(since), lastRefusal: null });
    }
    for (const report of await this.repository.latestReports(tx, [...due.keys()])) {
      const entry = due.get(report.agentId);
      if (entry && report.outcome !== 'INSTALLED') entry.lastRefusal = report.reason;
    }
    return due;
  }

  /** A release an agent downloads; releases are not secret, any enrolled agent may fetch one. */
  release(id: string): Promise<AgentReleaseInfo | null> {
    return this.platformDb.agentReleaseById(id);
  }

  artifactSlice(id: string, start: number, length: number): Promise<Buffer> {
    return this.platformDb.agentReleaseArtifactSlice(id, start, length);
  }

  recordReport(agent: AgentPrincipal, report: UpdateReportBody): Promise<{ id: string }> {
    return this.db.run(async (tx) => {
      const row = await this.repository.addReport(tx, agent.tenantId, {
        customerId: agent.customerId,
        agentId: agent.agentId,
        outcome: report.outcome,
        fromVersion: report.fromVersion,
        toVersion: report.toVersion,
        code: report.code ?? null,
        reason: report.reason,
        at: new Date(report.at),
      });
      await this.audit.record(tx, {
        action: `agent.update_${report.outcome.toLowerCase()}`,
        targetType: 'Agent',
        targetId: agent.agentId,
        customerId: agent.customerId,
        details: {
          fromVersion: report.fromVersion,
          toVersion: report.toVersion,
          code: report.code ?? null,
        },
      });
      return { id: row.id };
    });
  }
}
