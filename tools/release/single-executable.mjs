import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { inject } from 'postject';

const run = promisify(execFile);

/** The fuse Node's single executable applications look for (Node's SEA documentation). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const SEA_RESOURCE = 'NODE_SEA_BLOB';

/**
 * The platform a single-executable release is published for: the agent's own platform with
 * `-sea`, so central keeps it apart from the tarball of the same version and an agent only ever
 * installs releases of its own kind (apps/agent/src/update/installation.ts).
 */
export const singleExecutablePlatform = (platform) => `${platform}-sea`;

/**
 * The staged agent (stageAgent: dist with the release's version, production node_modules) as
 * one executable: esbuild bundles it into one CommonJS file, Node makes the preparation blob
 * (`--experimental-sea-config`) and postject injects it into a copy of `nodeBinary`, the very
 * Node running this (nothing is downloaded). Returns the path of the executable written.
 */
export async function buildSingleExecutable({
  stageDir,
  outPath,
  workDir,
  nodeBinary = process.execPath,
}) {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const entry = join(workDir, 'entry.mjs');
  await writeFile(
    entry,
    [
      `import { main } from ${JSON.stringify(join(stageDir, 'dist/main.js'))};`,
      'main().catch((error) => { process.stderr.write(`${error?.stack ?? error}\\n`); process.exitCode = 3; });',
      '',
    ].join('\n'),
  );
  const bundle = join(workDir, 'printbeat-agent.cjs');
  await bundleAgent(entry, bundle);
  const blob = join(workDir, 'sea-prep.blob');
  const config = join(workDir, 'sea-config.json');
  await writeFile(
    config,
    JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true }),
  );
  await run(nodeBinary, ['--experimental-sea-config', config], { cwd: workDir });

  const node = await readFile(nodeBinary);
  if (!node.includes(`${SEA_FUSE}:0`)) {
    throw new Error(
      `${nodeBinary} cannot become a single executable: it lacks Node's SEA fuse (Node ≥ 20 built with single executable support, not already injected)`,
    );
  }
  await rm(outPath, { force: true });
  await copyFile(nodeBinary, outPath);
  await chmod(outPath, 0o755);
  await inject(outPath, SEA_RESOURCE, await readFile(blob), { sentinelFuse: SEA_FUSE });
  return outPath;
}

/**
 * One CommonJS file with every dependency inside (Node runs only CommonJS as the main script of
 * a single executable). `import.meta.url`, which CommonJS lacks, becomes the bundle's own file
 * URL: the agent reads it only to find its files when it does not run as a single executable.
 */
async function bundleAgent(entry, outfile) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    define: { 'import.meta.url': '__printbeatBundleUrl' },
    banner: {
      js: "var __printbeatBundleUrl = require('node:url').pathToFileURL(__filename).href;",
    },
    logLevel: 'silent',
  });
  const problems = [...result.errors, ...result.warnings];
  if (problems.length > 0) {
    throw new Error(
      `bundling the agent: ${problems.map((p) => `${p.text} (${p.location?.file ?? '?'}:${p.location?.line ?? '?'})`).join('; ')}`,
    );
  }
}
