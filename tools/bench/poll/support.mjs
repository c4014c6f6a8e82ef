// Helpers shared by the benchmarks (poll and discovery): build, child processes, Debian tools, tables.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Compiles what the benchmarks import (incremental: quick when up to date). */
export function buildWorkspace() {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(
    process.execPath,
    [tsc, '-b', 'libs/printer-mib', 'tools/printer-sim', 'apps/agent'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    // Type errors in unrelated files still emit JavaScript; only give up if the entry points are missing.
    process.stderr.write(
      `note: tsc -b reported errors (continuing with what was emitted):\n${result.stdout.slice(0, 2000)}\n`,
    );
  }
}

/**
 * Starts `node script args…` and resolves with the child and the first JSON line it prints
 * with `"ready": true`. Further JSON lines are collected in `messages`.
 */
export function startChild(script, args, { env, input } = {}) {
  const child = spawn(process.execPath, ['--max-old-space-size=4096', script, ...args], {
    cwd: ROOT,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (input !== undefined) child.stdin.end(input);
  const messages = [];
  const waiters = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      process.stderr.write(`[${script.split('/').pop()}] ${line}\n`);
      return;
    }
    messages.push(message);
    for (const waiter of waiters.splice(0)) waiter();
  });
  const next = (predicate) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = messages.find(predicate);
        if (found) return resolve(found);
        if (child.exitCode !== null)
          return reject(new Error(`${script} exited with ${child.exitCode}`));
        waiters.push(check);
      };
      child.once('exit', () => waiters.length > 0 && check());
      check();
    });
  return { child, messages, next };
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
  });
}

export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** Installs Debian packages when a command is missing (needs root); false when impossible. */
export function ensureDebianTool(command, pkg) {
  if (hasCommand(command)) return true;
  if (process.getuid?.() !== 0) {
    process.stderr.write(
      `${command} is missing: install it with  sudo apt-get install -y ${pkg}  (skipping this part)\n`,
    );
    return false;
  }
  process.stderr.write(`installing Debian package ${pkg} (for ${command})…\n`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '-qq', pkg], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (error) {
    process.stderr.write(`apt-get install ${pkg} failed: ${error.message}\n`);
  }
  return hasCommand(command);
}

export function table(headers, rows) {
  const cells = [headers, ...rows.map((row) => row.map((cell) => String(cell)))];
  const widths = headers.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join('  ');
  return [
    line(cells[0]),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

export const fmt = {
  int: (value) =>
    value === null || value === undefined ? '-' : Math.round(value).toLocaleString('en-US'),
  one: (value) => (value === null || value === undefined ? '-' : value.toFixed(1)),
  two: (value) => (value === null || value === undefined ? '-' : value.toFixed(2)),
};
