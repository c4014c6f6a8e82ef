#!/usr/bin/env node
// Builds a signed agent release: node tools/release/build.mjs --version 1.2.3 --key release.key
// [--out dist/releases] [--platform linux-x64]. Build the agent first (npx tsc -b apps/agent).
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { currentPlatform, packAndSign, ROOT, stageAgent } from './release-lib.mjs';

const { values } = parseArgs({
  options: {
    version: { type: 'string' },
    key: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'dist/releases') },
    platform: { type: 'string', default: currentPlatform() },
  },
});
if (!values.version || !values.key) {
  process.stderr.write(
    'usage: build.mjs --version <x.y.z> --key <release private key PEM> [--out dir]\n',
  );
  process.exit(2);
}
const stageDir = join(tmpdir(), `printbeat-release-${process.pid}`);
try {
  await stageAgent(values.version, stageDir);
  const built = await packAndSign({
    stageDir,
    version: values.version,
    platform: values.platform,
    privateKeyPem: await readFile(resolve(values.key), 'utf8'),
    outDir: resolve(values.out),
  });
  process.stdout.write(
    `${built.artifactPath}\n${built.manifestPath}\n${JSON.stringify(built.manifest)}\n`,
  );
} finally {
  await rm(stageDir, { recursive: true, force: true });
}
