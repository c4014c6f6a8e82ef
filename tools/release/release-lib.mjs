import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cp, mkdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CompactSign, importPKCS8 } from 'jose';

const run = promisify(execFile);
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const AGENT_DIR = join(ROOT, 'apps/agent');
const VERSION_PATTERN = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
/** The JWS `typ` of a release manifest; the agent refuses any other. */
export const MANIFEST_TYPE = 'printbeat-agent-release+jws';

/** The platform a release built here runs on, as the agent reports it (`linux-x64`). */
export const currentPlatform = () => `${process.platform}-${process.arch}`;

/** An Ed25519 release key pair as PEM (PKCS#8 private, SPKI public). */
export function generateReleaseKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The built agent (apps/agent/dist, compiled by `npx tsc -b`) with its production dependencies
 * copied from this checkout's node_modules, as a directory ready to pack: nothing is fetched.
 */
export async function stageAgent(version, stageDir) {
  if (!VERSION_PATTERN.test(version)) throw new Error(`not a release version: ${version}`);
  await rm(stageDir, { recursive: true, force: true });
  await mkdir(stageDir, { recursive: true });
  const pkg = JSON.parse(await readFile(join(AGENT_DIR, 'package.json'), 'utf8'));
  await cp(join(AGENT_DIR, 'bin'), join(stageDir, 'bin'), { recursive: true });
  await cp(join(AGENT_DIR, 'dist'), join(stageDir, 'dist'), {
    recursive: true,
    filter: (source) => !source.endsWith('.tsbuildinfo'),
  });
  await writeFile(
    join(stageDir, 'dist/version.js'),
    `/** Set by tools/release when this release was built. */\nexport const AGENT_VERSION = '${version}';\n`,
  );
  const { devDependencies: _dev, nx: _nx, ...released } = pkg;
  await writeFile(
    join(stageDir, 'package.json'),
    `${JSON.stringify({ ...released, version }, null, 2)}\n`,
  );
  await copyDependencies(pkg.dependencies ?? {}, AGENT_DIR, stageDir);
}

async function copyDependencies(dependencies, fromDir, stageDir) {
  const rootModules = join(ROOT, 'node_modules');
  const done = new Set();
  const queue = Object.keys(dependencies).map((name) => ({ name, fromDir }));
  while (queue.length > 0) {
    const { name, fromDir: from } = queue.shift();
    const found = await findPackage(name, from);
    if (!found) throw new Error(`dependency ${name} (needed from ${from}) is not installed`);
    const real = await realpath(found);
    if (done.has(real)) continue;
    done.add(real);
    const within = relative(rootModules, found);
    const target = within.startsWith('..')
      ? join(stageDir, 'node_modules', name)
      : join(stageDir, 'node_modules', within);
    const workspace = !real.startsWith(`${rootModules}/`) && !real.includes('/node_modules/');
    await cp(real, target, {
      recursive: true,
      dereference: true,
      filter: (source) =>
        !workspace || source === real || /^(package\.json|dist)(\/|$)/.test(relative(real, source)),
    });
    const manifest = JSON.parse(await readFile(join(real, 'package.json'), 'utf8'));
    for (const dependency of Object.keys({
      ...manifest.dependencies,
      ...manifest.optionalDependencies,
    })) {
      queue.push({ name: dependency, fromDir: workspace ? real : found });
    }
  }
}

/** Node's lookup: node_modules/<name> in the directory and each one above it. */
async function findPackage(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    const exists = await stat(join(candidate, 'package.json')).catch(() => null);
    if (exists) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

export async function sha256File(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Packs a staged agent into `printbeat-agent-<version>-<platform>.tar.gz` (one top directory)
 * and writes its manifest signed with the release key beside it (`.manifest.jws`).
 */
export async function packAndSign({ stageDir, version, platform, privateKeyPem, outDir }) {
  await mkdir(outDir, { recursive: true });
  const name = `printbeat-agent-${version}-${platform}`;
  const artifactPath = join(outDir, `${name}.tar.gz`);
  await run('tar', [
    '-czf',
    artifactPath,
    '--transform',
    `s,^\\.,${name},`,
    '--owner=0',
    '--group=0',
    '-C',
    stageDir,
    '.',
  ]);
  return signArtifact({ artifactPath, version, platform, privateKeyPem });
}

/**
 * Signs the manifest of a built artifact and writes it beside the artifact as
 * `printbeat-agent-<version>-<platform>.manifest.jws`.
 */
export async function signArtifact({ artifactPath, version, platform, privateKeyPem }) {
  const manifest = {
    version,
    platform,
    sha256: await sha256File(artifactPath),
    size: (await stat(artifactPath)).size,
    createdAt: new Date().toISOString(),
    artifact: basename(artifactPath),
  };
  const manifestJws = await signManifest(manifest, privateKeyPem);
  const manifestPath = join(
    dirname(artifactPath),
    `printbeat-agent-${version}-${platform}.manifest.jws`,
  );
  await writeFile(manifestPath, `${manifestJws}\n`);
  return { artifactPath, manifestPath, manifest, manifestJws };
}

export async function signManifest(manifest, privateKeyPem) {
  const key = await importPKCS8(privateKeyPem, 'EdDSA');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
    .setProtectedHeader({ alg: 'EdDSA', typ: MANIFEST_TYPE })
    .sign(key);
}
