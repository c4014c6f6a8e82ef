import { createHash } from 'node:crypto';
import { compareVersions } from '@printbeat/domain';

export type ChannelName = 'STABLE' | 'BETA';

/** What a dealer set for a scope (tenant, customer or agent). */
export type TargetChoice = {
  scope: string;
  channel: ChannelName;
  version: string | null;
  rolloutPercent: number;
  allowDowngrade: boolean;
};

export type ReleaseChoice = {
  id: string;
  version: string;
  platform: string;
  channel: ChannelName;
  sha256: string;
  size: number;
  manifestJws: string;
};

/** `GET /agent/v1/update`: the release to install, or null and why not (the agent logs it). */
export type UpdateAnswer = {
  target: {
    releaseId: string;
    version: string;
    platform: string;
    size: number;
    sha256: string;
    /** The manifest as the release key signed it (compact JWS). */
    manifest: string;
    /** Older than the running version: the dealer asked for this downgrade explicitly. */
    downgrade: boolean;
  } | null;
  reason: string | null;
};

export const targetScope = {
  tenant: 'tenant',
  customer: (customerId: string) => `customer:${customerId}`,
  agent: (agentId: string) => `agent:${agentId}`,
};

/** The agent's own target, else its customer's, else the tenant's. */
export function mostSpecificTarget<T extends TargetChoice>(
  targets: readonly T[],
  agent: { agentId: string; customerId: string },
): T | null {
  for (const scope of [
    targetScope.agent(agent.agentId),
    targetScope.customer(agent.customerId),
    targetScope.tenant,
  ]) {
    const found = targets.find((target) => target.scope === scope);
    if (found) return found;
  }
  return null;
}

/**
 * The agent's place in a staged rollout of `version`, 0–99, from a hash of the agent id and the
 * version: the same on every replica and poll, and a different first group for each release.
 */
export function rolloutBucket(agentId: string, version: string): number {
  return createHash('sha256').update(`${agentId}/${version}`).digest().readUInt32BE(0) % 100;
}

/** The release a target names on this platform: its version, or its channel's newest. */
function releaseFor(
  target: TargetChoice,
  releases: readonly ReleaseChoice[],
): ReleaseChoice | null {
  if (target.version !== null) return releases.find((r) => r.version === target.version) ?? null;
  const eligible = releases.filter((r) => target.channel === 'BETA' || r.channel === 'STABLE');
  return eligible.reduce<ReleaseChoice | null>(
    (newest, r) => (!newest || compareVersions(r.version, newest.version) > 0 ? r : newest),
    null,
  );
}

/** Whether and what this agent should install now. `releases`: those of its platform. */
export function planUpdate(input: {
  agentId: string;
  running: string;
  platform: string;
  consent: boolean;
  target: TargetChoice | null;
  releases: readonly ReleaseChoice[];
}): UpdateAnswer {
  const none = (reason: string): UpdateAnswer => ({ target: null, reason });
  if (!input.consent) return none('the customer has not consented to agent updates');
  const target = input.target;
  if (!target) return none('no target version is set for this agent');
  const release = releaseFor(target, input.releases);
  if (!release) {
    return none(
      target.version !== null
        ? `release ${target.version} is not published for ${input.platform}`
        : `no ${target.channel.toLowerCase()} release is published for ${input.platform}`,
    );
  }
  const order = compareVersions(release.version, input.running);
  if (order === 0) return none(`running the target version ${release.version}`);
  if (order < 0 && !target.allowDowngrade) {
    return none(
      `target ${release.version} is older than the running ${input.running}: a downgrade needs allowDowngrade`,
    );
  }
  const bucket = rolloutBucket(input.agentId, release.version);
  if (bucket >= target.rolloutPercent) {
    return none(
      `staged rollout of ${release.version} at ${target.rolloutPercent}%: this agent (bucket ${bucket}) is not in it yet`,
    );
  }
  return {
    target: {
      releaseId: release.id,
      version: release.version,
      platform: release.platform,
      size: release.size,
      sha256: release.sha256,
      manifest: release.manifestJws,
      downgrade: order < 0,
    },
    reason: null,
  };
}

/**
 * The platform an agent's releases are named for: the one it reports (`linux-x64-sea` for the
 * single executable), else `os-arch` from its facts (agents before that fact).
 */
export function agentPlatform(
  facts: { os: string | null; arch: string | null; releasePlatform?: string | null } | null,
): string | null {
  if (facts?.releasePlatform) return facts.releasePlatform;
  const os = facts?.os?.split(' ')[0];
  return os && facts?.arch ? `${os}-${facts.arch}` : null;
}

export type AgentUpdateView = {
  targetVersion: string | null;
  offered: boolean;
  downgrade: boolean;
  reason: string | null;
};

/**
 * What the portal shows for an agent: the same plan as its next command poll would get, or why
 * none can be made yet (no version or platform reported).
 */
export function describeAgentUpdate(input: {
  agentId: string;
  running: string | null;
  platform: string | null;
  consent: boolean;
  target: TargetChoice | null;
  releases: readonly ReleaseChoice[];
}): AgentUpdateView {
  const { running, platform, target } = input;
  if (running === null || platform === null) {
    return {
      targetVersion: target?.version ?? null,
      offered: false,
      downgrade: false,
      reason: 'the agent has not reported its version and platform yet',
    };
  }
  const mine = input.releases.filter((release) => release.platform === platform);
  const plan = planUpdate({ ...input, running, platform, releases: mine });
  return {
    targetVersion:
      plan.target?.version ??
      (target ? (releaseFor(target, mine)?.version ?? target.version) : null),
    offered: plan.target !== null,
    downgrade: plan.target?.downgrade ?? false,
    reason: plan.reason,
  };
}
