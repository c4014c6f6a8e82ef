import type { Actor } from './tenant-context.js';

/** Who did it, as stored on a changed row (the audit event has the actor in full). */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.userId}`;
    case 'apiKey':
      return `apiKey:${actor.apiKeyId}`;
    case 'agent':
      return `agent:${actor.agentId}`;
    case 'system':
      return `system:${actor.name}`;
  }
}
