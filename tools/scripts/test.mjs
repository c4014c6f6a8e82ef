#!/usr/bin/env node
// `npm test`: every check of the project in one run — ESLint (type-checked rules and the
// architectural import boundaries), Prettier's format check, dependency-cruiser's layer
// order, jest (unit + system: integration and end-to-end on a real embedded PostgreSQL, real
// UDP SNMP, real TLS, headless Chromium) and the portal's component tests (vitest). Each
// static check counts as one test. Prints one closing line `N passed, N failed`.
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

// The static checks run on a full run only (`npm test -- <pattern>` is for one folder).
const checks = [];
if (args.length === 0) {
  const bin = (name, file) => join(root, 'node_modules', name, file);
  checks.push([
    'eslint',
    run(process.execPath, [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '.']),
  ]);
  checks.push([
    'prettier',
    run(process.execPath, [bin('prettier', 'bin/prettier.cjs'), '--check', '.']),
  ]);
  // Specs and test support are compiled by ts-jest without type checks; tsc checks them here.
  checks.push([
    'typecheck (specs)',
    run(process.execPath, [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.lint.json', '--noEmit']),
  ]);
  // Layer order and module cycles (.dependency-cruiser.cjs): fails on a backward import.
  checks.push([
    'dependency-cruiser',
    run(process.execPath, [
      bin('dependency-cruiser', 'bin/dependency-cruise.mjs'),
      '--config',
      '.dependency-cruiser.cjs',
      'apps/central/src',
      'libs',
    ]),
  ]);
  for (const [name, checkStatus] of checks) {
    console.log(`${name}: ${checkStatus === 0 ? 'passed' : 'FAILED'}`);
  }
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
const counts = [
  readCounts(jestResults, 'numPassedTests', 'numFailedTests'),
  ...checks.map(([, checkStatus]) => ({
    passed: checkStatus === 0 ? 1 : 0,
    failed: checkStatus === 0 ? 0 : 1,
    missing: false,
  })),
];
let status = checks.some(([, checkStatus]) => checkStatus !== 0) ? 1 : jestStatus;

// The portal's component tests run under vitest (Vite-native JSX); skipped when jest was
// asked for a subset (`npm test -- <pattern>`).
const portalConfig = join(root, 'apps', 'portal', 'vitest.config.ts');
if (args.length === 0 && existsSync(portalConfig)) {
  const vitestResults = join(resultsDir, 'vitest.json');
  rmSync(vitestResults, { force: true });
  const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const vitestStatus = run(
    process.execPath,
    [
      vitestBin,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestResults}`,
    ],
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
