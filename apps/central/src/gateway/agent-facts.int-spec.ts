import {
  enrolledAgentOf,
  gatewayRequest,
  startChannel,
  type AgentIdentity,
  type Channel,
  type DealerSite,
} from './test-support/agent-channel.js';

const AGENT_QUERY = `query($id: ID!) { agent(id: $id) {
  version lockDown factsAt
  facts {
    os arch cpus memoryTotalBytes memoryFreeBytes diskFreeBytes rssBytes uptimeSeconds
    spoolPendingFiles spoolPendingBytes spoolOldestPendingSeconds lockDown configVersion
  }
} }`;

type AgentNode = {
  version: string | null;
  lockDown: boolean;
  factsAt: string | null;
  facts: Record<string, unknown> | null;
};

const FACTS = {
  version: '7.3.1',
  os: 'linux 6.8.0-45-generic',
  arch: 'arm64',
  cpus: 4,
  memoryTotalBytes: 8_000_000_000,
  memoryFreeBytes: 2_500_000_000,
  diskFreeBytes: 64_000_000_000,
  rssBytes: 91_000_000,
  uptimeSeconds: 86_400,
  spoolPendingFiles: 3,
  spoolPendingBytes: 12_345,
  spoolOldestPendingSeconds: 900,
  lockDown: true,
  configVersion: 1,
};

/** Facts ride on any authenticated call (X-Agent-Facts) and never cause a refusal. */
describe('agent facts through the mTLS gateway', () => {
  let channel: Channel;
  let fleet: DealerSite & { agent: AgentIdentity };

  beforeAll(async () => {
    channel = await startChannel();
    fleet = await enrolledAgentOf(channel, 'facts');
  }, 120_000);
  afterAll(() => channel?.t.close());

  const agentNode = async () =>
    (
      await channel.t.client.ok<{ agent: AgentNode }>(
        AGENT_QUERY,
        { id: fleet.agent.agentId },
        fleet.dealer.adminToken,
      )
    ).agent;

  const poll = (facts: string) =>
    gatewayRequest(channel, 'GET', 'commands', {
      identity: fleet.agent,
      headers: { 'x-agent-facts': facts },
    });

  it('stores the facts of a command poll and keeps the version current', async () => {
    const before = await agentNode();
    expect(before.facts).toBeNull();
    expect(before.version).not.toBe(FACTS.version);

    const answer = await poll(JSON.stringify(FACTS));
    expect(answer.status).toBe(200);

    const after = await agentNode();
    const { version, ...reported } = FACTS;
    expect(after).toEqual({
      version,
      lockDown: true,
      factsAt: expect.any(String),
      facts: reported,
    });
  }, 60_000);

  it('ignores garbage and oversize facts without refusing the call', async () => {
    const stored = await agentNode();
    for (const garbage of [
      '{not json',
      JSON.stringify({ ...FACTS, version: 'x', cpus: 'many' }),
      JSON.stringify({ ...FACTS, version: 'y', os: 'z'.repeat(3000) }),
    ]) {
      const answer = await poll(garbage);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ commands: [], configVersion: 1 });
    }
    expect(await agentNode()).toEqual(stored);
  }, 60_000);
});
