import type { AgentCommand } from '../gateway-client/protocol.js';
import { runCommand, type ActionHandlers, type CommandPermissions } from './run-command.js';

const at = () => new Date('2026-11-21T12:00:00Z');
const command = (
  type: AgentCommand['type'],
  address: string | null = '127.10.0.1',
): AgentCommand => ({
  id: 'c1',
  type,
  deviceId: 'd1',
  target: address ? { address } : null,
  params: {},
  createdAt: '2026-11-21T11:59:00Z',
  expiresAt: '2026-11-21T13:00:00Z',
});

function handlers(calls: string[]): ActionHandlers {
  const record = (name: string) => (arg?: string) => {
    calls.push(arg ? `${name}:${arg}` : name);
    return Promise.resolve({ ok: name });
  };
  return {
    refreshStatus: record('refresh'),
    sendMeters: record('meters'),
    printTestPage: record('testPage'),
    reboot: record('reboot'),
    troubleshoot: record('troubleshoot'),
    updateSettings: record('settings'),
  };
}

const allow = (
  allowed: AgentCommand['type'][],
  more: Partial<CommandPermissions> = {},
): CommandPermissions => ({
  allowed,
  disabledLocally: [],
  configVersion: 3,
  announcedConfigVersion: 3,
  ...more,
});

describe('runCommand', () => {
  it('runs an allowed action against its target', async () => {
    const calls: string[] = [];
    const report = await runCommand(
      command('PRINT_TEST_PAGE'),
      allow(['PRINT_TEST_PAGE']),
      handlers(calls),
      at,
    );
    expect(calls).toEqual(['testPage:127.10.0.1']);
    expect(report).toEqual({
      status: 'SUCCEEDED',
      message: 'PRINT_TEST_PAGE done',
      result: { ok: 'testPage' },
      finishedAt: '2026-11-21T12:00:00.000Z',
    });
  });

  it('refuses an action disabled in the local settings without running it, and says so', async () => {
    const calls: string[] = [];
    const report = await runCommand(
      command('REBOOT'),
      allow(['PRINT_TEST_PAGE'], { disabledLocally: ['REBOOT'] }),
      handlers(calls),
      at,
    );
    expect(calls).toEqual([]);
    expect(report).toEqual({
      status: 'REFUSED',
      message: "Action REBOOT is disabled in the agent's local settings",
      result: { refused: true },
      finishedAt: '2026-11-21T12:00:00.000Z',
    });
  });

  it('says it waits for the new settings when central announced a newer config', async () => {
    const calls: string[] = [];
    const report = await runCommand(
      command('PRINT_TEST_PAGE'),
      allow(['REFRESH_STATUS'], { configVersion: 3, announcedConfigVersion: 4 }),
      handlers(calls),
      at,
    );
    expect(calls).toEqual([]);
    expect(report).toMatchObject({
      status: 'FAILED',
      message:
        'Action PRINT_TEST_PAGE is waiting for the agent to take the new settings (config version 4, agent has 3)',
      result: { code: 'CONFIG_NOT_TAKEN', configVersion: 4, agentConfigVersion: 3 },
    });
    expect(report.result).not.toHaveProperty('refused');
  });

  it('names the local settings even when a newer config is announced, if they disable the action', async () => {
    const report = await runCommand(
      command('REBOOT'),
      allow([], { disabledLocally: ['REBOOT'], configVersion: 3, announcedConfigVersion: 4 }),
      handlers([]),
      at,
    );
    expect(report.message).toBe("Action REBOOT is disabled in the agent's local settings");
  });

  it("names the customer's consent when the agent's config is current and does not allow it", async () => {
    const calls: string[] = [];
    const report = await runCommand(
      command('REBOOT'),
      allow(['PRINT_TEST_PAGE'], { announcedConfigVersion: null }),
      handlers(calls),
      at,
    );
    expect(calls).toEqual([]);
    expect(report).toMatchObject({
      status: 'FAILED',
      message: "Action REBOOT is not allowed by the customer's consent (config version 3)",
      result: { code: 'NOT_CONSENTED' },
    });
  });

  it('reports a failing action with its error code', async () => {
    const failing = {
      ...handlers([]),
      reboot: () => Promise.reject(Object.assign(new Error('no answer'), {})),
    };
    const report = await runCommand(command('REBOOT'), allow(['REBOOT']), failing, at);
    expect(report).toMatchObject({
      status: 'FAILED',
      message: 'no answer',
      result: { code: 'INTERNAL_ERROR' },
    });
  });

  it('fails a device action that has no target', async () => {
    const report = await runCommand(
      command('TROUBLESHOOT', null),
      allow(['TROUBLESHOOT']),
      handlers([]),
      at,
    );
    expect(report).toMatchObject({
      status: 'FAILED',
      message: 'TROUBLESHOOT needs a target device address',
    });
  });
});
