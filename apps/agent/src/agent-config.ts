import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AgentError } from './agent.errors.js';
import { DEFAULT_SUPPLY_LEVELS } from './events/device-condition.js';
import type { EventSettings } from './events/event-monitor.js';
import {
  COMMAND_TYPES,
  type AgentRemoteConfig,
  type CommandType,
  type Schedules,
} from './gateway-client/protocol.js';
import {
  AUTH_PROTOCOL_NAMES,
  authProtocolNamed,
  PRIV_PROTOCOL_NAMES,
  privProtocolNamed,
} from './snmp/snmp-credentials.js';
import { settingsList, type DiscoveryTarget } from './targets/discovery-targets.js';
import {
  effectiveMasking,
  MASKING_MODES,
  type EffectiveMasking,
} from './masking/masking-policy.js';

/**
 * The agent's settings. Three layers, later wins: built-in defaults (DESIGN.md schedules) →
 * central's remote config → this machine's local file. The local file belongs to the
 * customer's IT: what it switches off, central cannot switch back on. In lock-down mode the
 * remote layer is ignored and no commands are pulled, except that central's last masking
 * settings still apply (they can only make masking stricter). Masking combines per field group
 * by taking the stricter of central's and the local setting.
 *
 * This module is the only place in the agent that reads process.env.
 */
/** Credentials tried per device at most: each wrong one costs a timeout on every contact. */
export const MAX_CREDENTIALS_PER_LIST = 10;

const scheduleSchema = z.union([
  z.object({ everySeconds: z.number().int().min(1) }).strict(),
  z.object({ dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM') }).strict(),
]);
const intervalSchema = z.object({ everySeconds: z.number().int().min(1) }).strict();

/** A protocol named as on the command line (any case, Net-SNMP aliases), read as its canonical name. */
function protocolName<T>(named: (name: string) => T | undefined, names: readonly string[]) {
  return z.string().transform((name, context) => {
    const found = named(name);
    if (found !== undefined) return found;
    context.addIssue({ code: 'custom', message: `expected one of ${names.join(', ')}` });
    return z.NEVER;
  });
}

const snmpSettingsSchema = z
  .object({
    version: z.enum(['1', '2c', '3']),
    community: z.string().min(1).optional(),
    user: z.string().optional(),
    authProtocol: protocolName(authProtocolNamed, AUTH_PROTOCOL_NAMES).optional(),
    authKey: z.string().optional(),
    privProtocol: protocolName(privProtocolNamed, PRIV_PROTOCOL_NAMES).optional(),
    privKey: z.string().optional(),
    context: z.string().optional(),
    timeoutMs: z.number().int().min(50).optional(),
    retries: z.number().int().min(0).max(5).optional(),
  })
  .strict();

/** One set of settings, or a list tried in order until one answers. */
const snmpSchema = oneOrList(snmpSettingsSchema, MAX_CREDENTIALS_PER_LIST);

const discoveryTargetSchema = z
  .unknown()
  .transform((value, context) =>
    checked(
      typeof value === 'string'
        ? z.string().min(1)
        : z
            .object({ target: z.string().min(1), snmp: snmpSchema, write: snmpSchema.optional() })
            .strict(),
      value,
      context,
    ),
  );

/**
 * `T` or a list of 1…max `T`. Chosen by the value's shape rather than z.union, so an error
 * names the field at fault (`snmp.1.authKey`) instead of "Invalid input".
 */
function oneOrList<T extends z.ZodType>(schema: T, max: number) {
  const list = z.array(schema).min(1).max(max);
  return z
    .unknown()
    .transform((value, context): z.output<T> | Array<z.output<T>> =>
      Array.isArray(value) ? checked(list, value, context) : checked(schema, value, context),
    );
}

function checked<T extends z.ZodType>(
  schema: T,
  value: unknown,
  context: z.RefinementCtx,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
}
const trapsSchema = z
  .object({
    enabled: z.boolean(),
    port: z.number().int().min(1).max(65535),
    address: z.ipv4(),
    communities: z.array(z.string().min(1)),
    perSenderPerMinute: z.number().int().min(1).max(600),
  })
  .partial()
  .strict()
  .default({});

const maskingMode = z.enum(MASKING_MODES);
/** Masking this machine asks for; it can only make central's settings stricter. */
const maskingSchema = z
  .object({
    ip: maskingMode,
    mac: maskingMode,
    hostname: maskingMode,
    contactLocation: maskingMode,
  })
  .partial()
  .strict()
  .default({});

/** Self-update (this machine's: central cannot switch it back on). */
const updatesSchema = z
  .object({
    enabled: z.boolean(),
    /** The release public key (PEM) trusted for updates; default <data-dir>/release-key.pem. */
    publicKeyFile: z.string().min(1),
    /** A new release that starts more than this often within `startWindowSeconds` is rolled back. */
    maxStarts: z.number().int().min(1).max(100),
    startWindowSeconds: z.number().int().min(1).max(86_400),
    /** A new release that has not reached central after this long is rolled back. */
    confirmWithinSeconds: z.number().int().min(1).max(86_400),
  })
  .partial()
  .strict()
  .default({});

export const localConfigSchema = z
  .object({
    central: z.url().optional(),
    lockDown: z.boolean().default(false),
    disabledActions: z.array(z.enum(COMMAND_TYPES as [CommandType, ...CommandType[]])).default([]),
    proxy: z.url().optional(),
    schedules: z
      .object({
        discovery: scheduleSchema,
        meters: intervalSchema,
        status: intervalSchema,
        upload: intervalSchema,
        commandPoll: intervalSchema,
        config: intervalSchema,
      })
      .partial()
      // A misspelt schedule name would otherwise be dropped silently and its default used.
      .strict()
      .default({}),
    discovery: z
      .object({
        targets: z.array(discoveryTargetSchema),
        snmpPort: z.number().int().min(1).max(65535),
        concurrency: z.number().int().min(1).max(1024),
        timeoutMs: z.number().int().min(50),
      })
      .partial()
      .strict()
      .default({}),
    /** Extra printers to poll even if discovery has not found them (host or host:port). */
    devices: z.array(z.string().min(1)).default([]),
    snmp: snmpSchema.optional(),
    /** Credentials for actions that SET (reboot) on targets without their own `write`. */
    snmpWrite: snmpSchema.optional(),
    /** Whether TROUBLESHOOT may send one ICMP echo (the system `ping`) to the printer. */
    ping: z.boolean().default(true),
    events: z
      .object({
        enabled: z.boolean(),
        pollSeconds: z.number().int().min(5).max(86_400),
        windowSeconds: z.number().int().min(1).max(3600),
        maxDevicesPerUpload: z.number().int().min(1).max(500),
        supplyLevels: z.array(z.number().int().min(0).max(100)).max(10),
        unansweredBackoffMaxSeconds: z.number().int().min(5).max(86_400),
      })
      .partial()
      .strict()
      .default({}),
    rawPrintPort: z.number().int().min(1).max(65535).default(9100),
    retentionDays: z.number().int().min(1).max(3650).default(30),
    /** The SNMP trap listener (this machine's: central does not set it). */
    traps: trapsSchema,
    masking: maskingSchema,
    updates: updatesSchema,
  })
  .strict();

export type LocalConfig = z.infer<typeof localConfigSchema>;
export type SnmpSettings = z.infer<typeof snmpSettingsSchema>;

export type EffectiveConfig = {
  lockDown: boolean;
  centralUrl: string | null;
  proxyUrl: string | null;
  schedules: Schedules & { config: { everySeconds: number } };
  discovery: {
    targets: DiscoveryTarget[];
    snmpPort: number;
    concurrency: number;
    timeoutMs: number;
  };
  devices: string[];
  /** Tried in order until one answers, for every target without its own list. */
  snmp: SnmpSettings[];
  /** Write credentials for targets without their own `write`; empty when none is configured. */
  snmpWrite: SnmpSettings[];
  ping: boolean;
  allowedActions: CommandType[];
  events: EventSettings;
  rawPrintPort: number;
  retentionDays: number;
  remoteVersion: number | null;
  /** What leaves the site: central's masking tightened by this machine's and lock-down. */
  masking: EffectiveMasking;
  traps: {
    enabled: boolean;
    port: number;
    address: string;
    /** v1/v2c communities accepted; the SNMP community by default (none with SNMPv3). */
    communities: string[];
    perSenderPerMinute: number;
  };
};

export const DEFAULT_SCHEDULES: EffectiveConfig['schedules'] = {
  discovery: { dailyAt: '09:00' },
  meters: { everySeconds: 3600 },
  status: { everySeconds: 3600 },
  upload: { everySeconds: 86_400 },
  commandPoll: { everySeconds: 300 },
  config: { everySeconds: 3600 },
};

export const DEFAULT_EVENT_SETTINGS: EventSettings = {
  enabled: true,
  pollSeconds: 60,
  windowSeconds: 15,
  maxDevicesPerUpload: 100,
  supplyLevels: [...DEFAULT_SUPPLY_LEVELS],
  unansweredBackoffMaxSeconds: 1800,
};

export function defaultDataDir(): string {
  return process.env.PRINTBEAT_AGENT_DATA_DIR ?? join(process.cwd(), '.data', 'agent');
}

/** Standard proxy variables, honoured when the local file names no proxy. */
export function proxyFromEnvironment(): string | null {
  return process.env.HTTPS_PROXY ?? process.env.https_proxy ?? null;
}

export function localConfigPath(dataDir: string): string {
  return join(dataDir, 'agent.config.json');
}

export async function loadLocalConfig(path: string): Promise<LocalConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return localConfigSchema.parse({});
    throw new AgentError('CONFIG_UNREADABLE', `Cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AgentError(
      'CONFIG_INVALID',
      `${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const parsed = localConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new AgentError('CONFIG_INVALID', `Invalid agent config ${path}: ${issues}`);
  }
  return parsed.data;
}

export function effectiveConfig(
  local: LocalConfig,
  remote: AgentRemoteConfig | null,
): EffectiveConfig {
  const useRemote = local.lockDown ? null : remote;
  const remoteAllowed = useRemote ? useRemote.allowedActions : [];
  const snmp = [
    ...settingsList(local.snmp ?? useRemote?.snmp ?? { version: '2c', community: 'public' }),
  ];
  return {
    lockDown: local.lockDown,
    centralUrl: local.central ?? null,
    proxyUrl: local.proxy ?? proxyFromEnvironment(),
    schedules: { ...DEFAULT_SCHEDULES, ...useRemote?.schedules, ...local.schedules },
    discovery: {
      targets: ['127.0.0.1'],
      snmpPort: 161,
      concurrency: 32,
      timeoutMs: 2000,
      ...useRemote?.discovery,
      ...local.discovery,
    },
    devices: local.devices,
    snmp,
    snmpWrite: [...settingsList(local.snmpWrite ?? useRemote?.snmpWrite ?? [])],
    ping: local.ping,
    // An action runs only if central (the customer's consent) and this machine both allow it.
    allowedActions: remoteAllowed.filter((action) => !local.disabledActions.includes(action)),
    events: { ...DEFAULT_EVENT_SETTINGS, ...local.events },
    rawPrintPort: local.rawPrintPort,
    retentionDays: local.retentionDays,
    remoteVersion: useRemote?.version ?? null,
    masking: effectiveMasking({
      remote: remote?.masking,
      local: local.masking,
      lockDown: local.lockDown,
    }),
    traps: {
      enabled: local.traps.enabled ?? true,
      port: local.traps.port ?? 162,
      address: local.traps.address ?? '0.0.0.0',
      communities:
        local.traps.communities ??
        snmp.filter((set) => set.version !== '3').map((set) => set.community ?? 'public'),
      perSenderPerMinute: local.traps.perSenderPerMinute ?? 6,
    },
  };
}
