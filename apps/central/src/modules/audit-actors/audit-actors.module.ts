import { Module } from '@nestjs/common';
import { AuditActorLoader } from './audit-actor.loader.js';
import { AuditActorResolver } from './audit-actor.resolver.js';
import { AuditActorsRepository } from './audit-actors.repository.js';

/** Names the actors of the audit trail (users, API keys, agents), batched per request. */
@Module({ providers: [AuditActorsRepository, AuditActorLoader, AuditActorResolver] })
export class AuditActorsModule {}
