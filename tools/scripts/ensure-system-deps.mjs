#!/usr/bin/env node
// Installs the Debian packages the test suite needs when they are missing: Chromium for the
// portal journeys (never a downloaded browser), snmpsim as an SNMP agent independent of the
// project's simulator, and Net-SNMP's tools as an independent SNMP peer (snmpget as a manager;
// snmptrap sends the agent's trap listener a trap), and iputils-ping, the `ping` the agent's
// troubleshoot action sends its one ICMP echo with. Runs before `npm test`; as root it uses
// apt-get (update first), otherwise it tells the user what to install and carries on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const packages = [
  { name: 'chromium', probe: '/usr/bin/chromium' },
  { name: 'snmpsim', probe: '/usr/bin/snmpsimd' },
  { name: 'snmp', probe: '/usr/bin/snmptrap' },
  { name: 'iputils-ping', probe: '/usr/bin/ping' },
];
const missing = packages.filter((p) => !existsSync(p.probe)).map((p) => p.name);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.warn(
    `[printbeat] missing system packages: ${missing.join(' ')} — install them (Debian: sudo apt-get install ${missing.join(' ')}); tests that need them will fail.`,
  );
  process.exit(0);
}
console.log(`[printbeat] installing Debian packages: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const step of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
  const result = spawnSync('apt-get', step, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`[printbeat] apt-get ${step[0]} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}
