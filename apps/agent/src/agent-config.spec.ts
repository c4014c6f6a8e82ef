import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentError } from './agent.errors.js';
import {
  DEFAULT_SCHEDULES,
  effectiveConfig,
  loadLocalConfig,
  localConfigSchema,
} from './agent-config.js';
import type { AgentRemoteConfig } from './gateway-client/protocol.js';

const remote: AgentRemoteConfig = {
  version: 7,
  schedules: {
    discovery: { everySeconds: 600 },
    meters: { everySeconds: 900 },
    status: { everySeconds: 900 },
    upload: { everySeconds: 1800 },
    commandPoll: { everySeconds: 60 },
  },
  discovery: { targets: ['127.20.0.0/24'], snmpPort: 1161, concurrency: 8, timeoutMs: 3000 },
  snmp: { version: '2c', community: 'remote-community' },
  allowedActions: ['REBOOT', 'PRINT_TEST_PAGE', 'TROUBLESHOOT'],
};

describe('effectiveConfig', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    delete process.env.HTTPS_PROXY;
    delete process.env.https_proxy;
  });
  afterAll(() => {
    process.env = saved;
  });

  it('is the DESIGN.md defaults with no remote and an empty local file, allowing no action', () => {
    const config = effectiveConfig(localConfigSchema.parse({}), null);
    expect(config.schedules).toEqual(DEFAULT_SCHEDULES);
    expect(config.schedules.discovery).toEqual({ dailyAt: '09:00' });
    expect(config).toMatchObject({
      lockDown: false,
      allowedActions: [],
      remoteVersion: null,
      proxyUrl: null,
      rawPrintPort: 9100,
      retentionDays: 30,
    });
    expect(config.snmp).toEqual([{ version: '2c', community: 'public' }]);
    expect(config.events).toEqual({
      enabled: true,
      pollSeconds: 60,
      windowSeconds: 15,
      maxDevicesPerUpload: 100,
      supplyLevels: [20, 10, 0],
      unansweredBackoffMaxSeconds: 1800,
    });
  });

  it('takes event settings key by key from the local file, and names a bad one', () => {
    const local = localConfigSchema.parse({ events: { windowSeconds: 30, supplyLevels: [5] } });
    expect(effectiveConfig(local, remote).events).toMatchObject({
      enabled: true,
      pollSeconds: 60,
      windowSeconds: 30,
      supplyLevels: [5],
    });
    const bad = localConfigSchema.safeParse({ events: { pollSeconds: 1, window: 3 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['events.pollSeconds', 'events']),
    );
  });

  it('lets remote override defaults and local override remote, key by key', () => {
    const local = localConfigSchema.parse({
      schedules: { meters: { everySeconds: 30 } },
      discovery: { concurrency: 2 },
    });
    const config = effectiveConfig(local, remote);
    expect(config.schedules).toEqual({
      ...remote.schedules,
      meters: { everySeconds: 30 },
      config: DEFAULT_SCHEDULES.config,
    });
    expect(config.discovery).toEqual({
      targets: ['127.20.0.0/24'],
      snmpPort: 1161,
      concurrency: 2,
      timeoutMs: 3000,
    });
    expect(config.snmp).toEqual([remote.snmp]);
    expect(config.remoteVersion).toBe(7);
    expect(config.allowedActions).toEqual(['REBOOT', 'PRINT_TEST_PAGE', 'TROUBLESHOOT']);
  });

  it('takes write credentials from the local file, else from central, else none', () => {
    const write = { version: '2c' as const, community: 'site-rw' };
    const fromCentral = {
      ...remote,
      snmpWrite: { version: '2c' as const, community: 'central-rw' },
    };
    expect(effectiveConfig(localConfigSchema.parse({}), remote).snmpWrite).toEqual([]);
    expect(effectiveConfig(localConfigSchema.parse({}), fromCentral).snmpWrite).toEqual([
      { version: '2c', community: 'central-rw' },
    ]);
    expect(
      effectiveConfig(localConfigSchema.parse({ snmpWrite: [write] }), fromCentral).snmpWrite,
    ).toEqual([write]);
    expect(
      effectiveConfig(localConfigSchema.parse({ lockDown: true }), fromCentral).snmpWrite,
    ).toEqual([]);
    const perRange = localConfigSchema.parse({
      discovery: { targets: [{ target: '127.0.0.1', snmp: { version: '2c' }, write }] },
    });
    expect(perRange.discovery.targets?.[0]).toEqual({
      target: '127.0.0.1',
      snmp: { version: '2c' },
      write,
    });
    expect(
      localConfigSchema.safeParse({
        discovery: {
          targets: [{ target: '127.0.0.1', snmp: { version: '2c' }, write: { version: '4' } }],
        },
      }).error?.issues[0]?.path,
    ).toEqual(['discovery', 'targets', 0, 'write', 'version']);
  });

  it('prefers local SNMP settings as a whole', () => {
    const config = effectiveConfig(
      localConfigSchema.parse({ snmp: { version: '1', community: 'site' } }),
      remote,
    );
    expect(config.snmp).toEqual([{ version: '1', community: 'site' }]);
  });

  it('listens for traps on UDP 162 of every interface with the SNMP community by default', () => {
    expect(effectiveConfig(localConfigSchema.parse({}), null).traps).toEqual({
      enabled: true,
      port: 162,
      address: '0.0.0.0',
      communities: ['public'],
      perSenderPerMinute: 6,
    });
    expect(effectiveConfig(localConfigSchema.parse({}), remote).traps.communities).toEqual([
      'remote-community',
    ]);
    const v3 = localConfigSchema.parse({ snmp: { version: '3', user: 'ops' } });
    expect(effectiveConfig(v3, null).traps.communities).toEqual([]);
  });

  it('takes the trap listener settings from the local file', () => {
    const local = localConfigSchema.parse({
      traps: { port: 42262, address: '127.0.0.1', communities: ['a', 'b'], enabled: false },
    });
    expect(effectiveConfig(local, remote).traps).toEqual({
      enabled: false,
      port: 42262,
      address: '127.0.0.1',
      communities: ['a', 'b'],
      perSenderPerMinute: 6,
    });
  });

  it('allows only what central consents to and this machine has not disabled', () => {
    const local = localConfigSchema.parse({ disabledActions: ['REBOOT', 'SEND_METERS'] });
    expect(effectiveConfig(local, remote).allowedActions).toEqual([
      'PRINT_TEST_PAGE',
      'TROUBLESHOOT',
    ]);
  });

  it('ignores the remote layer entirely in lock-down mode', () => {
    const config = effectiveConfig(localConfigSchema.parse({ lockDown: true }), remote);
    expect(config).toMatchObject({ lockDown: true, allowedActions: [], remoteVersion: null });
    expect(config.schedules).toEqual(DEFAULT_SCHEDULES);
    expect(config.discovery.targets).toEqual(['127.0.0.1']);
    expect(config.snmp).toEqual([{ version: '2c', community: 'public' }]);
  });

  describe('masking', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const central = {
      ...remote,
      masking: { ip: 'hash', mac: 'send', hostname: 'withhold', contactLocation: 'hash', key },
    } satisfies AgentRemoteConfig;

    it("takes central's masking when the local file asks for nothing", () => {
      const config = effectiveConfig(localConfigSchema.parse({}), central);
      expect(config.masking.policy).toEqual({
        ip: 'hash',
        mac: 'send',
        hostname: 'withhold',
        contactLocation: 'hash',
      });
      expect(config.masking.key?.toString('base64')).toBe(key);
    });

    it('lets the local file tighten a group but never loosen one', () => {
      const local = localConfigSchema.parse({
        masking: { ip: 'send', mac: 'hash', hostname: 'send', contactLocation: 'withhold' },
      });
      expect(effectiveConfig(local, central).masking.policy).toEqual({
        ip: 'hash',
        mac: 'hash',
        hostname: 'withhold',
        contactLocation: 'withhold',
      });
    });

    it('withholds what is to be hashed when central sent no key', () => {
      const local = localConfigSchema.parse({ masking: { mac: 'hash' } });
      expect(effectiveConfig(local, remote).masking.policy.mac).toBe('withhold');
      expect(effectiveConfig(local, null).masking.policy.mac).toBe('withhold');
    });

    it("withholds IP addresses in lock-down and still applies central's last masking", () => {
      const config = effectiveConfig(localConfigSchema.parse({ lockDown: true }), central);
      expect(config.remoteVersion).toBeNull();
      expect(config.masking.policy).toEqual({
        ip: 'withhold',
        mac: 'send',
        hostname: 'withhold',
        contactLocation: 'hash',
      });
      const alone = effectiveConfig(localConfigSchema.parse({ lockDown: true }), null);
      expect(alone.masking.policy.ip).toBe('withhold');
    });

    it('refuses an unknown masking mode in the local file, naming the field', () => {
      expect(() => localConfigSchema.parse({ masking: { ip: 'scramble' } })).toThrow(/ip/);
      expect(() => localConfigSchema.parse({ masking: { ipv4: 'hash' } })).toThrow();
    });
  });

  it('takes the proxy from the local file first, then HTTPS_PROXY / https_proxy', () => {
    process.env.https_proxy = 'http://127.0.0.9:3129';
    expect(effectiveConfig(localConfigSchema.parse({}), null).proxyUrl).toBe(
      'http://127.0.0.9:3129',
    );
    process.env.HTTPS_PROXY = 'http://127.0.0.8:3128';
    expect(effectiveConfig(localConfigSchema.parse({}), null).proxyUrl).toBe(
      'http://127.0.0.8:3128',
    );
    expect(
      effectiveConfig(localConfigSchema.parse({ proxy: 'http://127.0.0.7:8080' }), null).proxyUrl,
    ).toBe('http://127.0.0.7:8080');
  });
});

describe('loadLocalConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-config-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function loadError(content: string): Promise<AgentError> {
    const path = join(dir, 'agent.config.json');
    await writeFile(path, content);
    try {
      await loadLocalConfig(path);
    } catch (error) {
      if (error instanceof AgentError) return error;
      throw error;
    }
    throw new Error('expected loadLocalConfig to fail');
  }

  it('treats a missing file as all defaults', async () => {
    const config = await loadLocalConfig(join(dir, 'absent.json'));
    expect(config).toEqual({
      lockDown: false,
      masking: {},
      disabledActions: [],
      schedules: {},
      discovery: {},
      devices: [],
      events: {},
      rawPrintPort: 9100,
      retentionDays: 30,
      traps: {},
      ping: true,
      updates: {},
    });
  });

  it('reads a valid file', async () => {
    const path = join(dir, 'agent.config.json');
    await writeFile(
      path,
      JSON.stringify({
        lockDown: true,
        disabledActions: ['REBOOT'],
        schedules: { discovery: { dailyAt: '23:15' } },
      }),
    );
    expect(await loadLocalConfig(path)).toMatchObject({
      lockDown: true,
      disabledActions: ['REBOOT'],
      schedules: { discovery: { dailyAt: '23:15' } },
    });
  });

  it('says the file is not JSON', async () => {
    const error = await loadError('{ "lockDown": true, }');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/agent\.config\.json is not valid JSON/);
  });

  it('names every bad key and why', async () => {
    const error = await loadError(
      JSON.stringify({
        lockDown: 'yes',
        disabledActions: ['FORMAT_DISK'],
        schedules: { discovery: { dailyAt: '25:00' } },
        rawPrintPort: 70000,
        colour: 'blue',
      }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('lockDown:');
    expect(error.message).toContain('disabledActions.0:');
    expect(error.message).toContain('schedules.discovery');
    expect(error.message).toContain('rawPrintPort:');
    expect(error.message).toMatch(/colour/);
  });

  it('reads SNMPv3 protocol names as the command line does, and refuses unknown ones', async () => {
    const path = join(dir, 'agent.config.json');
    await writeFile(
      path,
      JSON.stringify({
        snmp: {
          version: '3',
          user: 'monitor',
          authProtocol: 'SHA256',
          authKey: 'authpass123',
          privProtocol: 'aes128',
          privKey: 'privpass123',
        },
      }),
    );
    expect((await loadLocalConfig(path)).snmp).toMatchObject({
      authProtocol: 'sha256',
      privProtocol: 'aes',
    });
    const error = await loadError(
      JSON.stringify({ snmp: { version: '3', user: 'u', authProtocol: 'sha3', authKey: 'x' } }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('snmp.authProtocol: expected one of md5, sha, sha1');
  });

  it('takes ordered credential lists, per target too, and names the field at fault', async () => {
    const path = join(dir, 'agent.config.json');
    const v3 = { version: '3', user: 'ops', authProtocol: 'sha', authKey: 'authpass123' };
    await writeFile(
      path,
      JSON.stringify({
        snmp: [
          { ...v3, context: 'Jetdirect' },
          { version: '2c', community: 'site' },
        ],
        discovery: {
          targets: ['127.20.0.0/24', { target: '127.21.0.1-20', snmp: [v3, { ...v3, user: 'b' }] }],
        },
      }),
    );
    const local = await loadLocalConfig(path);
    expect(effectiveConfig(local, remote).snmp).toEqual([
      { ...v3, context: 'Jetdirect' },
      { version: '2c', community: 'site' },
    ]);
    expect(local.discovery.targets?.[1]).toEqual({
      target: '127.21.0.1-20',
      snmp: [v3, { ...v3, user: 'b' }],
    });

    const wrongSecond = await loadError(
      JSON.stringify({ snmp: [v3, { ...v3, authProtocol: 'sha3' }] }),
    );
    expect(wrongSecond.message).toContain('snmp.1.authProtocol: expected one of md5');
    expect((await loadError(JSON.stringify({ snmp: [] }))).message).toContain('snmp: Too small');
    const eleven = Array.from({ length: 11 }, () => v3);
    expect((await loadError(JSON.stringify({ snmp: eleven }))).message).toMatch(
      /snmp: Too big: expected array to have <=10/,
    );
    const badTarget = await loadError(
      JSON.stringify({ discovery: { targets: [{ target: '127.0.0.1', snmp: { version: '4' } }] } }),
    );
    expect(badTarget.message).toContain('discovery.targets.0.snmp.version');
  });

  it('names a bad trap listener setting', async () => {
    const error = await loadError(
      JSON.stringify({ traps: { port: 0, address: 'any', community: 'x' } }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('traps.port');
    expect(error.message).toContain('traps.address');
    expect(error.message).toContain('community');
  });

  it('rejects a schedule below one second and an unknown schedule name', async () => {
    expect(
      (await loadError(JSON.stringify({ schedules: { upload: { everySeconds: 0 } } }))).message,
    ).toContain('schedules.upload.everySeconds');
    expect(
      (await loadError(JSON.stringify({ schedules: { backup: { everySeconds: 5 } } }))).message,
    ).toMatch(/backup/);
  });
});
