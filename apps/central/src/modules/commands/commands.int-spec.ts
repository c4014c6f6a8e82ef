import { createUser, signIn } from '../../platform/graphql/test-support/scenario.js';
import {
  device,
  enrolledAgentOf,
  gatewayRequest,
  pack,
  payloadOf,
  reading,
  startChannel,
  upload,
  type AgentIdentity,
  type Channel,
  type DealerSite,
} from '../../gateway/test-support/agent-channel.js';
import { COMMAND_EXPIRY_JOB, CommandExpiryJob } from './command-expiry.job.js';

const QUEUE = `mutation($input: QueueCommandInput!) { queueCommand(input: $input) { id type status deviceId agentId requestedByKind expiresAt } }`;

describe('commands: queue, pull, result', () => {
  let channel: Channel;
  let fleet: DealerSite & { agent: AgentIdentity };
  let deviceId: string;
  let technicianToken: string;

  beforeAll(async () => {
    channel = await startChannel();
    fleet = await enrolledAgentOf(channel, 'commands');
    const payload = payloadOf(fleet.agent.agentId, [
      device('CMD0001', '127.10.0.4', [reading('2026-03-01T10:00:00.000Z', 1000, 50)]),
    ]);
    await upload(channel, fleet.agent, await pack(fleet.agent, payload));
    const data = await channel.t.client.ok(
      `{ devices { edges { node { id } } } }`,
      {},
      fleet.dealer.adminToken,
    );
    deviceId = data['devices'].edges[0].node.id;
    await channel.t.client.ok(
      `mutation($input: SetCustomerConsentInput!) { setCustomerConsent(input: $input) { id } }`,
      {
        input: {
          customerId: fleet.customerId,
          allowedCommandTypes: ['PRINT_TEST_PAGE', 'REFRESH_STATUS', 'SEND_METERS'],
        },
      },
      fleet.dealer.adminToken,
    );
    const technician = await createUser(channel.t.client, fleet.dealer.adminToken, {
      role: 'DEALER_TECHNICIAN',
    });
    technicianToken = (await signIn(channel.t.client, technician.email)).accessToken;
  }, 120_000);
  afterAll(() => channel?.t.close());

  type Queued = { id: string; type: string; status: string; expiresAt: string };
  const queue = async (type: string): Promise<Queued> =>
    (
      await channel.t.client.ok(
        QUEUE,
        { input: { deviceId, type, params: { copies: 1 } } },
        technicianToken,
      )
    )['queueCommand'] as Queued;
  const pull = () => gatewayRequest(channel, 'GET', 'commands', { identity: fleet.agent });
  const report = (id: string, body: unknown, identity = fleet.agent) =>
    gatewayRequest(channel, 'POST', `commands/${id}/result`, { identity, json: body });

  it('delivers a queued command once and records its result; a second result is 409', async () => {
    const command = await queue('PRINT_TEST_PAGE');
    expect(command).toMatchObject({
      type: 'PRINT_TEST_PAGE',
      status: 'PENDING',
      deviceId,
      agentId: fleet.agent.agentId,
      requestedByKind: 'USER',
    });
    expect(new Date(command.expiresAt).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    const pulled = await pull();
    expect(pulled.status).toBe(200);
    expect(pulled.body.commands).toEqual([
      {
        id: command.id,
        type: 'PRINT_TEST_PAGE',
        deviceId,
        target: { address: '127.10.0.4' },
        params: { copies: 1 },
        createdAt: expect.any(String),
        expiresAt: command.expiresAt,
      },
    ]);
    expect((await pull()).body.commands).toEqual([]);
    const delivered = await channel.t.client.ok(
      `query($id: ID!) { command(id: $id) { status deliveredAt } }`,
      { id: command.id },
      fleet.dealer.adminToken,
    );
    expect(delivered['command'].status).toBe('DELIVERED');

    const done = await report(command.id, {
      status: 'SUCCEEDED',
      message: 'Test page sent (1432 bytes)',
      result: { bytes: 1432 },
      finishedAt: '2026-03-01T10:15:00.000Z',
    });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ id: command.id, status: 'SUCCEEDED' });
    const again = await report(command.id, {
      status: 'FAILED',
      message: 'late',
      result: {},
      finishedAt: new Date().toISOString(),
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'COMMAND_FINAL']);

    const stored = await channel.t.client.ok(
      `query($id: ID!) { command(id: $id) { status result message completedAt } }`,
      { id: command.id },
      fleet.dealer.adminToken,
    );
    expect(stored['command']).toEqual({
      status: 'SUCCEEDED',
      result: { bytes: 1432 },
      message: 'Test page sent (1432 bytes)',
      completedAt: '2026-03-01T10:15:00.000Z',
    });
    const actions = (
      await channel.t.prisma.auditEvent.findMany({
        where: {
          tenantId: fleet.dealer.tenantId,
          action: { in: ['command.queue', 'agent.commands_pull', 'agent.command_result'] },
        },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['command.queue', 'agent.commands_pull', 'agent.command_result']),
    );
  }, 60_000);

  it('stores a locally refused action as FAILED with refused: true', async () => {
    const command = await queue('REFRESH_STATUS');
    await pull();
    const refused = await report(command.id, {
      status: 'REFUSED',
      message: 'REFRESH_STATUS is disabled in this agent',
      result: {},
      finishedAt: new Date().toISOString(),
    });
    expect(refused.body).toEqual({ id: command.id, status: 'FAILED' });
    const row = await channel.t.prisma.command.findFirstOrThrow({
      where: { tenantId: fleet.dealer.tenantId, id: command.id },
    });
    expect(row).toMatchObject({
      status: 'FAILED',
      result: { refused: true },
      errorMessage: 'REFRESH_STATUS is disabled in this agent',
    });
  }, 60_000);

  it("keeps what an action learned on its device, and offers the device's actions from it", async () => {
    const capabilities = async () =>
      (
        await channel.t.client.ok(
          `query($id: ID!) { device(id: $id) { capabilities {
             rawPrintPort rawPrintPortCheckedAt pjl pjlId writeCredential lastSet
             actions { type available reason } } } }`,
          { id: deviceId },
          technicianToken,
        )
      )['device'].capabilities as Record<string, unknown> & {
        actions: { type: string; available: boolean; reason: string | null }[];
      };
    const before = await capabilities();
    expect(before).toMatchObject({ rawPrintPort: null, pjl: null, writeCredential: null });
    const command = await queue('PRINT_TEST_PAGE');
    await pull();
    await report(command.id, {
      status: 'FAILED',
      message: 'Could not send the test page to 127.10.0.4:9100: connect ECONNREFUSED',
      result: { code: 'TEST_PAGE_FAILED', capabilities: { rawPrintPort: false, pjl: 'junk' } },
      finishedAt: new Date().toISOString(),
    });
    const after = await capabilities();
    expect(after).toMatchObject({ rawPrintPort: false, pjl: null, pjlId: null, lastSet: null });
    expect(typeof after['rawPrintPortCheckedAt']).toBe('string');
    const offered = Object.fromEntries(after.actions.map((a) => [a.type, a]));
    expect(offered['TROUBLESHOOT']).toEqual({
      type: 'TROUBLESHOOT',
      available: true,
      reason: null,
    });
    expect(offered['PRINT_TEST_PAGE']).toMatchObject({ available: false });
    expect(offered['PRINT_TEST_PAGE']!.reason).toMatch(/^The raw print port \(9100\) was closed/);
    expect(offered['REBOOT']).toMatchObject({
      available: false,
      reason:
        'Not known yet whether a write community is configured for this printer: run Troubleshoot',
    });
  }, 60_000);

  it("answers 404 for unknown ids and for another agent's commands", async () => {
    const command = await queue('SEND_METERS');
    const stranger = await enrolledAgentOf(channel, 'commands-stranger');
    const foreign = await report(
      command.id,
      { status: 'SUCCEEDED', message: '', result: {} },
      stranger.agent,
    );
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'COMMAND_NOT_FOUND']);
    const unknown = await report('00000000-0000-4000-8000-000000000000', {
      status: 'SUCCEEDED',
      message: '',
      result: {},
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'COMMAND_NOT_FOUND']);
    const notUuid = await report('cmd_7', { status: 'SUCCEEDED', message: '', result: {} });
    expect(notUuid.status).toBe(404);
    const badBody = await report(command.id, { status: 'DONE' });
    expect([badBody.status, badBody.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    await channel.t.client.ok(
      `mutation($id: ID!) { cancelCommand(id: $id) { status } }`,
      { id: command.id },
      technicianToken,
    );
  }, 60_000);

  it("refuses actions outside the customer's consent", async () => {
    const result = await channel.t.client.request(
      QUEUE,
      { input: { deviceId, type: 'REBOOT' } },
      technicianToken,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ACTION_NOT_CONSENTED',
      type: 'REBOOT',
    });
    const billing = await createUser(channel.t.client, fleet.dealer.adminToken, {
      role: 'DEALER_BILLING',
    });
    const billingToken = (await signIn(channel.t.client, billing.email)).accessToken;
    expect(
      await channel.t.client.errorCode(
        QUEUE,
        { input: { deviceId, type: 'SEND_METERS' } },
        billingToken,
      ),
    ).toBe('FORBIDDEN');
    // Another tenant cannot queue for this device at all.
    const other = await enrolledAgentOf(channel, 'commands-other');
    expect(
      await channel.t.client.errorCode(
        QUEUE,
        { input: { deviceId, type: 'SEND_METERS' } },
        other.dealer.adminToken,
      ),
    ).toBe('NOT_FOUND');
  }, 60_000);

  it('expires overdue commands (on pull and by the sweep) and cancels open ones', async () => {
    const tenantId = fleet.dealer.tenantId;
    const overdue = await queue('SEND_METERS');
    await channel.t.prisma.command.updateMany({
      where: { tenantId, id: overdue.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await pull()).body.commands).toEqual([]);
    expect(
      (await channel.t.prisma.command.findFirstOrThrow({ where: { tenantId, id: overdue.id } }))
        .status,
    ).toBe('EXPIRED');
    const late = await report(overdue.id, { status: 'SUCCEEDED', message: '', result: {} });
    expect([late.status, late.body.error.code]).toEqual([409, 'COMMAND_FINAL']);

    const swept = await queue('SEND_METERS');
    await channel.t.prisma.command.updateMany({
      where: { tenantId, id: swept.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await channel.t.app.get(CommandExpiryJob).sweep()).toBeGreaterThanOrEqual(1);
    expect(
      (await channel.t.prisma.command.findFirstOrThrow({ where: { tenantId, id: swept.id } }))
        .status,
    ).toBe('EXPIRED');

    const cancelled = await queue('SEND_METERS');
    const result = await channel.t.client.ok(
      `mutation($id: ID!) { cancelCommand(id: $id) { status cancelledAt } }`,
      { id: cancelled.id },
      technicianToken,
    );
    expect(result['cancelCommand'].status).toBe('CANCELLED');
    expect((await pull()).body.commands).toEqual([]);
    expect(
      await channel.t.client.errorCode(
        `mutation($id: ID!) { cancelCommand(id: $id) { status } }`,
        { id: cancelled.id },
        technicianToken,
      ),
    ).toBe('CONFLICT');

    const listed = await channel.t.client.ok(
      `query($d: ID) { commands(deviceId: $d, status: EXPIRED) { edges { node { id } } } }`,
      { d: deviceId },
      fleet.dealer.adminToken,
    );
    expect((listed['commands'].edges as { node: { id: string } }[]).map((e) => e.node.id)).toEqual([
      swept.id,
      overdue.id,
    ]);
  }, 60_000);

  it('queues agent-wide commands without a device, and wants exactly one target', async () => {
    const data = await channel.t.client.ok(
      QUEUE,
      { input: { agentId: fleet.agent.agentId, type: 'REFRESH_STATUS' } },
      technicianToken,
    );
    const command = data['queueCommand'] as {
      id: string;
      deviceId: string | null;
      agentId: string;
    };
    expect(command).toMatchObject({ deviceId: null, agentId: fleet.agent.agentId });
    const pulled = await pull();
    expect(pulled.body.commands).toEqual([
      expect.objectContaining({
        id: command.id,
        type: 'REFRESH_STATUS',
        deviceId: null,
        target: null,
      }),
    ]);
    await report(command.id, { status: 'SUCCEEDED', message: 'ok', result: {} });
    expect(
      await channel.t.client.errorCode(
        QUEUE,
        { input: { type: 'REFRESH_STATUS' } },
        technicianToken,
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      await channel.t.client.errorCode(
        QUEUE,
        { input: { deviceId, agentId: fleet.agent.agentId, type: 'REFRESH_STATUS' } },
        technicianToken,
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      await channel.t.client.errorCode(
        QUEUE,
        { input: { agentId: fleet.agent.agentId, type: 'UPDATE_SETTINGS' } },
        technicianToken,
      ),
    ).toBe('FORBIDDEN');
  }, 60_000);

  it('applies command results that arrive inside an upload', async () => {
    const command = await queue('PRINT_TEST_PAGE');
    await pull();
    const payload = payloadOf(
      fleet.agent.agentId,
      [device('CMD0001', '127.10.0.4', [reading('2026-03-01T11:00:00.000Z', 1010, 50)])],
      {
        commandResults: [
          {
            commandId: command.id,
            status: 'SUCCEEDED',
            finishedAt: '2026-03-01T11:00:05.000Z',
            message: 'Test page sent',
          },
        ],
      },
    );
    expect((await upload(channel, fleet.agent, await pack(fleet.agent, payload))).body.status).toBe(
      'accepted',
    );
    const row = await channel.t.prisma.command.findFirstOrThrow({
      where: { tenantId: fleet.dealer.tenantId, id: command.id },
    });
    expect(row).toMatchObject({ status: 'SUCCEEDED', errorMessage: 'Test page sent' });
    expect(row.completedAt?.toISOString()).toBe('2026-03-01T11:00:05.000Z');
  }, 60_000);

  it('runs the expiry on pg-boss and audits it once in each tenant whose commands expired', async () => {
    const schedules = await channel.t.prisma.$queryRawUnsafe<{ cron: string }[]>(
      `SELECT cron FROM "${channel.t.config.jobQueueSchema}".schedule WHERE name = $1`,
      COMMAND_EXPIRY_JOB,
    );
    expect(schedules).toEqual([{ cron: '* * * * *' }]);

    // Due half an hour from now and swept "an hour from now": the minute job cannot take them first.
    const dueAt = new Date(Date.now() + 30 * 60_000);
    const sweepAt = new Date(Date.now() + 60 * 60_000);
    const tenantA = fleet.dealer.tenantId;
    const first = await queue('SEND_METERS');
    const second = await queue('REFRESH_STATUS');
    await channel.t.prisma.command.updateMany({
      where: { tenantId: tenantA, id: { in: [first.id, second.id] } },
      data: { expiresAt: dueAt },
    });
    const fleetB = await enrolledAgentOf(channel, 'commands-expiry');
    const tenantB = fleetB.dealer.tenantId;
    const onlyB = await channel.t.prisma.command.create({
      data: {
        tenantId: tenantB,
        customerId: fleetB.customerId,
        agentId: fleetB.agent.agentId,
        type: 'REFRESH_STATUS',
        requestedByKind: 'SYSTEM',
        expiresAt: dueAt,
      },
    });

    expect(await channel.t.app.get(CommandExpiryJob).sweep(sweepAt)).toBeGreaterThanOrEqual(3);
    const expired = await channel.t.prisma.command.findMany({
      where: { id: { in: [first.id, second.id, onlyB.id] } },
      select: { status: true, completedAt: true },
    });
    expect(expired).toEqual(Array(3).fill({ status: 'EXPIRED', completedAt: sweepAt }));

    const events = await channel.t.prisma.auditEvent.findMany({
      where: { tenantId: { in: [tenantA, tenantB] }, action: 'command.expire', at: sweepAt },
    });
    expect(events).toHaveLength(2);
    const byTenant = new Map(events.map((event) => [event.tenantId, event]));
    expect(byTenant.get(tenantA)).toMatchObject({
      actorKind: 'SYSTEM',
      actorId: 'command-expiry',
      targetType: 'Command',
      targetId: null,
      outcome: 'SUCCESS',
      details: { count: 2, ids: expect.arrayContaining([first.id, second.id]) },
      at: sweepAt,
    });
    expect(byTenant.get(tenantB)).toMatchObject({
      actorKind: 'SYSTEM',
      actorId: 'command-expiry',
      targetId: onlyB.id,
      details: { count: 1, ids: [onlyB.id] },
    });

    // The tenant's own trail shows it; a second sweep has nothing left and audits nothing.
    const trail = await channel.t.client.ok(
      `{ auditEvents(first: 50) { edges { node { action actor targetType } } } }`,
      {},
      fleet.dealer.adminToken,
    );
    expect(trail['auditEvents'].edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
      action: 'command.expire',
      actor: 'SYSTEM:command-expiry',
      targetType: 'Command',
    });
    await channel.t.app.get(CommandExpiryJob).sweep(sweepAt);
    expect(
      await channel.t.prisma.auditEvent.count({
        where: { tenantId: { in: [tenantA, tenantB] }, action: 'command.expire', at: sweepAt },
      }),
    ).toBe(2);
  }, 90_000);
});
