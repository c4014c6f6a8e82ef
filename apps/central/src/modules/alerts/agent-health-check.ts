import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import {
  AGENT_HEALTH_CODES,
  agentHealthProblems,
  DEFAULT_AGENT_HEALTH_THRESHOLDS,
  versionBehindProblem,
  type AgentHealthProblem,
  type AgentHealthThresholds,
} from '@printbeat/domain';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { readAgentFacts } from '../agents/agent.model.js';
import { ReleasesService } from '../releases/releases.service.js';
import { agentPlatform } from '../releases/update-plan.js';
import { AlertsService } from './alerts.service.js';

export type AgentHealthSubject = {
  id: string;
  customerId: string;
  hostname: string | null;
  version: string | null;
  facts: Prisma.JsonValue;
  clockOffsetSeconds: bigint | null;
};

/**
 * Agent health alerts (AGENT_DISK_LOW, AGENT_SPOOL_BACKLOG, AGENT_CLOCK_OFF,
 * AGENT_COLLECTION_FAILING) from each agent's latest facts and clock offset, and
 * AGENT_VERSION_BEHIND from its update target (modules/releases): opened with
 * `agent.health` when a problem shows, closed when it no longer does. Agents left out (silent
 * ones: their facts are stale) keep theirs as they are.
 */
@Injectable()
export class AgentHealthCheck {
  private readonly thresholds: AgentHealthThresholds;

  constructor(
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(ReleasesService) private readonly releases: ReleasesService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.thresholds = {
      ...DEFAULT_AGENT_HEALTH_THRESHOLDS,
      clockOffsetSeconds: config.agentClockMaxFutureSeconds,
    };
  }

  async sync(
    tx: Prisma.TransactionClient,
    tenantId: string,
    agents: readonly AgentHealthSubject[],
    now: Date,
  ): Promise<{ opened: number; closed: number }> {
    let opened = 0;
    const holding = new Set<string>();
    const facts = new Map(agents.map((agent) => [agent.id, readAgentFacts(agent.facts)]));
    const due = await this.releases.dueUpdates(
      tx,
      agents.map((agent) => ({
        id: agent.id,
        customerId: agent.customerId,
        version: agent.version,
        platform: agentPlatform(facts.get(agent.id) ?? null),
      })),
    );
    for (const agent of agents) {
      const offset = agent.clockOffsetSeconds === null ? null : Number(agent.clockOffsetSeconds);
      const update = due.get(agent.id) ?? null;
      const problems: AgentHealthProblem[] = [
        ...agentHealthProblems(facts.get(agent.id) ?? null, offset, this.thresholds),
        ...[
          versionBehindProblem(agent.version, update, now, update?.lastRefusal, this.thresholds),
        ].filter((problem) => problem !== null),
      ];
      for (const problem of problems) {
        holding.add(`${agent.id}|${problem.code}`);
        const alert = await this.alerts.openOrTouch(
          tx,
          {
            tenantId,
            customerId: agent.customerId,
            deviceId: null,
            agentId: agent.id,
            code: problem.code,
            severity: problem.severity,
            source: 'AGENT_HEALTH',
            message: `${problem.message} (agent ${agent.hostname ?? agent.id})`,
            at: now,
          },
          'agent.health',
        );
        if (alert) opened += 1;
      }
    }
    const checked = agents.map((agent) => agent.id);
    const open = await tx.alert.findMany({
      where: {
        closedAt: null,
        source: 'AGENT_HEALTH',
        code: { in: [...AGENT_HEALTH_CODES] },
        agentId: { in: checked },
      },
      select: { id: true, code: true, agentId: true },
    });
    const toClose = open
      .filter((alert) => !holding.has(`${alert.agentId}|${alert.code}`))
      .map((alert) => alert.id);
    const closed = await this.alerts.closeAll(tx, toClose, now);
    return { opened, closed: closed.length };
  }
}
