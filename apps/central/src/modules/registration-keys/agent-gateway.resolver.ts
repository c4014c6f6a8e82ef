import { Inject } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Roles } from '../../platform/auth/auth.decorators.js';
import { CentralPki } from '../../platform/pki/central-pki.js';

@ObjectType({ description: 'What an agent needs for its first enrollment.' })
export class AgentGateway {
  @Field({ description: 'The agent gateway as agents reach it (GATEWAY_PUBLIC_URL).' })
  url!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "SHA-256 fingerprint of the root an agent pins with `--ca-fingerprint`; null when the gateway's certificate is from a CA agents already trust.",
  })
  caFingerprint!: string | null;
}

@Resolver(() => AgentGateway)
export class AgentGatewayResolver {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CentralPki) private readonly pki: CentralPki,
  ) {}

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Query(() => AgentGateway)
  agentGateway(): AgentGateway {
    return { url: this.config.gatewayPublicUrl, caFingerprint: this.pki.caFingerprint };
  }
}
