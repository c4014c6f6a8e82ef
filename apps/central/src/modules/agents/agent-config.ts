import type { CommandType, Prisma } from '@prisma/client';
import { z } from 'zod';

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
  discovery: { targets: string[]; snmpPort: number; concurrency: number; timeoutMs: number };
  snmp: StoredSnmpSettings;
  allowedActions: CommandType[];
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
  })
  .strict();
export type StoredSnmpSettings = z.infer<typeof snmpSchema>;

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
        targets: z.array(z.string().trim().min(1).max(100)).max(1000),
        snmpPort: z.number().int().min(1).max(65535),
        concurrency: z.number().int().min(1).max(1024),
        timeoutMs: z.number().int().min(50).max(60_000),
      })
      .partial()
      .strict()
      .optional(),
    snmp: snmpSchema.optional(),
  })
  .strict();
export type AgentConfigOverrides = z.infer<typeof agentConfigOverridesSchema>;

/** The `agents.config` column: the dealer's overrides plus the consent its version covers. */
export type StoredAgentConfig = AgentConfigOverrides & { servedAllowedActions?: CommandType[] };

export const DEFAULT_REMOTE_CONFIG: Omit<AgentRemoteConfig, 'version' | 'allowedActions'> = {
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
  const { servedAllowedActions, ...rest } = value as Record<string, unknown>;
  const overrides = agentConfigOverridesSchema.safeParse(rest);
  return {
    ...(overrides.success ? overrides.data : {}),
    ...(Array.isArray(servedAllowedActions)
      ? { servedAllowedActions: servedAllowedActions as CommandType[] }
      : {}),
  };
}

export function buildRemoteConfig(
  stored: StoredAgentConfig,
  version: number,
  allowedActions: readonly CommandType[],
): AgentRemoteConfig {
  return {
    version,
    schedules: { ...DEFAULT_REMOTE_CONFIG.schedules, ...stored.schedules },
    discovery: { ...DEFAULT_REMOTE_CONFIG.discovery, ...stored.discovery },
    snmp: stored.snmp ?? DEFAULT_REMOTE_CONFIG.snmp,
    allowedActions: [...allowedActions].sort(),
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
