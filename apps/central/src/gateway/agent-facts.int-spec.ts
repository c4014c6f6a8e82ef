import {
  startSmtpSinkProcess,
  type SmtpSinkProcess,
} from '../../../../tools/testing/smtp-sink-process.js';
import { SilenceMonitor } from '../modules/alerts/silence-monitor.js';
import { inTenant } from '../modules/usage/test-support/domain-test-app.js';
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
    os arch releasePlatform cpus memoryTotalBytes memoryFreeBytes diskFreeBytes rssBytes uptimeSeconds
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
  releasePlatform: 'linux-arm64-sea',
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
  let sink: SmtpSinkProcess;

  beforeAll(async () => {
    sink = await startSmtpSinkProcess();
    channel = await startChannel({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      SMTP_FROM: 'alerts@dealer.test',
    });
    fleet = await enrolledAgentOf(channel, 'facts');
  }, 120_000);
  afterAll(async () => {
    await channel?.t.close();
    await sink?.stop();
  });

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

  it('raises agent health alerts from the reported facts and closes them when they clear', async () => {
    const monitor = channel.t.app.get(SilenceMonitor);
    const check = () => inTenant(fleet.dealer.tenantId, () => monitor.checkTenant(new Date()));
    const healthAlerts = async () =>
      (
        await channel.t.client.ok<{
          alerts: { edges: { node: { code: string; agentId: string; message: string } }[] };
        }>(
          `{ alerts(open: true, first: 50) { edges { node { code agentId source message } } } }`,
          {},
          fleet.dealer.adminToken,
        )
      ).alerts.edges
        .map((edge) => edge.node)
        .filter((node) => node.code.startsWith('AGENT_') && node.code !== 'AGENT_SILENT');

    await channel.t.client.ok(
      `mutation($input: CreateNotificationPolicyInput!) { createNotificationPolicy(input: $input) { id } }`,
      {
        input: {
          name: 'Agent health',
          eventTypes: ['AGENT_HEALTH'],
          recipientEmails: ['it@customer.test'],
        },
      },
      fleet.dealer.adminToken,
    );
    const sick = {
      ...FACTS,
      diskFreeBytes: 100 * 1024 * 1024,
      spoolPendingFiles: 40,
      spoolOldestPendingSeconds: 3 * 86_400,
      collectionPrinters: 8,
      collectionAnswered: 1,
      collectionDurationMs: 16_000,
      collectionAgeSeconds: 120,
    };
    expect((await poll(JSON.stringify(sick))).status).toBe(200);
    await check();
    const opened = await healthAlerts();
    expect(opened.map((alert) => alert.code).sort()).toEqual([
      'AGENT_COLLECTION_FAILING',
      'AGENT_DISK_LOW',
      'AGENT_SPOOL_BACKLOG',
    ]);
    expect(opened.every((alert) => alert.agentId === fleet.agent.agentId)).toBe(true);
    expect(opened.find((alert) => alert.code === 'AGENT_DISK_LOW')?.message).toMatch(
      /^Disk almost full: 100 MiB free/,
    );
    // The agent's page asks for its own alerts only.
    const alertsOfAgent = async (agentId: string) =>
      (
        await channel.t.client.ok<{ alerts: { edges: { node: { code: string } }[] } }>(
          `query($agentId: ID) { alerts(agentId: $agentId, open: true) { edges { node { code } } } }`,
          { agentId },
          fleet.dealer.adminToken,
        )
      ).alerts.edges.map((edge) => edge.node.code);
    expect((await alertsOfAgent(fleet.agent.agentId)).sort()).toEqual([
      'AGENT_COLLECTION_FAILING',
      'AGENT_DISK_LOW',
      'AGENT_SPOOL_BACKLOG',
    ]);
    expect(await alertsOfAgent('00000000-0000-4000-8000-000000000000')).toEqual([]);
    // Through the notification path like device alerts: a policy for agent health gets them.
    const events = await channel.t.prisma.notificationEvent.findMany({
      where: { tenantId: fleet.dealer.tenantId, eventType: 'agent.health' },
    });
    expect(events.map((event) => (event.data as { code: string }).code).sort()).toEqual([
      'AGENT_COLLECTION_FAILING',
      'AGENT_DISK_LOW',
      'AGENT_SPOOL_BACKLOG',
    ]);
    const mail = await sink.waitForMessage(
      (m) => m.to.includes('it@customer.test') && (m.subject ?? '').includes('Disk almost full'),
      30_000,
    );
    expect(mail.subject).toMatch(/^Agent health: Disk almost full/);

    // Checking again opens nothing new; healthy facts close all three.
    expect((await check()).opened).toBe(0);
    expect((await poll(JSON.stringify({ ...sick, ...FACTS, collectionAnswered: 8 }))).status).toBe(
      200,
    );
    expect((await check()).closed).toBe(3);
    expect(await healthAlerts()).toEqual([]);
  }, 60_000);

  it('keeps a short history: one snapshot per quarter hour, a week long', async () => {
    const history = async (hours = 24) =>
      (
        await channel.t.client.ok<{
          agent: { factsHistory: { at: string; facts: { diskFreeBytes: number } }[] };
        }>(
          `query($id: ID!, $hours: Int!) { agent(id: $id) { factsHistory(hours: $hours) { at facts { diskFreeBytes } } } }`,
          { id: fleet.agent.agentId, hours },
          fleet.dealer.adminToken,
        )
      ).agent.factsHistory;
    const kept = await history();
    expect(kept.length).toBeGreaterThanOrEqual(1);
    // Calls within the quarter hour add no snapshot.
    await poll(JSON.stringify({ ...FACTS, diskFreeBytes: 1_000_000_000 }));
    expect(await history()).toHaveLength(kept.length);

    // Older snapshots: the ones within the hours asked for are listed, oldest first; a new
    // snapshot (the newest is now over a quarter hour old) drops those older than a week.
    const { tenantId } = fleet.dealer;
    const agent = await channel.t.prisma.agent.findFirstOrThrow({
      where: { tenantId, id: fleet.agent.agentId },
    });
    await channel.t.prisma.agentFactsSnapshot.updateMany({
      where: { tenantId, agentId: agent.id },
      data: { at: new Date(Date.now() - 20 * 60_000) },
    });
    const plant = (hoursAgo: number, diskFreeBytes: number) =>
      channel.t.prisma.agentFactsSnapshot.create({
        data: {
          tenantId,
          customerId: agent.customerId,
          agentId: agent.id,
          at: new Date(Date.now() - hoursAgo * 3_600_000),
          facts: { ...FACTS, diskFreeBytes },
        },
      });
    await plant(8 * 24, 1);
    await plant(30, 2);
    await poll(JSON.stringify({ ...FACTS, diskFreeBytes: 3 }));
    const week = await history(168);
    expect(week.map((snapshot) => snapshot.facts.diskFreeBytes)).toEqual([
      2,
      ...kept.map(() => FACTS.diskFreeBytes),
      3,
    ]);
    expect((await history(24)).map((snapshot) => snapshot.facts.diskFreeBytes)).toEqual([
      ...kept.map(() => FACTS.diskFreeBytes),
      3,
    ]);
    expect(
      await channel.t.prisma.agentFactsSnapshot.count({
        where: { tenantId, agentId: agent.id, at: { lt: new Date(Date.now() - 7 * 86_400_000) } },
      }),
    ).toBe(0);

    const code = await channel.t.client.errorCode(
      `query($id: ID!) { agent(id: $id) { factsHistory(hours: 500) { at } } }`,
      { id: fleet.agent.agentId },
      fleet.dealer.adminToken,
    );
    expect(code).toBe('BAD_USER_INPUT');
  }, 60_000);
});
