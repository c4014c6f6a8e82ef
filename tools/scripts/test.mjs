#!/usr/bin/env node
// `npm test`: every test of the project in one run — jest (unit + system: integration and
// end-to-end on a real embedded PostgreSQL, real UDP SNMP, real TLS, headless Chromium) and
// the portal's component tests (vitest). Prints one closing line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const resultsDir = join(root, '.data', 'test-results');
mkdirSync(resultsDir, { recursive: true });

const env = {
  ...process.env,
  TZ: 'UTC',
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' '),
};

function run(command, commandArgs, cwd = root) {
  const result = spawnSync(command, commandArgs, { cwd, env, stdio: 'inherit' });
  return result.status ?? 1;
}

function readCounts(file, passedKey, failedKey) {
  if (!existsSync(file)) return { passed: 0, failed: 0, missing: true };
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: json[passedKey] ?? 0, failed: json[failedKey] ?? 0, missing: false };
}

const jestResults = join(resultsDir, 'jest.json');
rmSync(jestResults, { force: true });
const jestBin = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const jestStatus = run(process.execPath, [
  jestBin,
  '--maxWorkers=2',
  '--json',
  `--outputFile=${jestResults}`,
  ...args,
]);
const counts = [readCounts(jestResults, 'numPassedTests', 'numFailedTests')];
let status = jestStatus;

// The portal's component tests run under vitest (Vite-native JSX); skipped when jest was
// asked for a subset (`npm test -- <pattern>`).
const portalConfig = join(root, 'apps', 'portal', 'vitest.config.ts');
if (args.length === 0 && existsSync(portalConfig)) {
  const vitestResults = join(resultsDir, 'vitest.json');
  rmSync(vitestResults, { force: true });
  const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const vitestStatus = run(
    process.execPath,
    [vitestBin, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestResults}`],
    join(root, 'apps', 'portal'),
  );
  counts.push(readCounts(vitestResults, 'numPassedTests', 'numFailedTests'));
  if (vitestStatus !== 0) status = vitestStatus;
}

const passed = counts.reduce((sum, c) => sum + c.passed, 0);
const failed = counts.reduce((sum, c) => sum + c.failed, 0);
if (counts.some((c) => c.missing) && status === 0) status = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 && passed > 0 ? 0 : status || 1);
