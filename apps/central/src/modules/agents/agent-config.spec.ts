import {
  agentConfigOverridesSchema,
  buildRemoteConfig,
  readStoredConfig,
  sameActions,
  servedMasking,
  withoutSecrets,
} from './agent-config.js';
import { SEND_EVERYTHING } from '../masking/masking-policy.js';

const NO_MASKING = { policy: SEND_EVERYTHING, key: null };

describe('agent remote config', () => {
  it('fills defaults around the dealer overrides and sorts the consented actions', () => {
    const stored = readStoredConfig({
      schedules: { meters: { everySeconds: 600 } },
      discovery: { targets: ['127.10.0.0/24'] },
      servedAllowedActions: ['SEND_METERS'],
    });
    const config = buildRemoteConfig(stored, 4, ['TROUBLESHOOT', 'REFRESH_STATUS'], {
      policy: { ...SEND_EVERYTHING, ip: 'HASH', hostname: 'WITHHOLD' },
      key: Buffer.alloc(32, 3),
    });
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
      masking: {
        ip: 'hash',
        mac: 'send',
        hostname: 'withhold',
        contactLocation: 'send',
        key: Buffer.alloc(32, 3).toString('base64'),
      },
    });
  });

  it('remembers the masking a config was served with; none stored means nothing masked', () => {
    const policy = { ...SEND_EVERYTHING, mac: 'WITHHOLD' as const };
    expect(servedMasking(readStoredConfig({ servedMasking: policy }))).toEqual(policy);
    expect(servedMasking(readStoredConfig({}))).toEqual(SEND_EVERYTHING);
    expect(readStoredConfig({ servedMasking: { ip: 'SCRAMBLE' } })).toEqual({});
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

  describe('SNMP credentials', () => {
    const v3 = { version: '3', user: 'ops', authProtocol: 'sha', authKey: 'authpass1' } as const;
    const issues = (config: unknown) => {
      const parsed = agentConfigOverridesSchema.safeParse(config);
      return parsed.success
        ? []
        : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };

    it('accepts a v3 context, an ordered list, and a range with its own list', () => {
      const config = {
        snmp: [
          { ...v3, context: 'Jetdirect' },
          { version: '2c', community: 'public' },
        ],
        discovery: {
          targets: ['127.10.0.0/24', { target: ' 127.11.0.0/24 ', snmp: { ...v3, context: '' } }],
        },
      };
      expect(agentConfigOverridesSchema.parse(config)).toEqual({
        ...config,
        discovery: {
          targets: ['127.10.0.0/24', { target: '127.11.0.0/24', snmp: { ...v3, context: '' } }],
        },
      });
      expect(buildRemoteConfig(readStoredConfig(config), 2, [], NO_MASKING).snmp).toEqual(
        config.snmp,
      );
    });

    it('names the field at fault and the limit', () => {
      expect(issues({ snmp: [v3, { ...v3, context: 'x'.repeat(33) }] })).toEqual([
        'snmp.1.context: Too big: expected string to have <=32 characters',
      ]);
      expect(issues({ snmp: [] })).toEqual(['snmp: Too small: expected array to have >=1 items']);
      expect(issues({ snmp: Array.from({ length: 11 }, () => v3) })).toEqual([
        'snmp: Too big: expected array to have <=10 items',
      ]);
      expect(
        issues({
          discovery: { targets: [{ target: '127.0.0.1', snmp: [{ ...v3, authKey: 'short' }] }] },
        }),
      ).toEqual([
        'discovery.targets.0.snmp.0.authKey: Too small: expected string to have >=8 characters',
      ]);
      expect(issues({ discovery: { targets: [{ target: '127.0.0.1' }] } })).toHaveLength(1);
    });

    it('shows every community and key as [set], in lists and ranges too', () => {
      const config = buildRemoteConfig(
        readStoredConfig({
          snmp: [
            { ...v3, privProtocol: 'aes', privKey: 'privpass1' },
            { version: '2c', community: 'site' },
          ],
          discovery: {
            targets: [{ target: '127.11.0.0/24', snmp: { version: '1', community: 'old' } }],
          },
        }),
        1,
        [],
        { policy: SEND_EVERYTHING, key: Buffer.alloc(32, 1) },
      );
      const shown = withoutSecrets(config);
      expect(shown.masking.key).toBe('[set]');
      expect(config.masking.key).toBe(Buffer.alloc(32, 1).toString('base64'));
      expect(shown.snmp).toEqual([
        { ...v3, authKey: '[set]', privProtocol: 'aes', privKey: '[set]' },
        { version: '2c', community: '[set]' },
      ]);
      expect(shown.discovery.targets).toEqual([
        { target: '127.11.0.0/24', snmp: { version: '1', community: '[set]' } },
      ]);
      expect(JSON.stringify(shown)).not.toMatch(/authpass1|privpass1|site"|old"/);
    });
  });

  describe('write credentials', () => {
    const stored = readStoredConfig({
      snmpWrite: { version: '2c', community: 'site-rw' },
      discovery: {
        targets: [
          {
            target: '127.12.0.0/24',
            snmp: { version: '2c', community: 'range-ro' },
            write: [{ version: '3', user: 'ops-rw', authProtocol: 'sha', authKey: 'rwauthpass1' }],
          },
        ],
      },
    });

    it('serves a range write list and snmpWrite to the agent, and nothing when none is set', () => {
      const config = buildRemoteConfig(stored, 2, ['REBOOT'], NO_MASKING);
      expect(config.snmpWrite).toEqual({ version: '2c', community: 'site-rw' });
      expect(config.discovery.targets[0]).toMatchObject({
        write: [{ version: '3', user: 'ops-rw', authKey: 'rwauthpass1' }],
      });
      expect(buildRemoteConfig({}, 1, [], NO_MASKING)).not.toHaveProperty('snmpWrite');
    });

    it('never shows a write community or key back', () => {
      const shown = withoutSecrets(buildRemoteConfig(stored, 2, ['REBOOT'], NO_MASKING));
      expect(shown.snmpWrite).toEqual({ version: '2c', community: '[set]' });
      expect(shown.discovery.targets[0]).toEqual({
        target: '127.12.0.0/24',
        snmp: { version: '2c', community: '[set]' },
        write: [{ version: '3', user: 'ops-rw', authProtocol: 'sha', authKey: '[set]' }],
      });
      expect(JSON.stringify(shown)).not.toMatch(/site-rw|rwauthpass1|range-ro/);
    });

    it('names a bad write setting by its path', () => {
      const parsed = agentConfigOverridesSchema.safeParse({
        discovery: {
          targets: [{ target: '127.0.0.1', snmp: { version: '2c' }, write: { version: '5' } }],
        },
      });
      expect(parsed.error?.issues[0]?.path).toEqual([
        'discovery',
        'targets',
        0,
        'write',
        'version',
      ]);
    });
  });
});
