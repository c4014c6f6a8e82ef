#!/usr/bin/env node
// Builds a signed agent release: node tools/release/build.mjs --version 1.2.3 --key release.key
// [--out dist/releases] [--platform linux-x64] [--sea]. Build the agent first (npx tsc -b apps/agent).
// --sea also makes the single executable printbeat-agent-<version>-<platform> (this machine's
// platform only: it is this Node with the agent inside) and its own signed manifest.
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { currentPlatform, packAndSign, ROOT, signArtifact, stageAgent } from './release-lib.mjs';
import { buildSingleExecutable, singleExecutablePlatform } from './single-executable.mjs';

const { values } = parseArgs({
  options: {
    version: { type: 'string' },
    key: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'dist/releases') },
    platform: { type: 'string', default: currentPlatform() },
    sea: { type: 'boolean', default: false },
  },
});
if (!values.version || !values.key) {
  process.stderr.write(
    'usage: build.mjs --version <x.y.z> --key <release private key PEM> [--out dir] [--sea]\n',
  );
  process.exit(2);
}
if (values.sea && values.platform !== currentPlatform()) {
  process.stderr.write(
    `--sea builds for this machine only (${currentPlatform()}), not ${values.platform}\n`,
  );
  process.exit(2);
}
const stageDir = join(tmpdir(), `printbeat-release-${process.pid}`);
try {
  await stageAgent(values.version, stageDir);
  const privateKeyPem = await readFile(resolve(values.key), 'utf8');
  const outDir = resolve(values.out);
  const built = [
    await packAndSign({
      stageDir,
      version: values.version,
      platform: values.platform,
      privateKeyPem,
      outDir,
    }),
  ];
  if (values.sea) {
    const artifactPath = await buildSingleExecutable({
      stageDir,
      workDir: `${stageDir}-sea`,
      outPath: join(outDir, `printbeat-agent-${values.version}-${values.platform}`),
    });
    built.push(
      await signArtifact({
        artifactPath,
        version: values.version,
        platform: singleExecutablePlatform(values.platform),
        privateKeyPem,
      }),
    );
  }
  for (const release of built) {
    process.stdout.write(
      `${release.artifactPath}\n${release.manifestPath}\n${JSON.stringify(release.manifest)}\n`,
    );
  }
} finally {
  await rm(stageDir, { recursive: true, force: true });
  await rm(`${stageDir}-sea`, { recursive: true, force: true });
}
