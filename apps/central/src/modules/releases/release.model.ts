import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ReleaseChannel as ReleaseChannelName } from '@prisma/client';

export const ReleaseChannel = {
  STABLE: 'STABLE',
  BETA: 'BETA',
} as const satisfies Record<ReleaseChannelName, ReleaseChannelName>;
export type ReleaseChannel = ReleaseChannelName;

registerEnumType(ReleaseChannel, {
  name: 'ReleaseChannel',
  description: 'STABLE targets follow stable releases; BETA targets follow beta and stable ones.',
});

@ObjectType({ description: 'An agent release as published by a platform operator.' })
export class AgentRelease {
  @Field(() => ID)
  id: string;

  @Field()
  version: string;

  @Field({ description: 'os-arch, e.g. linux-x64' })
  platform: string;

  @Field(() => ReleaseChannel)
  channel: ReleaseChannel;

  @Field()
  sha256: string;

  @Field(() => Int)
  size: number;

  @Field()
  createdAt: Date;
}

@ObjectType({
  description:
    'The release the agents of a tenant, one customer or one agent should run (the most specific wins).',
})
export class AgentUpdateTarget {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true, description: 'Set for a customer’s (or an agent’s) target.' })
  customerId: string | null;

  @Field(() => ID, { nullable: true, description: 'Set for one agent’s target.' })
  agentId: string | null;

  @Field(() => ReleaseChannel)
  channel: ReleaseChannel;

  @Field(() => String, {
    nullable: true,
    description: 'A fixed version; null follows the channel’s newest release.',
  })
  version: string | null;

  @Field(() => Int, { description: 'Share of agents (0–100) offered the release now.' })
  rolloutPercent: number;

  @Field({ description: 'An older release than the agent runs is installed only with this.' })
  allowDowngrade: boolean;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: 'What an agent reported about an update.' })
export class AgentUpdateReport {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  agentId: string;

  @Field({ description: 'INSTALLED, REFUSED, ROLLED_BACK or FAILED' })
  outcome: string;

  @Field()
  fromVersion: string;

  @Field()
  toVersion: string;

  @Field(() => String, {
    nullable: true,
    description:
      'e.g. DIGEST_MISMATCH, BAD_SIGNATURE, WRONG_PLATFORM, WRONG_VERSION, CRASHED, NO_CONTACT',
  })
  code: string | null;

  @Field()
  reason: string;

  @Field({ description: 'When it happened, by the agent’s clock.' })
  at: Date;

  @Field()
  receivedAt: Date;
}

@ObjectType({
  description:
    'Where an agent stands with updates: the version its target resolves to, whether it is offered now (and why not), and its last report.',
})
export class AgentUpdateStatus {
  @Field(() => String, {
    nullable: true,
    description:
      'The release its target resolves to on its platform (or the fixed version named); null without a target.',
  })
  targetVersion: string | null;

  @Field({ description: 'The agent is offered `targetVersion` on its next command poll.' })
  offered: boolean;

  @Field({ description: 'The offered release is older than the running one (explicit downgrade).' })
  downgrade: boolean;

  @Field(() => String, { nullable: true, description: 'Why nothing is offered now.' })
  reason: string | null;

  @Field(() => AgentUpdateReport, {
    nullable: true,
    description: 'Its newest update report (installed, refused, rolled back or failed).',
  })
  lastReport: AgentUpdateReport | null;
}
