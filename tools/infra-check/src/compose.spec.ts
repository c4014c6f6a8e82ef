import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseDockerfile, stageByName } from './dockerfile.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const composePath = join(repoRoot, 'docker', 'compose.yaml');

type Service = {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  networks?: string[];
  network_mode?: string;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  read_only?: boolean;
  cap_drop?: string[];
  healthcheck?: { test: string[] };
  restart?: string;
};
type Compose = {
  name: string;
  services: Record<string, Service>;
  networks: Record<string, { driver?: string }>;
  volumes: Record<string, unknown>;
};

const compose = parse(readFileSync(composePath, 'utf8'), { merge: true }) as Compose;
const services = compose.services;

describe('docker/compose.yaml', () => {
  it('parses and has the whole system: postgres, migrate, central, simulator, agent', () => {
    expect(Object.keys(services).sort()).toEqual([
      'agent',
      'central',
      'migrate',
      'postgres',
      'printer-sim',
    ]);
    expect(services['postgres']!.image).toMatch(/^postgres:18(-|$)/);
  });

  it('builds every service from a Dockerfile (and target) that exists', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.build) continue;
      const context = resolve(dirname(composePath), service.build.context);
      expect({ name, context }).toEqual({ name, context: repoRoot.replace(/\/$/, '') });
      const dockerfilePath = join(context, service.build.dockerfile);
      expect({ name, exists: existsSync(dockerfilePath) }).toEqual({ name, exists: true });
      if (service.build.target) {
        const dockerfile = parseDockerfile(readFileSync(dockerfilePath, 'utf8'));
        expect({ name, target: stageByName(dockerfile, service.build.target)?.name }).toEqual({
          name,
          target: service.build.target,
        });
      }
      // Image names are pinned too (tag from PRINTBEAT_VERSION, never latest).
      expect(service.image).toMatch(/^printbeat\/[a-z-]+:\$\{PRINTBEAT_VERSION:-\d+\.\d+\.\d+\}$/);
    }
    expect(services['migrate']!.build?.target).toBe('migrate');
  });

  it('publishes ports on loopback only, with sane numbers', () => {
    const published = Object.values(services).flatMap((service) => service.ports ?? []);
    expect(published.sort()).toEqual(['127.0.0.1:3000:3000', '127.0.0.1:8443:8443']);
    for (const port of published) {
      const [host, hostPort, containerPort] = port.split(':');
      expect(host).toBe('127.0.0.1');
      expect(Number(hostPort)).toBeGreaterThan(1023);
      expect(Number(containerPort)).toBeLessThan(65536);
    }
  });

  it("uses only bridge networks, and the agent shares the simulator's loopback", () => {
    for (const network of Object.values(compose.networks)) expect(network.driver).toBe('bridge');
    for (const [name, service] of Object.entries(services)) {
      expect({ name, mode: service.network_mode ?? 'bridge' }).toEqual({
        name,
        mode: expect.stringMatching(/^(bridge|service:printer-sim)$/),
      });
    }
    // The simulator answers on 127.10.0.x only: the agent must be in its network namespace.
    expect(services['agent']!.network_mode).toBe('service:printer-sim');
    expect(services['agent']!.networks).toBeUndefined();
    const sim = services['printer-sim']!.command!;
    expect(sim[sim.indexOf('--first') + 1]).toMatch(/^127\./);
    // …and that namespace is on the network where central is.
    expect(services['printer-sim']!.networks).toEqual(services['central']!.networks);
  });

  it('orders start-up: postgres healthy → migrations done → central healthy → agent', () => {
    expect(services['migrate']!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services['central']!.depends_on).toEqual({
      migrate: { condition: 'service_completed_successfully' },
    });
    expect(services['agent']!.depends_on?.['central']).toEqual({ condition: 'service_healthy' });
    expect(services['migrate']!.restart).toBe('no');
    expect(services['postgres']!.healthcheck?.test.join(' ')).toMatch(/pg_isready/);
  });

  it('gives central an external database and required secrets, never defaults for them', () => {
    const env = services['central']!.environment!;
    expect(env['DATABASE_URL']).toMatch(
      /^postgresql:\/\/printbeat:\$\{POSTGRES_PASSWORD:-[^}]+\}@postgres:5432\/printbeat$/,
    );
    expect(env['NODE_ENV']).toBe('production');
    expect(env['JWT_SECRET']).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(env['CA_KEY_PASSPHRASE']).toMatch(/^\$\{CA_KEY_PASSPHRASE:\?/);
    expect(services['migrate']!.environment!['DATABASE_URL']).toBe(env['DATABASE_URL']);
    const agentEnv = services['agent']!.environment!;
    expect(agentEnv['PRINTBEAT_CENTRAL_URL']).toBe('https://central:8443');
    expect(agentEnv['PRINTBEAT_REGISTRATION_KEY']).toBe('${PRINTBEAT_DEMO_REGISTRATION_KEY:-}');
  });

  it('sets only settings central reads (apps/central/src/config/config.schema.ts)', () => {
    const schema = readFileSync(join(repoRoot, 'apps/central/src/config/config.schema.ts'), 'utf8');
    const known = new Set(
      [
        ...schema.slice(schema.indexOf('rawConfigSchema')).matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm),
      ].map((match) => match[1]!),
    );
    expect(known.size).toBeGreaterThan(10);
    for (const name of ['central', 'migrate']) {
      for (const key of Object.keys(services[name]!.environment!)) {
        expect({ name, key, known: known.has(key) }).toEqual({ name, key, known: true });
      }
    }
  });

  it('runs the app containers read-only without capabilities', () => {
    for (const name of ['central', 'agent', 'printer-sim']) {
      expect({ name, readOnly: services[name]!.read_only, caps: services[name]!.cap_drop }).toEqual(
        { name, readOnly: true, caps: ['ALL'] },
      );
    }
  });

  it('documents every variable it reads in demo.env.example', () => {
    const text = readFileSync(composePath, 'utf8');
    const variables = new Set([...text.matchAll(/\$\{([A-Z_]+)[:}]/g)].map((match) => match[1]!));
    const example = readFileSync(join(repoRoot, 'docker', 'demo.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]!));
    const optional = new Set(['LOG_LEVEL', 'PRINTBEAT_VERSION', 'DATABASE_APP_URL']);
    for (const variable of variables) {
      expect({ variable, documented: documented.has(variable) || optional.has(variable) }).toEqual({
        variable,
        documented: true,
      });
    }
  });
});
