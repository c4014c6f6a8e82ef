import { randomUUID } from 'node:crypto';
import {
  agentPlatform,
  describeAgentUpdate,
  mostSpecificTarget,
  planUpdate,
  rolloutBucket,
  type ReleaseChoice,
  type TargetChoice,
} from './update-plan.js';

const release = (version: string, channel: 'STABLE' | 'BETA' = 'STABLE'): ReleaseChoice => ({
  id: `r-${version}`,
  version,
  platform: 'linux-x64',
  channel,
  sha256: 'a'.repeat(64),
  size: 10,
  manifestJws: `jws-${version}`,
});

const target = (over: Partial<TargetChoice> = {}): TargetChoice => ({
  scope: 'tenant',
  channel: 'STABLE',
  version: null,
  rolloutPercent: 100,
  allowDowngrade: false,
  ...over,
});

const plan = (over: Partial<Parameters<typeof planUpdate>[0]> = {}) =>
  planUpdate({
    agentId: 'agent-1',
    running: '1.0.0',
    platform: 'linux-x64',
    consent: true,
    target: target(),
    releases: [release('1.1.0'), release('1.2.0-beta.1', 'BETA'), release('0.9.0')],
    ...over,
  });

describe('rolloutBucket', () => {
  it('is deterministic per agent and version, and spreads agents evenly over 0–99', () => {
    const agents = Array.from({ length: 4000 }, () => randomUUID());
    const buckets = agents.map((id) => rolloutBucket(id, '2.0.0'));
    expect(agents.map((id) => rolloutBucket(id, '2.0.0'))).toEqual(buckets);
    expect(Math.min(...buckets)).toBe(0);
    expect(Math.max(...buckets)).toBe(99);
    const inTen = buckets.filter((b) => b < 10).length / agents.length;
    expect(inTen).toBeGreaterThan(0.07);
    expect(inTen).toBeLessThan(0.13);
    // Another release picks another first group.
    const next = agents.map((id) => rolloutBucket(id, '2.0.1'));
    expect(next).not.toEqual(buckets);
  });

  it('grows the group as the percentage grows: an agent in at 10 % stays in at 50 %', () => {
    const agents = Array.from({ length: 500 }, () => randomUUID());
    const offered = (percent: number) =>
      agents.filter(
        (agentId) => plan({ agentId, target: target({ rolloutPercent: percent }) }).target !== null,
      );
    const at10 = offered(10);
    const at50 = offered(50);
    expect(at10.length).toBeGreaterThan(20);
    expect(at10.every((id) => at50.includes(id))).toBe(true);
    expect(offered(0)).toEqual([]);
    expect(offered(100)).toEqual(agents);
  });
});

describe('planUpdate', () => {
  it('offers the newest stable release to a stable target', () => {
    expect(plan()).toEqual({
      target: {
        releaseId: 'r-1.1.0',
        version: '1.1.0',
        platform: 'linux-x64',
        size: 10,
        sha256: 'a'.repeat(64),
        manifest: 'jws-1.1.0',
        downgrade: false,
      },
      reason: null,
    });
  });

  it('a beta target also sees beta releases', () => {
    expect(plan({ target: target({ channel: 'BETA' }) }).target?.version).toBe('1.2.0-beta.1');
  });

  it('says why nothing is offered', () => {
    expect(plan({ consent: false }).reason).toBe('the customer has not consented to agent updates');
    expect(plan({ target: null }).reason).toBe('no target version is set for this agent');
    expect(plan({ running: '1.1.0' }).reason).toBe('running the target version 1.1.0');
    expect(plan({ target: target({ version: '3.0.0' }) }).reason).toBe(
      'release 3.0.0 is not published for linux-x64',
    );
    expect(plan({ releases: [] }).reason).toBe('no stable release is published for linux-x64');
  });

  it('downgrades only when the target allows it, and says so to the agent', () => {
    expect(plan({ target: target({ version: '0.9.0' }) })).toEqual({
      target: null,
      reason: 'target 0.9.0 is older than the running 1.0.0: a downgrade needs allowDowngrade',
    });
    const allowed = plan({ target: target({ version: '0.9.0', allowDowngrade: true }) });
    expect(allowed.target).toMatchObject({ version: '0.9.0', downgrade: true });
    // A channel's newest release older than the running one is no downgrade request.
    expect(plan({ running: '1.5.0' }).target).toBeNull();
  });
});

describe('mostSpecificTarget', () => {
  const targets = [
    target({ scope: 'tenant', version: '1.0.0' }),
    target({ scope: 'customer:c1', version: '1.1.0' }),
    target({ scope: 'agent:a1', version: '1.2.0' }),
  ];
  it('prefers the agent’s own, then its customer’s, then the tenant’s', () => {
    expect(mostSpecificTarget(targets, { agentId: 'a1', customerId: 'c1' })?.version).toBe('1.2.0');
    expect(mostSpecificTarget(targets, { agentId: 'a2', customerId: 'c1' })?.version).toBe('1.1.0');
    expect(mostSpecificTarget(targets, { agentId: 'a2', customerId: 'c2' })?.version).toBe('1.0.0');
    expect(mostSpecificTarget([], { agentId: 'a2', customerId: 'c2' })).toBeNull();
  });
});

describe('describeAgentUpdate', () => {
  const describeFor = (over: Partial<Parameters<typeof describeAgentUpdate>[0]> = {}) =>
    describeAgentUpdate({
      agentId: 'agent-1',
      running: '1.0.0',
      platform: 'linux-x64',
      consent: true,
      target: target(),
      releases: [release('1.1.0'), { ...release('1.3.0'), platform: 'win32-x64' }],
      ...over,
    });

  it('is the plan of the agent’s next poll, on its own platform only', () => {
    expect(describeFor()).toEqual({
      targetVersion: '1.1.0',
      offered: true,
      downgrade: false,
      reason: null,
    });
  });

  it('names the target version and the reason when nothing is offered', () => {
    expect(describeFor({ running: '1.1.0' })).toEqual({
      targetVersion: '1.1.0',
      offered: false,
      downgrade: false,
      reason: 'running the target version 1.1.0',
    });
    expect(describeFor({ target: target({ version: '2.0.0' }) })).toMatchObject({
      targetVersion: '2.0.0',
      offered: false,
      reason: 'release 2.0.0 is not published for linux-x64',
    });
    expect(describeFor({ target: null })).toMatchObject({ targetVersion: null, offered: false });
  });

  it('says so when the agent has not reported its version or platform', () => {
    expect(describeFor({ platform: null, target: target({ version: '1.1.0' }) })).toEqual({
      targetVersion: '1.1.0',
      offered: false,
      downgrade: false,
      reason: 'the agent has not reported its version and platform yet',
    });
  });
});

describe('agentPlatform', () => {
  it('is os-arch from the reported facts, as in release manifests', () => {
    expect(agentPlatform({ os: 'linux 6.8.0-45-generic', arch: 'x64' })).toBe('linux-x64');
    expect(agentPlatform({ os: 'linux', arch: null })).toBeNull();
    expect(agentPlatform(null)).toBeNull();
  });

  it('takes the release platform the agent reports (a single executable is linux-x64-sea)', () => {
    expect(
      agentPlatform({ os: 'linux 6.8.0', arch: 'x64', releasePlatform: 'linux-x64-sea' }),
    ).toBe('linux-x64-sea');
  });
});
