import { RELEASE_PLATFORM_PATTERN } from '@printbeat/domain';
import { z } from 'zod';

/** Header carrying the agent's self-report on every authenticated call (docs/agent-protocol.md). */
export const AGENT_FACTS_HEADER = 'x-agent-facts';
/** Longer headers are ignored unread: the facts are a few hundred bytes. */
export const AGENT_FACTS_MAX_BYTES = 2048;

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const text = z.string().max(200);

/** Every field is optional: an older or partial agent still reports what it knows. */
export const agentFactsSchema = z.object({
  version: text.optional(),
  os: text.optional(),
  arch: z.string().max(40).optional(),
  releasePlatform: z.string().regex(RELEASE_PLATFORM_PATTERN).optional(),
  cpus: z.number().int().nonnegative().max(100_000).optional(),
  memoryTotalBytes: count.optional(),
  memoryFreeBytes: count.optional(),
  diskFreeBytes: count.optional(),
  rssBytes: count.optional(),
  uptimeSeconds: count.optional(),
  spoolPendingFiles: count.optional(),
  spoolPendingBytes: count.optional(),
  spoolOldestPendingSeconds: count.optional(),
  lockDown: z.boolean().optional(),
  configVersion: z.number().int().nonnegative().max(2_147_483_647).nullable().optional(),
  collectionPrinters: count.optional(),
  collectionAnswered: count.optional(),
  collectionDurationMs: count.optional(),
  collectionAgeSeconds: count.optional(),
});

export type AgentFacts = z.infer<typeof agentFactsSchema>;

/**
 * The facts of one request, or null when absent, too long, not JSON or not valid: facts are
 * informative, so a bad header is ignored rather than refusing the call.
 */
export function parseAgentFacts(header: string | string[] | undefined): AgentFacts | null {
  if (typeof header !== 'string' || header.length === 0) return null;
  if (Buffer.byteLength(header, 'utf8') > AGENT_FACTS_MAX_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(header);
  } catch {
    return null;
  }
  const parsed = agentFactsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
