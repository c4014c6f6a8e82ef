import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  findManifest,
  loadChart,
  mergeValues,
  renderChart,
  type Manifest,
  type RenderedChart,
} from './helm-chart.js';
import { validateJsonSchema, type JsonSchema } from './json-schema.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const chartDir = join(repoRoot, 'infra', 'helm', 'printbeat');

// Values an operator must supply (nothing secret has a default in the chart).
const gatewayTls = { gateway: { tls: { existingSecret: 'printbeat-gateway-tls' } } };
const inline = {
  ...gatewayTls,
  database: {
    url: 'postgresql://owner:pw@db.internal:5432/printbeat',
    appUrl: 'postgresql://app:pw@db.internal:5432/printbeat',
  },
  secrets: { jwtSecret: 'j'.repeat(40), caKeyPassphrase: 'c'.repeat(20) },
};
const external = {
  ...gatewayTls,
  database: { existingSecret: 'printbeat-db' },
  secrets: { existingSecret: 'printbeat-app' },
};

type Container = {
  name: string;
  image: string;
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string } };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  securityContext?: Record<string, unknown>;
  ports?: { name: string; containerPort: number }[];
  volumeMounts?: { name: string; mountPath: string }[];
};
type PodSpec = {
  securityContext?: Record<string, unknown>;
  containers: Container[];
  volumes?: { name: string }[];
};
const podSpec = (manifest: Manifest) =>
  (manifest['spec'] as { template: { spec: PodSpec } }).template.spec;
const spec = (manifest: Manifest) => manifest['spec'] as Record<string, unknown>;

/** The setting names central reads (apps/central/src/config/config.schema.ts). */
function centralConfigKeys(): Set<string> {
  const source = readFileSync(join(repoRoot, 'apps/central/src/config/config.schema.ts'), 'utf8');
  const body = source.slice(source.indexOf('rawConfigSchema'));
  return new Set([...body.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!));
}

// Settings the chart passes that central does not read yet (the gateway's trusted-proxy mode).
// Each is documented in the chart README; remove from here once central reads it.
const PENDING_CENTRAL_KEYS: string[] = [];

describe('Helm chart infra/helm/printbeat', () => {
  const chart = loadChart(chartDir);

  it('has chart metadata and the values operators need', () => {
    expect(chart.chart.apiVersion).toBe('v2');
    expect(chart.chart.name).toBe('printbeat');
    expect(chart.chart.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(chart.chart.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    const values = chart.values as Record<string, Record<string, unknown>>;
    for (const key of [
      'replicaCount',
      'image',
      'database',
      'secrets',
      'resources',
      'ingress',
      'gateway',
      'migrations',
      'podDisruptionBudget',
      'autoscaling',
      'serviceMonitor',
    ]) {
      expect(chart.values).toHaveProperty(key);
    }
    expect(values['database']).toMatchObject({
      existingSecret: '',
      urlKey: 'DATABASE_URL',
      appUrlKey: 'DATABASE_APP_URL',
    });
    expect(values['gateway']!['mode']).toBe('passthrough');
    // Nothing secret ships with a default.
    expect(values['database']!['url']).toBe('');
    expect(values['secrets']!['jwtSecret']).toBe('');
  });

  describe('values.schema.json (helm validates values against it before rendering)', () => {
    const schema = JSON.parse(
      readFileSync(join(chartDir, 'values.schema.json'), 'utf8'),
    ) as JsonSchema;
    const check = (overrides: Record<string, unknown>) =>
      validateJsonSchema(schema, mergeValues(chart.values, overrides));

    it('accepts the defaults and the documented set-ups', () => {
      expect(check({})).toEqual([]);
      expect(check(inline)).toEqual([]);
      expect(check(external)).toEqual([]);
      expect(
        check({
          gateway: {
            mode: 'forwarded',
            forwarded: { caSecret: 'printbeat/agent-ca', trustedProxies: '10.42.0.0/16' },
            service: { type: 'LoadBalancer' },
          },
          autoscaling: { enabled: true },
          networkPolicy: { enabled: true, databaseCidr: '10.20.0.0/24' },
          config: { extraEnv: { NODE_OPTIONS: '--max-old-space-size=768' } },
        }),
      ).toEqual([]);
    });

    it('rejects the mistakes operators make, with the path', () => {
      expect(check({ gateway: { mode: 'Passthrough' } })).toEqual([
        'gateway.mode: must be one of "passthrough", "forwarded"',
      ]);
      expect(check({ replicas: 3 })).toEqual(['(root): unknown property "replicas"']);
      expect(check({ replicaCount: 0 })).toEqual(['replicaCount: must be >= 1']);
      expect(check({ replicaCount: '2' })).toEqual(['replicaCount: expected integer, got string']);
      expect(check({ secrets: { jwtSecret: 'short' } })).toEqual([
        'secrets.jwtSecret: does not match ^$|^.{32,}$',
      ]);
      expect(check({ database: { url: 'mysql://x' } })).toEqual([
        'database.url: does not match ^$|^postgres(ql)?://\\S+$',
      ]);
      expect(check({ config: { extraEnv: { 'bad-name': 'x' } } })).toEqual([
        'config.extraEnv.bad-name (name): does not match ^[A-Z_][A-Z0-9_]*$',
      ]);
      expect(check({ podSecurityContext: { runAsNonRoot: false } })).toEqual([
        'podSecurityContext.runAsNonRoot: must be true',
      ]);
      expect(check({ ingress: { host: 'Printbeat.Example.com' } })).toHaveLength(1);
    });

    it('covers every top-level value (additionalProperties: false stays honest)', () => {
      const properties = Object.keys(schema['properties'] as Record<string, unknown>).sort();
      expect(properties).toEqual(Object.keys(chart.values).sort());
    });
  });

  it('refuses to render without an external database or shared secrets', () => {
    expect(() => renderChart(chart, { values: gatewayTls })).toThrow(
      /database\.url \(or database\.existingSecret\) is required/,
    );
    expect(() =>
      renderChart(chart, { values: { ...gatewayTls, database: inline.database } }),
    ).toThrow(/secrets\.jwtSecret/);
  });

  describe.each([
    ['inline secrets', inline],
    ['existing secrets', external],
  ])('rendered with %s', (_label, values) => {
    const rendered = renderChart(chart, { values });

    it('renders only well-formed manifests', () => {
      expect(rendered.manifests.length).toBeGreaterThanOrEqual(9);
      for (const { source, manifest } of rendered.manifests) {
        expect({
          source,
          apiVersion: typeof manifest.apiVersion,
          kind: typeof manifest.kind,
        }).toEqual({ source, apiVersion: 'string', kind: 'string' });
        expect(manifest.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        expect(manifest.metadata.name.length).toBeLessThanOrEqual(63);
      }
      const names = rendered.manifests.map(
        ({ manifest }) => `${manifest.kind}/${manifest.metadata.name}`,
      );
      expect(new Set(names).size).toBe(names.length);
    });

    it('runs central with probes on /ready and /health, non-root, read-only root filesystem', () => {
      const deployment = findManifest(rendered, 'Deployment');
      expect(spec(deployment)['replicas']).toBe(2);
      const pod = podSpec(deployment);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      const [central] = pod.containers;
      expect(central!.readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'http' });
      expect(central!.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(central!.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(central!.ports).toEqual([
        { name: 'http', containerPort: 3000, protocol: 'TCP' },
        { name: 'gateway', containerPort: 8443, protocol: 'TCP' },
      ]);
      expect(central!.image).toBe('ghcr.io/printbeat/central:0.1.0');
      // A read-only root needs writable mounts for the data dir and /tmp.
      expect(central!.volumeMounts?.map((mount) => mount.mountPath).sort()).toEqual([
        '/etc/printbeat/gateway-tls',
        '/tmp',
        '/var/lib/printbeat',
      ]);
    });

    it('wires every secret from a Secret and every setting from the ConfigMap', () => {
      const deployment = findManifest(rendered, 'Deployment');
      const central = podSpec(deployment).containers[0]!;
      const fromSecrets = Object.fromEntries(
        (central.env ?? []).map((entry) => [entry.name, entry.valueFrom?.secretKeyRef]),
      );
      const dbSecret = values === external ? 'printbeat-db' : 'printbeat-database';
      const appSecret = values === external ? 'printbeat-app' : 'printbeat-secrets';
      expect(fromSecrets).toEqual({
        DATABASE_URL: { name: dbSecret, key: 'DATABASE_URL' },
        DATABASE_APP_URL: { name: dbSecret, key: 'DATABASE_APP_URL' },
        JWT_SECRET: { name: appSecret, key: 'JWT_SECRET' },
        CA_KEY_PASSPHRASE: { name: appSecret, key: 'CA_KEY_PASSPHRASE' },
      });
      const configMap = findManifest(rendered, 'ConfigMap');
      expect(central.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
      // The chart may only set what central reads (or what is documented as pending).
      const known = centralConfigKeys();
      expect(known.size).toBeGreaterThan(10);
      const data = configMap['data'] as Record<string, string>;
      for (const key of [...Object.keys(data), ...Object.keys(fromSecrets)]) {
        expect({ key, known: known.has(key) || PENDING_CENTRAL_KEYS.includes(key) }).toEqual({
          key,
          known: true,
        });
      }
      // Helm prints float64 values from values.yaml; integers must stay plain decimals.
      for (const key of [
        'PORT',
        'GATEWAY_PORT',
        'ACCESS_TOKEN_TTL_SECONDS',
        'REFRESH_TOKEN_TTL_SECONDS',
      ]) {
        expect({ key, value: data[key] }).toEqual({ key, value: expect.stringMatching(/^\d+$/) });
      }
      expect(data['REFRESH_TOKEN_TTL_SECONDS']).toBe('2592000');
      expect(data).toMatchObject({
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/printbeat',
      });
      // No secret ever lands in the ConfigMap.
      expect(JSON.stringify(data)).not.toMatch(/postgresql:|j{32}|c{16}/);
    });

    it('runs migrations as a pre-install/pre-upgrade hook Job before the pods', () => {
      const job = findManifest(rendered, 'Job');
      expect(job.metadata.annotations).toMatchObject({
        'helm.sh/hook': 'pre-install,pre-upgrade',
        'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
      });
      const pod = podSpec(job) as PodSpec & { restartPolicy: string };
      expect(pod.restartPolicy).toBe('Never');
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      const migrate = pod.containers[0]!;
      expect(migrate.image).toBe('ghcr.io/printbeat/central-migrate:0.1.0');
      expect(migrate).toMatchObject({
        args: ['node', 'tools/scripts/prisma.mjs', 'migrate', 'deploy'],
      });
      const secretRef = migrate.env?.find((entry) => entry.name === 'DATABASE_URL')?.valueFrom
        ?.secretKeyRef;
      if (values === external) {
        expect(secretRef).toEqual({ name: 'printbeat-db', key: 'DATABASE_URL' });
        expect(
          rendered.manifests.some(
            ({ manifest }) => manifest.metadata.name === 'printbeat-migrations',
          ),
        ).toBe(false);
      } else {
        // Pre-install runs before the release's own Secret exists: the Job reads a hook Secret
        // created just before it (lower weight).
        const hookSecret = findManifest(rendered, 'Secret', '-migrations');
        expect(secretRef).toEqual({ name: hookSecret.metadata.name, key: 'DATABASE_URL' });
        expect(Number(hookSecret.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(
          Number(job.metadata.annotations?.['helm.sh/hook-weight']),
        );
        const data = hookSecret['data'] as Record<string, string>;
        expect(Buffer.from(data['DATABASE_URL']!, 'base64').toString()).toBe(inline.database.url);
      }
    });

    it('exposes web and gateway Services and a TLS ingress for the portal', () => {
      const services = rendered.manifests
        .filter(({ manifest }) => manifest.kind === 'Service')
        .map(({ manifest }) => manifest);
      const ports = services
        .map((service) =>
          (spec(service)['ports'] as { name: string; port: number }[]).map(
            (port) => `${port.name}:${port.port}`,
          ),
        )
        .flat();
      expect(ports.sort()).toEqual(['gateway:8443', 'http:3000']);
      const web = findManifest(rendered, 'Ingress', 'printbeat');
      expect(spec(web)['tls']).toEqual([
        { hosts: ['printbeat.example.com'], secretName: 'printbeat-web-tls' },
      ]);
      const pdb = findManifest(rendered, 'PodDisruptionBudget');
      expect(spec(pdb)['minAvailable']).toBe(1);
    });
  });

  const render = (values: Record<string, unknown>): RenderedChart =>
    renderChart(chart, { values: mergeValues(inline, values) });

  it('gateway passthrough mode: SNI passthrough, central terminates mTLS', () => {
    const gateway = findManifest(render({}), 'Ingress', '-gateway');
    expect(gateway.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/ssl-passthrough': 'true',
    });
    expect(
      Object.keys(gateway.metadata.annotations ?? {}).some((key) => key.includes('auth-tls')),
    ).toBe(false);
    const configMap = findManifest(render({}), 'ConfigMap');
    expect(configMap['data']).not.toHaveProperty('GATEWAY_TRUSTED_PROXIES');
    // Central serves the gateway host's certificate itself, from the mounted TLS Secret.
    expect(configMap['data']).toMatchObject({
      GATEWAY_TLS_CERT_FILE: '/etc/printbeat/gateway-tls/tls.crt',
      GATEWAY_TLS_KEY_FILE: '/etc/printbeat/gateway-tls/tls.key',
    });
    const pod = podSpec(findManifest(render({}), 'Deployment'));
    expect(pod.volumes).toContainEqual({
      name: 'gateway-tls',
      secret: { secretName: 'printbeat-gateway-tls' },
    });
    expect(pod.containers[0]!.volumeMounts).toContainEqual({
      name: 'gateway-tls',
      mountPath: '/etc/printbeat/gateway-tls',
      readOnly: true,
    });
    expect(() => render({ gateway: { tls: { existingSecret: '' } } })).toThrow(
      /gateway\.tls\.existingSecret is required in passthrough mode/,
    );
  });

  it('gateway forwarded mode: the ingress verifies the client certificate and forwards it to central', () => {
    expect(() =>
      render({ gateway: { mode: 'forwarded', forwarded: { caSecret: 'printbeat/agent-ca' } } }),
    ).toThrow(/trustedProxies is required/);
    const rendered = render({
      gateway: {
        mode: 'forwarded',
        forwarded: { caSecret: 'printbeat/agent-ca', trustedProxies: '10.42.0.0/16' },
      },
    });
    const gateway = findManifest(rendered, 'Ingress', '-gateway');
    expect(gateway.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/auth-tls-secret': 'printbeat/agent-ca',
      'nginx.ingress.kubernetes.io/auth-tls-verify-client': 'optional',
      'nginx.ingress.kubernetes.io/configuration-snippet':
        'proxy_set_header X-Client-Certificate $ssl_client_escaped_cert;\n',
    });
    expect(gateway.metadata.annotations).not.toHaveProperty(
      'nginx.ingress.kubernetes.io/ssl-passthrough',
    );
    expect(spec(gateway)['tls']).toEqual([
      { hosts: ['gateway.printbeat.example.com'], secretName: 'printbeat-gateway-tls' },
    ]);
    expect(findManifest(rendered, 'ConfigMap')['data']).toMatchObject({
      GATEWAY_TRUSTED_PROXIES: '10.42.0.0/16',
    });
  });

  it('rejects an unknown gateway mode', () => {
    expect(() => render({ gateway: { mode: 'tcp' } })).toThrow(
      /gateway\.mode must be passthrough or forwarded/,
    );
  });

  it('optional parts: HPA replaces fixed replicas, ServiceMonitor scrapes /metrics, LoadBalancer gateway', () => {
    const rendered = render({
      autoscaling: { enabled: true },
      serviceMonitor: { enabled: true, labels: { release: 'kube-prometheus' } },
      gateway: { service: { type: 'LoadBalancer' } },
    });
    expect(spec(findManifest(rendered, 'Deployment'))).not.toHaveProperty('replicas');
    expect(spec(findManifest(rendered, 'HorizontalPodAutoscaler'))).toMatchObject({
      minReplicas: 2,
      maxReplicas: 10,
    });
    const monitor = findManifest(rendered, 'ServiceMonitor');
    expect(monitor.metadata.labels).toMatchObject({ release: 'kube-prometheus' });
    expect(spec(monitor)['endpoints']).toEqual([
      { port: 'http', path: '/metrics', interval: '30s' },
    ]);
    expect(spec(findManifest(rendered, 'Service', '-gateway'))).toMatchObject({
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
    });
    const plain = render({});
    expect(
      plain.manifests.some(
        ({ manifest }) =>
          manifest.kind === 'HorizontalPodAutoscaler' || manifest.kind === 'ServiceMonitor',
      ),
    ).toBe(false);
  });

  it('rolls the pods when the ConfigMap changes', () => {
    const checksum = (rendered: RenderedChart) =>
      (
        spec(findManifest(rendered, 'Deployment'))['template'] as {
          metadata: { annotations: Record<string, string> };
        }
      ).metadata.annotations['checksum/config'];
    const before = checksum(render({}));
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum(render({ config: { logLevel: 'debug' } }))).not.toBe(before);
    expect(checksum(render({ replicaCount: 5 }))).toBe(before);
  });

  it('optional NetworkPolicy: ingress controller and Prometheus in; DNS, PostgreSQL and HTTPS out', () => {
    expect(render({}).manifests.some(({ manifest }) => manifest.kind === 'NetworkPolicy')).toBe(
      false,
    );
    expect(() => render({ networkPolicy: { enabled: true } })).toThrow(/databaseCidr is required/);
    const policy = findManifest(
      render({ networkPolicy: { enabled: true, databaseCidr: '10.20.0.0/24' } }),
      'NetworkPolicy',
    );
    const ingress = spec(policy)['ingress'] as { from?: unknown[]; ports: { port: string }[] }[];
    expect(ingress.map((rule) => rule.ports.map((port) => port.port))).toEqual([
      ['http', 'gateway'],
      ['http'],
    ]);
    expect(ingress.every((rule) => Array.isArray(rule.from) && rule.from.length > 0)).toBe(true);
    expect(spec(policy)['egress']).toEqual([
      {
        ports: [
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
        ],
      },
      { to: [{ ipBlock: { cidr: '10.20.0.0/24' } }], ports: [{ port: 5432, protocol: 'TCP' }] },
      { ports: [{ port: 443, protocol: 'TCP' }] },
    ]);
    const lb = findManifest(
      render({
        networkPolicy: { enabled: true, databaseCidr: '10.20.0.0/24' },
        gateway: { service: { type: 'LoadBalancer' } },
      }),
      'NetworkPolicy',
    );
    expect((spec(lb)['ingress'] as unknown[])[1]).toEqual({
      ports: [{ port: 'gateway', protocol: 'TCP' }],
    });
  });

  it('leaves out the disruption budget for a single replica (it would block node drains)', () => {
    const single = render({ replicaCount: 1 });
    expect(single.manifests.some(({ manifest }) => manifest.kind === 'PodDisruptionBudget')).toBe(
      false,
    );
    const scaled = render({ replicaCount: 1, autoscaling: { enabled: true } });
    expect(spec(findManifest(scaled, 'PodDisruptionBudget'))['minAvailable']).toBe(1);
  });

  it('uses existingClaim or an emptyDir for DATA_DIR instead of its own PVC when told', () => {
    const claim = render({ persistence: { existingClaim: 'shared-ca' } });
    expect(claim.manifests.some(({ manifest }) => manifest.kind === 'PersistentVolumeClaim')).toBe(
      false,
    );
    expect(podSpec(findManifest(claim, 'Deployment')).volumes).toContainEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'shared-ca' },
    });
    const ephemeral = render({ persistence: { enabled: false } });
    expect(podSpec(findManifest(ephemeral, 'Deployment')).volumes).toContainEqual({
      name: 'data',
      emptyDir: {},
    });
  });

  it('probes and scrapes routes central really serves', () => {
    const routes = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.controller.ts')) {
          for (const match of readFileSync(path, 'utf8').matchAll(/@Get\('\/?([a-z/-]+)'\)/g))
            routes.add(`/${match[1]!}`);
        }
      }
    };
    walk(join(repoRoot, 'apps/central/src'));
    expect(routes).toContain('/health');
    expect(routes).toContain('/ready');
    // /metrics arrives with central's operations work; until then the ServiceMonitor is off by default.
    if (!routes.has('/metrics'))
      expect((chart.values['serviceMonitor'] as { enabled: boolean }).enabled).toBe(false);
  });

  it('documents the values operators must set in the chart README', () => {
    const readme = readFileSync(join(chartDir, 'README.md'), 'utf8');
    for (const key of [
      ...PENDING_CENTRAL_KEYS,
      'gateway.tls.existingSecret',
      'gateway.forwarded.trustedProxies',
      'database.existingSecret',
      'secrets.existingSecret',
    ]) {
      expect(readme).toContain(key);
    }
  });
});
