import { buildRemoteConfig, readStoredConfig, sameActions } from './agent-config.js';

describe('agent remote config', () => {
  it('fills defaults around the dealer overrides and sorts the consented actions', () => {
    const stored = readStoredConfig({
      schedules: { meters: { everySeconds: 600 } },
      discovery: { targets: ['127.10.0.0/24'] },
      servedAllowedActions: ['SEND_METERS'],
    });
    const config = buildRemoteConfig(stored, 4, ['TROUBLESHOOT', 'REFRESH_STATUS']);
    expect(config).toEqual({
      version: 4,
      schedules: {
        discovery: { dailyAt: '09:00' },
        meters: { everySeconds: 600 },
        status: { everySeconds: 3600 },
        upload: { everySeconds: 86_400 },
        commandPoll: { everySeconds: 300 },
      },
      discovery: { targets: ['127.10.0.0/24'], snmpPort: 161, concurrency: 32, timeoutMs: 2000 },
      snmp: { version: '2c', community: 'public' },
      allowedActions: ['REFRESH_STATUS', 'TROUBLESHOOT'],
    });
  });

  it('ignores a stored config that no longer parses instead of serving it', () => {
    expect(readStoredConfig({ schedules: { meters: { everySeconds: -1 } } })).toEqual({});
    expect(readStoredConfig(null)).toEqual({});
  });

  it('compares action sets regardless of order', () => {
    expect(sameActions(['SEND_METERS', 'REBOOT'], ['REBOOT', 'SEND_METERS'])).toBe(true);
    expect(sameActions(undefined, [])).toBe(false);
    expect(sameActions(['REBOOT'], ['REBOOT', 'SEND_METERS'])).toBe(false);
  });
});
