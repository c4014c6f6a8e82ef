import type { AgentCommand } from '../gateway-client/protocol.js';
import { runCommand, type ActionHandlers } from './run-command.js';

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

describe('runCommand', () => {
  it('runs an allowed action against its target', async () => {
    const calls: string[] = [];
    const report = await runCommand(
      command('PRINT_TEST_PAGE'),
      ['PRINT_TEST_PAGE'],
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

  it('refuses a disabled action without running it', async () => {
    const calls: string[] = [];
    const report = await runCommand(command('REBOOT'), ['PRINT_TEST_PAGE'], handlers(calls), at);
    expect(calls).toEqual([]);
    expect(report.status).toBe('REFUSED');
    expect(report.result).toEqual({ refused: true });
  });

  it('reports a failing action with its error code', async () => {
    const failing = {
      ...handlers([]),
      reboot: () => Promise.reject(Object.assign(new Error('no answer'), {})),
    };
    const report = await runCommand(command('REBOOT'), ['REBOOT'], failing, at);
    expect(report).toMatchObject({
      status: 'FAILED',
      message: 'no answer',
      result: { code: 'INTERNAL_ERROR' },
    });
  });

  it('fails a device action that has no target', async () => {
    const report = await runCommand(
      command('TROUBLESHOOT', null),
      ['TROUBLESHOOT'],
      handlers([]),
      at,
    );
    expect(report).toMatchObject({
      status: 'FAILED',
      message: 'TROUBLESHOOT needs a target device address',
    });
  });
});
