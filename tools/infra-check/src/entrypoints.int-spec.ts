import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The container entrypoints are shell scripts run by /bin/sh (dash in the Debian-based node
// image): run them for real with a fake agent CLI that records its arguments.

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const agentEntrypoint = join(repoRoot, 'docker/agent-entrypoint.sh');
const centralEntrypoint = join(repoRoot, 'docker/central-entrypoint.sh');

type Run = { status: number | null; stdout: string; stderr: string; calls: string[] };

describe('docker entrypoint scripts', () => {
  let dir: string;
  let dataDir: string;
  let fakeAgent: string;
  let callLog: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'printbeat-entrypoint-'));
    dataDir = join(dir, 'data');
    callLog = join(dir, 'calls.log');
    fakeAgent = join(dir, 'fake-agent.sh');
    // Fails `enroll` as often as FAIL_ENROLLS says (a counter file), succeeds otherwise.
    writeFileSync(
      fakeAgent,
      [
        '#!/bin/sh',
        `echo "$*" >> "${callLog}"`,
        'if [ "$1" = enroll ]; then',
        `  count=$(cat "${dir}/failures" 2>/dev/null || echo 0)`,
        '  if [ "$count" -lt "${FAIL_ENROLLS:-0}" ]; then',
        `    echo $((count + 1)) > "${dir}/failures"`,
        '    exit 3',
        '  fi',
        'fi',
        'exit 0',
        '',
      ].join('\n'),
    );
    chmodSync(fakeAgent, 0o755);
    spawnSync('mkdir', ['-p', dataDir]);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const runAgent = (args: string[], env: Record<string, string>): Run => {
    const result = spawnSync('/bin/sh', [agentEntrypoint, ...args], {
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        PRINTBEAT_AGENT_COMMAND: fakeAgent,
        PRINTBEAT_AGENT_DATA_DIR: dataDir,
        PRINTBEAT_ENROLL_RETRY_SECONDS: '0',
        ...env,
      },
    });
    const calls = existsSync(callLog) ? readFileSync(callLog, 'utf8').trim().split('\n') : [];
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
  };

  const key = {
    PRINTBEAT_CENTRAL_URL: 'https://central:8443',
    PRINTBEAT_REGISTRATION_KEY: 'REG-123',
  };

  it('parse with sh -n', () => {
    for (const script of [agentEntrypoint, centralEntrypoint]) {
      expect(spawnSync('/bin/sh', ['-n', script]).status).toBe(0);
    }
  });

  it('agent: enrolls once with the key, then supervises the daemon; a restart does not enroll again', () => {
    const first = runAgent([], { ...key, PRINTBEAT_CENTRAL_CA_FILE: '/run/ca.crt' });
    expect(first.status).toBe(0);
    expect(first.calls).toEqual([
      `enroll --data-dir ${dataDir} --central https://central:8443 --key REG-123 --ca-file /run/ca.crt`,
      `supervise --data-dir ${dataDir}`,
    ]);
    const second = runAgent(['run'], key);
    expect(second.calls.slice(2)).toEqual([`supervise --data-dir ${dataDir}`]);
  });

  it('agent: retries enrollment while central starts, and gives up after the attempts', () => {
    const retried = runAgent([], { ...key, FAIL_ENROLLS: '2' });
    expect(retried.status).toBe(0);
    expect(retried.calls.map((call) => call.split(' ')[0])).toEqual([
      'enroll',
      'enroll',
      'enroll',
      'supervise',
    ]);
    rmSync(callLog);
    rmSync(join(dataDir, '.container-enrolled'));
    rmSync(join(dir, 'failures'));
    const failed = runAgent([], { ...key, FAIL_ENROLLS: '5', PRINTBEAT_ENROLL_ATTEMPTS: '3' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/enrollment failed after 3 attempts/);
    expect(failed.calls).toHaveLength(3);
    expect(existsSync(join(dataDir, '.container-enrolled'))).toBe(false);
  });

  it('agent: refuses to start unenrolled without a key, and never echoes the key', () => {
    const missing = runAgent([], { PRINTBEAT_CENTRAL_URL: 'https://central:8443' });
    expect(missing.status).toBe(64);
    expect(missing.stderr).toMatch(
      /not enrolled yet; set PRINTBEAT_CENTRAL_URL and PRINTBEAT_REGISTRATION_KEY/,
    );
    expect(missing.calls).toEqual([]);
    const failed = runAgent([], { ...key, FAIL_ENROLLS: '9', PRINTBEAT_ENROLL_ATTEMPTS: '1' });
    expect(failed.stdout + failed.stderr).not.toContain('REG-123');
  });

  it('agent: passes other commands through, and a manual enroll marks the volume enrolled', () => {
    const status = runAgent(['status'], {});
    expect(status.calls).toEqual(['status']);
    const manual = runAgent(
      ['enroll', '--data-dir', dataDir, '--central', 'https://c:8443', '--key', 'K'],
      {},
    );
    expect(manual.status).toBe(0);
    const run = runAgent([], {});
    expect(run.status).toBe(0);
    expect(run.calls.at(-1)).toBe(`supervise --data-dir ${dataDir}`);
  });

  it('central: refuses to start without DATABASE_URL (no embedded PostgreSQL in the image)', () => {
    const result = spawnSync('/bin/sh', [centralEntrypoint], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    });
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(/DATABASE_URL is required/);
  });
});
