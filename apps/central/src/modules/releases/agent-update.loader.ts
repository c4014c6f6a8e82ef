import { Inject, Injectable } from '@nestjs/common';
import { oneBy, type RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import type { AgentUpdateStatus } from './release.model.js';
import { ReleasesRepository } from './releases.repository.js';
import { describeAgentUpdate, mostSpecificTarget } from './update-plan.js';

export type AgentUpdateKey = {
  agentId: string;
  customerId: string;
  running: string | null;
  platform: string | null;
};

/**
 * `Agent.update` for every agent of one request (one transaction, one release list), and
 * `Customer.agentUpdatesAllowed` for every customer of one request.
 */
@Injectable()
export class AgentUpdateLoader {
  constructor(
    @Inject(ReleasesRepository) private readonly repository: ReleasesRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
  ) {}

  statusOf(loaders: RequestLoaders, key: AgentUpdateKey): Promise<AgentUpdateStatus> {
    return loaders.load(this.status, key, undefined);
  }

  consentOf(loaders: RequestLoaders, customerId: string): Promise<boolean> {
    return loaders.load(this.consents, customerId, undefined);
  }

  private readonly consents = async (customerIds: readonly string[]): Promise<boolean[]> => {
    const refused = await this.db.run((tx) => this.repository.refusedConsents(tx, customerIds));
    return customerIds.map((id) => !refused.has(id));
  };

  private readonly status = async (
    keys: readonly AgentUpdateKey[],
  ): Promise<AgentUpdateStatus[]> => {
    const agentIds = keys.map((key) => key.agentId);
    const { targets, refused, reports } = await this.db.run(async (tx) => ({
      targets: await this.repository.listTargets(tx),
      refused: await this.repository.refusedConsents(tx, [
        ...new Set(keys.map((key) => key.customerId)),
      ]),
      reports: await this.repository.latestReports(tx, agentIds),
    }));
    const releases = targets.length > 0 ? await this.platformDb.agentReleases(null) : [];
    const lastReports = oneBy(agentIds, reports, (report) => report.agentId);
    return keys.map((key, index) => ({
      ...describeAgentUpdate({
        agentId: key.agentId,
        running: key.running,
        platform: key.platform,
        consent: !refused.has(key.customerId),
        target: mostSpecificTarget(targets, key),
        releases,
      }),
      lastReport: lastReports[index] ?? null,
    }));
  };
}
