import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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
      "Lock-down is the agent's local choice and protocol v1 does not report it: false until it does.",
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
