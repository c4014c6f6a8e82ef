// Helpers shared by the end-to-end tests that run real central, agent and simulator processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { parsePayloadXml } from '@printbeat/payload';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
export const CENTRAL_MAIN = join(ROOT, 'apps/central/dist/main.js');
export const AGENT_BIN = join(ROOT, 'apps/agent/bin/printbeat-agent.js');

/**
 * Environment of a central process (dist/main.js) for an e2e suite: loopback, the run's
 * embedded PostgreSQL, a fresh secret and a job queue of its own (other suites' centrals share
 * the database, not their jobs). Reuse the same object across restarts of one suite's central.
 */
export function centralProcessEnv(dataDir: string, work: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    DATABASE_URL: process.env['PRINTBEAT_TEST_DATABASE_URL'] ?? '',
    DATABASE_APP_URL: process.env['PRINTBEAT_TEST_APP_DATABASE_URL'] ?? '',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PORTAL_DIST: join(work, 'no-portal'),
    JOB_QUEUE_SCHEMA: `pgboss_e2e_${randomBytes(4).toString('hex')}`,
    WEBHOOK_ALLOWED_TARGETS: '127.0.0.0/8',
    // Every process of the run signs in from 127.0.0.1: shared counters would mix suites.
    RATE_LIMIT_SCHEMA: `rate_limits_e2e_${randomBytes(4).toString('hex')}`,
  };
}

export type CliRun = { status: number | null; stdout: string; stderr: string };

/** One `printbeat-agent` command on `dataDir` (killed after 60 s), with its output. */
export function runAgentCli(
  dataDir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AGENT_BIN, ...args, '--data-dir', dataDir], {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
  everyMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`,
  );
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) =>
    child.exitCode !== null || child.signalCode !== null
      ? r(child.exitCode)
      : child.once('exit', (code) => r(code)),
  );
}

export async function stopProcess(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited(child);
  clearTimeout(timer);
}

export type SpooledReading = { serial: string; takenAt: string; counters: string };

/** Every reading inside the agent's acknowledged spool files, read back from the zips. */
export function spooledReadings(
  spoolDir: string,
  state: 'sent' | 'pending',
): { uploadIds: string[]; readings: SpooledReading[] } {
  const dir = join(spoolDir, state);
  const uploadIds: string[] = [];
  const readings: SpooledReading[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.zip'))) {
    const entries = unzipSync(readFileSync(join(dir, name)));
    const payload = parsePayloadXml(new TextDecoder().decode(entries['payload.xml']));
    uploadIds.push(payload.uploadId);
    for (const device of payload.devices) {
      for (const reading of device.readings) {
        const { extra, ...canonical } = reading.counters;
        const counters = {
          ...canonical,
          ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`vendor:${k}`, v])),
        };
        if (Object.keys(counters).length === 0) continue;
        readings.push({
          serial: device.identity.serial ?? device.address,
          takenAt: new Date(reading.takenAt).toISOString(),
          counters: canonicalJson(counters),
        });
      }
    }
  }
  return { uploadIds, readings };
}

export function canonicalJson(value: Record<string, unknown>): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))),
  );
}
