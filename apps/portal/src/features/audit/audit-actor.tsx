import type { ActorKind } from '../../generated/graphql';

export const ACTOR_LABELS: Readonly<Record<ActorKind, string>> = {
  USER: 'User',
  API_KEY: 'API key',
  AGENT: 'Agent',
  SYSTEM: 'System',
  ANONYMOUS: 'Anonymous',
};

type Actor = {
  actorKind: ActorKind;
  actorId?: string | null;
  actorName?: string | null;
  actorEmail?: string | null;
};

/** Who acted, by name where central could tell (else the kind and the start of the id). */
export function AuditActor({ event }: { event: Actor }) {
  const kind = ACTOR_LABELS[event.actorKind];
  if (event.actorName) {
    return (
      <span className="audit-actor">
        <span className="audit-actor__name">{event.actorName}</span>
        {event.actorEmail && <small className="audit-actor__detail"> {event.actorEmail}</small>}
        {event.actorKind !== 'USER' && <small className="audit-actor__detail"> ({kind})</small>}
      </span>
    );
  }
  return (
    <span className="audit-actor">
      {kind}
      {event.actorId && (
        <code className="id" title={event.actorId}>
          {' '}
          {event.actorId.slice(0, 8)}
        </code>
      )}
    </span>
  );
}
