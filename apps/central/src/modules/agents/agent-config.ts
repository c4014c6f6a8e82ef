import type { CommandType, Prisma } from '@prisma/client';
import { z } from 'zod';
import {
  SEND_EVERYTHING,
  toRemoteMasking,
  type MaskingPolicy,
  type RemoteMasking,
} from '../masking/masking-policy.js';

/** `GET /agent/v1/config` — the shape of docs/agent-protocol.md §4. */
export type AgentRemoteConfig = {
  version: number;
  schedules: {
    discovery: { dailyAt: string } | { everySeconds: number };
    meters: { everySeconds: number };
    status: { everySeconds: number };
    upload: { everySeconds: number };
    commandPoll: { everySeconds: number };
  };
  discovery: {
    targets: DiscoveryTarget[];
    snmpPort: number;
    concurrency: number;
    timeoutMs: number;
  };
  snmp: SnmpSettingsList;
  /** Write credentials for actions that SET (reboot), for targets without their own `write`. */
  snmpWrite?: SnmpSettingsList;
  allowedActions: CommandType[];
  /** What the agent masks before uploading, and the customer's hash key. */
  masking: RemoteMasking;
};

const every = z
  .object({
    everySeconds: z
      .number()
      .int()
      .min(10)
      .max(30 * 86_400),
  })
  .strict();
const daily = z
  .object({ dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM' }) })
  .strict();

const snmpSchema = z
  .object({
    version: z.enum(['1', '2c', '3']),
    community: z.string().min(1).max(200).optional(),
    user: z.string().min(1).max(200).optional(),
    authProtocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).optional(),
    authKey: z.string().min(8).max(200).optional(),
    privProtocol: z.enum(['des', 'aes', 'aes256b', 'aes256r']).optional(),
    privKey: z.string().min(8).max(200).optional(),
    // RFC 3412 scopedPDU: contextName OCTET STRING (SIZE(0..32)).
    context: z.string().max(32).optional(),
  })
  .strict();
export type StoredSnmpSettings = z.infer<typeof snmpSchema>;

/** Credentials the agent tries in order, per device, until one answers. */
export const MAX_CREDENTIALS_PER_LIST = 10;

/**
 * One set of settings or an ordered list. Picked by the value's shape rather than z.union,
 * so an error names the field at fault (`snmp.1.authKey`) instead of "Invalid input".
 */
const snmpListSchema = z.array(snmpSchema).min(1).max(MAX_CREDENTIALS_PER_LIST);
const snmpSettingsListSchema = z
  .unknown()
  .transform((value, context): StoredSnmpSettings | StoredSnmpSettings[] =>
    Array.isArray(value)
      ? checked(snmpListSchema, value, context)
      : checked(snmpSchema, value, context),
  );
export type SnmpSettingsList = StoredSnmpSettings | StoredSnmpSettings[];

const targetSchema = z.string().trim().min(1).max(100);
/** A CIDR, range or host; or one with its own ordered credentials, and write credentials. */
const discoveryTargetSchema = z.unknown().transform((value, context): DiscoveryTarget =>
  typeof value === 'string'
    ? checked(targetSchema, value, context)
    : checked(
        z
          .object({
            target: targetSchema,
            snmp: snmpSettingsListSchema,
            write: snmpSettingsListSchema.optional(),
          })
          .strict(),
        value,
        context,
      ),
);
export type DiscoveryTarget =
  string | { target: string; snmp: SnmpSettingsList; write?: SnmpSettingsList };

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

/** What a dealer may change remotely; every part optional (defaults fill the rest). */
export const agentConfigOverridesSchema = z
  .object({
    schedules: z
      .object({
        discovery: z.union([daily, every]),
        meters: every,
        status: every,
        upload: every,
        commandPoll: every,
      })
      .partial()
      .strict()
      .optional(),
    discovery: z
      .object({
        targets: z.array(discoveryTargetSchema).max(1000),
        snmpPort: z.number().int().min(1).max(65535),
        concurrency: z.number().int().min(1).max(1024),
        timeoutMs: z.number().int().min(50).max(60_000),
      })
      .partial()
      .strict()
      .optional(),
    snmp: snmpSettingsListSchema.optional(),
    snmpWrite: snmpSettingsListSchema.optional(),
  })
  .strict();
export type AgentConfigOverrides = z.infer<typeof agentConfigOverridesSchema>;

/**
 * The `agents.config` column: the dealer's overrides plus the consent and masking its version
 * covers (absent masking: nothing masked, as served before masking existed).
 */
export type StoredAgentConfig = AgentConfigOverrides & {
  servedAllowedActions?: CommandType[];
  servedMasking?: MaskingPolicy;
};

const maskingMode = z.enum(['SEND', 'HASH', 'WITHHOLD']);
const servedMaskingSchema = z.object({
  ip: maskingMode,
  mac: maskingMode,
  hostname: maskingMode,
  contactLocation: maskingMode,
});

export const DEFAULT_REMOTE_CONFIG: Omit<
  AgentRemoteConfig,
  'version' | 'allowedActions' | 'masking'
> = {
  schedules: {
    discovery: { dailyAt: '09:00' },
    meters: { everySeconds: 3600 },
    status: { everySeconds: 3600 },
    upload: { everySeconds: 86_400 },
    commandPoll: { everySeconds: 300 },
  },
  discovery: { targets: [], snmpPort: 161, concurrency: 32, timeoutMs: 2000 },
  snmp: { version: '2c', community: 'public' },
};

export function readStoredConfig(value: Prisma.JsonValue): StoredAgentConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const { servedAllowedActions, servedMasking, ...rest } = value as Record<string, unknown>;
  const overrides = agentConfigOverridesSchema.safeParse(rest);
  const masking = servedMaskingSchema.safeParse(servedMasking);
  return {
    ...(overrides.success ? overrides.data : {}),
    ...(Array.isArray(servedAllowedActions)
      ? { servedAllowedActions: servedAllowedActions as CommandType[] }
      : {}),
    ...(masking.success ? { servedMasking: masking.data } : {}),
  };
}

/** The masking an agent's stored config was last served with. */
export function servedMasking(stored: StoredAgentConfig): MaskingPolicy {
  return stored.servedMasking ?? SEND_EVERYTHING;
}

export function buildRemoteConfig(
  stored: StoredAgentConfig,
  version: number,
  allowedActions: readonly CommandType[],
  masking: { policy: MaskingPolicy; key: Buffer | null },
): AgentRemoteConfig {
  return {
    version,
    schedules: { ...DEFAULT_REMOTE_CONFIG.schedules, ...stored.schedules },
    discovery: { ...DEFAULT_REMOTE_CONFIG.discovery, ...stored.discovery },
    snmp: stored.snmp ?? DEFAULT_REMOTE_CONFIG.snmp,
    ...(stored.snmpWrite ? { snmpWrite: stored.snmpWrite } : {}),
    allowedActions: [...allowedActions].sort(),
    masking: toRemoteMasking(masking.policy, masking.key),
  };
}

export function sameActions(
  a: readonly CommandType[] | undefined,
  b: readonly CommandType[],
): boolean {
  if (!a || a.length !== b.length) return false;
  const sorted = [...b].sort();
  return [...a].sort().every((value, index) => value === sorted[index]);
}

const SECRETS = ['community', 'authKey', 'privKey'] as const;

/**
 * The config as people see it: every community and key of every credential set, and the
 * masking key, shown as `[set]`.
 */
export function withoutSecrets(config: AgentRemoteConfig): AgentRemoteConfig {
  return {
    ...config,
    masking: { ...config.masking, ...(config.masking.key ? { key: '[set]' } : {}) },
    snmp: maskList(config.snmp),
    ...(config.snmpWrite ? { snmpWrite: maskList(config.snmpWrite) } : {}),
    discovery: {
      ...config.discovery,
      targets: config.discovery.targets.map((entry) =>
        typeof entry === 'string'
          ? entry
          : {
              ...entry,
              snmp: maskList(entry.snmp),
              ...(entry.write ? { write: maskList(entry.write) } : {}),
            },
      ),
    },
  };
}

function maskList(list: SnmpSettingsList): SnmpSettingsList {
  return Array.isArray(list) ? list.map(mask) : mask(list);
}

function mask(settings: StoredSnmpSettings): StoredSnmpSettings {
  const masked = { ...settings };
  for (const key of SECRETS) if (masked[key]) masked[key] = '[set]';
  return masked;
}
