import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth/auth-provider';
import { canAccess } from '../../app/navigation';
import { AgentLabelDocument } from '../../generated/graphql';

/** An agent's name (or host name) for rows that carry only its id; links to its page. */
export function AgentName({ id }: { id: string }) {
  const user = useCurrentUser();
  const { data } = useQuery(AgentLabelDocument, { variables: { id }, fetchPolicy: 'cache-first' });
  const agent = data?.agent;
  if (!agent) return <span className="muted">…</span>;
  const name = agent.name ?? agent.hostname ?? id.slice(0, 8);
  return canAccess(user.role, 'agents') ? <Link to={`/agents/${id}`}>{name}</Link> : <>{name}</>;
}
