import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { AuditEvent } from '../audit/audit-event.model.js';
import { AuditActorLoader } from './audit-actor.loader.js';

@Resolver(() => AuditEvent)
export class AuditActorResolver {
  constructor(@Inject(AuditActorLoader) private readonly actors: AuditActorLoader) {}

  @ResolveField(() => String, {
    nullable: true,
    description:
      "The actor's name: a user's or API key's name, an agent's name or host name, a system job. Null when the caller may not see the actor or it no longer exists.",
  })
  async actorName(
    @Parent() event: AuditEvent,
    @Loaders() loaders: RequestLoaders,
  ): Promise<string | null> {
    if (event.actorKind === 'SYSTEM') return event.actorId;
    if (!event.actorId) return null;
    const actor = await this.actors.find(loaders, { kind: event.actorKind, id: event.actorId });
    return actor?.name ?? null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "A user actor's e-mail address, when the caller may see that user.",
  })
  async actorEmail(
    @Parent() event: AuditEvent,
    @Loaders() loaders: RequestLoaders,
  ): Promise<string | null> {
    if (event.actorKind !== 'USER' || !event.actorId) return null;
    const actor = await this.actors.find(loaders, { kind: 'USER', id: event.actorId });
    return actor?.email ?? null;
  }
}
