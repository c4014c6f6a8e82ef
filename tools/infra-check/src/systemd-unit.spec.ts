import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseUnitFile, unitValue } from './systemd-unit.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const unitPath = join(repoRoot, 'infra', 'systemd', 'printbeat-agent.service');
const unit = parseUnitFile(readFileSync(unitPath, 'utf8'), unitPath);
const service = (key: string) => unitValue(unit, 'Service', key);

describe('systemd unit reader', () => {
  it('reads sections, repeated keys, resets and continuations', () => {
    const parsed = parseUnitFile(
      '[Service]\nA=1\nA=2\nB=x \\\n  y\nC=1\nC=\nC=3\n# c\n[Install]\nWantedBy=multi-user.target',
    );
    expect(parsed.get('Service')?.get('A')).toEqual(['1', '2']);
    expect(unitValue(parsed, 'Service', 'B')).toBe('x  y');
    expect(parsed.get('Service')?.get('C')).toEqual(['3']);
    expect(unitValue(parsed, 'Install', 'WantedBy')).toBe('multi-user.target');
    expect(() => parseUnitFile('A=1')).toThrow(/cannot read/);
  });
});

describe('infra/systemd/printbeat-agent.service', () => {
  it('runs the agent under its own supervisor, as its own user, restarted on failure', () => {
    expect(service('User')).toBe('printbeat-agent');
    expect(service('Group')).toBe('printbeat-agent');
    expect(service('ExecStart')).toMatch(
      /^\/usr\/bin\/node \S+\/apps\/agent\/bin\/printbeat-agent\.js supervise --data-dir \/var\/lib\/printbeat-agent$/,
    );
    // systemd restarts the supervisor only when it fails itself (a stop exits 0) and signals only
    // it: the supervisor passes SIGTERM on to the agent once, where a second one would abort it.
    expect(service('Restart')).toBe('on-failure');
    expect(Number(service('RestartSec'))).toBeGreaterThanOrEqual(5);
    expect(service('KillMode')).toBe('mixed');
    expect(service('KillSignal')).toBe('SIGTERM');
    expect(service('RestartForceExitStatus')).toBeUndefined();
    expect(service('StateDirectory')).toBe('printbeat-agent');
    expect(service('StateDirectoryMode')).toBe('0700');
    expect(unitValue(unit, 'Unit', 'After')).toBe('network-online.target');
    expect(unitValue(unit, 'Install', 'WantedBy')).toBe('multi-user.target');
  });

  it('is hardened', () => {
    expect({
      NoNewPrivileges: service('NoNewPrivileges'),
      ProtectSystem: service('ProtectSystem'),
      ProtectHome: service('ProtectHome'),
      PrivateTmp: service('PrivateTmp'),
      PrivateDevices: service('PrivateDevices'),
      ReadWritePaths: service('ReadWritePaths'),
      CapabilityBoundingSet: service('CapabilityBoundingSet'),
      AmbientCapabilities: service('AmbientCapabilities'),
      RestrictAddressFamilies: service('RestrictAddressFamilies'),
      RestrictSUIDSGID: service('RestrictSUIDSGID'),
      ProtectKernelTunables: service('ProtectKernelTunables'),
      ProtectKernelModules: service('ProtectKernelModules'),
      ProtectControlGroups: service('ProtectControlGroups'),
      LockPersonality: service('LockPersonality'),
      UMask: service('UMask'),
    }).toEqual({
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      ReadWritePaths: '/var/lib/printbeat-agent',
      CapabilityBoundingSet: '',
      AmbientCapabilities: '',
      RestrictAddressFamilies: 'AF_INET AF_INET6 AF_UNIX',
      RestrictSUIDSGID: 'yes',
      ProtectKernelTunables: 'yes',
      ProtectKernelModules: 'yes',
      ProtectControlGroups: 'yes',
      LockPersonality: 'yes',
      UMask: '0077',
    });
    expect(unit.get('Service')?.get('SystemCallFilter')).toEqual([
      '@system-service',
      '~@privileged @resources',
    ]);
  });
});
