import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Prisma } from '@prisma/client';
import type { AgentStatus as AgentStatusName } from '@prisma/client';
import { Connection } from '../../platform/graphql/pagination.js';
import { JsonScalar } from '../../platform/graphql/json.scalar.js';

const AgentStatus = {
  ACTIVE: 'ACTIVE',
  DISABLED: 'DISABLED',
  REVOKED: 'REVOKED',
} as const satisfies Record<AgentStatusName, AgentStatusName>;

registerEnumType(AgentStatus, {
  name: 'AgentStatus',
  description: 'A REVOKED or DISABLED agent is refused on its next request.',
});

/** The facts as stored: every field optional (older agents report fewer). */
export type AgentFactsReport = Prisma.InputJsonObject & {
  version?: string;
  os?: string;
  arch?: string;
  releasePlatform?: string;
  cpus?: number;
  memoryTotalBytes?: number;
  memoryFreeBytes?: number;
  diskFreeBytes?: number;
  rssBytes?: number;
  uptimeSeconds?: number;
  spoolPendingFiles?: number;
  spoolPendingBytes?: number;
  spoolOldestPendingSeconds?: number;
  lockDown?: boolean;
  configVersion?: number | null;
  collectionPrinters?: number;
  collectionAnswered?: number;
  collectionDurationMs?: number;
  collectionAgeSeconds?: number;
};

// Byte counts are Floats: memory and disk sizes exceed Int's 2 GiB.
@ObjectType({ description: "An agent's latest report about its host, spool and settings." })
export class AgentFacts {
  @Field(() => String, { nullable: true })
  os: string | null;

  @Field(() => String, { nullable: true })
  arch: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The platform its releases are named for (linux-x64, linux-x64-sea).',
  })
  releasePlatform: string | null;

  @Field(() => Int, { nullable: true })
  cpus: number | null;

  @Field(() => Float, { nullable: true })
  memoryTotalBytes: number | null;

  @Field(() => Float, { nullable: true })
  memoryFreeBytes: number | null;

  @Field(() => Float, { nullable: true, description: 'Free space where its data directory lives.' })
  diskFreeBytes: number | null;

  @Field(() => Float, { nullable: true, description: "The agent process's resident memory." })
  rssBytes: number | null;

  @Field(() => Float, { nullable: true, description: "The agent process's uptime." })
  uptimeSeconds: number | null;

  @Field(() => Int, { nullable: true, description: 'Uploads waiting in its spool.' })
  spoolPendingFiles: number | null;

  @Field(() => Float, { nullable: true })
  spoolPendingBytes: number | null;

  @Field(() => Float, { nullable: true, description: 'Age of the oldest waiting upload.' })
  spoolOldestPendingSeconds: number | null;

  @Field(() => Boolean, { nullable: true })
  lockDown: boolean | null;

  @Field(() => Int, { nullable: true, description: 'The config version the agent holds.' })
  configVersion: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Printers in scope of its last full collection.',
  })
  collectionPrinters: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Printers that answered its last full collection.',
  })
  collectionAnswered: number | null;

  @Field(() => Float, { nullable: true, description: 'How long its last full collection took.' })
  collectionDurationMs: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Age of its last full collection when it reported these facts.',
  })
  collectionAgeSeconds: number | null;
}

const NUMBER_FACTS = [
  'cpus',
  'memoryTotalBytes',
  'memoryFreeBytes',
  'diskFreeBytes',
  'rssBytes',
  'uptimeSeconds',
  'spoolPendingFiles',
  'spoolPendingBytes',
  'spoolOldestPendingSeconds',
  'configVersion',
  'collectionPrinters',
  'collectionAnswered',
  'collectionDurationMs',
  'collectionAgeSeconds',
] as const;

/** The stored JSON as GraphQL facts; anything not of the expected type reads as null. */
export function readAgentFacts(stored: unknown): AgentFacts | null {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return null;
  const value = stored as Record<string, unknown>;
  const str = (key: string) => {
    const found = value[key];
    return typeof found === 'string' ? found : null;
  };
  const facts = {
    os: str('os'),
    arch: str('arch'),
    releasePlatform: str('releasePlatform'),
    lockDown: typeof value['lockDown'] === 'boolean' ? value['lockDown'] : null,
  } as AgentFacts;
  for (const key of NUMBER_FACTS) {
    facts[key] = typeof value[key] === 'number' ? value[key] : null;
  }
  return facts;
}

@ObjectType({ description: 'The facts an agent reported at one moment.' })
export class AgentFactsSnapshot {
  @Field()
  at: Date;

  @Field(() => AgentFacts, { nullable: true })
  facts: AgentFacts | null;
}

@ObjectType({ description: 'An enrolled on-site agent.' })
export class Agent {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => ID)
  siteId: string;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => AgentStatus)
  status: AgentStatusName;

  @Field({
    description:
      "Lock-down is the agent's local choice, as it last reported it in its facts (false until it does).",
  })
  lockDown: boolean;

  @Field(() => String, { nullable: true })
  version: string | null;

  @Field(() => String, { nullable: true })
  hostname: string | null;

  @Field(() => String, { nullable: true })
  os: string | null;

  @Field()
  enrolledAt: Date;

  @Field(() => Date, { nullable: true })
  lastContactAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastUploadAt: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The agent's clock minus central's at its last upload, in whole seconds (positive: ahead; a Float because a wrong clock can be further off than Int's 68 years).",
  })
  clockOffsetSeconds: number | null;

  @Field(() => Date, { nullable: true, description: 'When the clock offset was measured.' })
  clockCheckedAt: Date | null;

  @Field({
    description:
      'The clock offset exceeds the allowed skew: readings dated ahead of it are refused.',
  })
  clockSkewed: boolean;

  @Field(() => AgentFacts, {
    nullable: true,
    description: 'What the agent last reported about itself; null before its first report.',
  })
  facts: AgentFacts | null;

  @Field(() => Date, { nullable: true, description: 'When the agent last reported its facts.' })
  factsAt: Date | null;

  @Field(() => Int)
  configVersion: number;

  @Field(() => JsonScalar, {
    description: 'The settings central sends (defaults filled in); SNMP secrets are not shown.',
  })
  config: unknown;

  @Field(() => Date, { nullable: true, description: 'Expiry of its newest valid certificate.' })
  certificateExpiresAt: Date | null;
}

@ObjectType()
export class AgentConnection extends Connection(Agent) {}
