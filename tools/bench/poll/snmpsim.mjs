// Debian's snmpsim (an independent simulator) serving the same fixture walks: one endpoint,
// one data file per printer, told apart by community (snmpsim's convention).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureWalk } from './plans.mjs';

const TAGS = {
  Integer: '2',
  OctetString: '4x',
  Null: '5',
  ObjectIdentifier: '6',
  IpAddress: '64',
  Counter32: '65',
  Gauge32: '66',
  TimeTicks: '67',
  Counter64: '70',
};

export function toSnmprec(varBinds) {
  const lines = [];
  for (const { oid, type, value } of varBinds) {
    const tag = TAGS[type];
    if (tag === undefined) continue; // Opaque: not needed for a poll
    const text =
      type === 'OctetString'
        ? Buffer.from(value).toString('hex')
        : type === 'Null'
          ? ''
          : String(value);
    lines.push(`${oid}|${tag}|${text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `printer-NN.snmprec` per fixture; returns the communities in order. */
export function writeDataDir(fixtures) {
  const root = mkdtempSync(join(tmpdir(), 'printbeat-snmpsim-'));
  chmodSync(root, 0o755);
  const data = join(root, 'data');
  const cache = join(root, 'cache');
  mkdirSync(data, { mode: 0o755 });
  mkdirSync(cache, { mode: 0o777 });
  chmodSync(cache, 0o777);
  const communities = fixtures.map((fixture, i) => {
    const community = `printer-${String(i).padStart(2, '0')}`;
    writeFileSync(join(data, `${community}.snmprec`), toSnmprec(fixtureWalk(fixture)), {
      mode: 0o644,
    });
    return community;
  });
  return { root, data, cache, communities };
}

export async function startSnmpsim({ address, port, data, cache, probeCommunity }) {
  const args = [
    `--data-dir=${data}`,
    `--agent-udpv4-endpoint=${address}:${port}`,
    `--cache-dir=${cache}`,
    '--logging-method=null',
  ];
  if (process.getuid?.() === 0) args.push('--process-user=nobody', '--process-group=nogroup');
  const child = spawn('snmpsimd', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // snmpsim indexes each data file on first start; wait until it answers.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`snmpsimd exited: ${stderr.slice(-500)}`);
    const probe = spawnSync(
      'snmpget',
      [
        '-v2c',
        '-c',
        probeCommunity,
        '-On',
        '-t',
        '1',
        '-r',
        '0',
        `${address}:${port}`,
        '1.3.6.1.2.1.1.1.0',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, MIBS: '' },
      },
    );
    if (probe.status === 0 && probe.stdout.includes('1.3.6.1.2.1.1.1.0')) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGKILL');
  throw new Error('snmpsimd did not answer within 180 s');
}

export function removeDataDir(root) {
  rmSync(root, { recursive: true, force: true });
}
