import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { CustomerNameDocument, SiteNameDocument } from '../../generated/graphql';

/**
 * Rows that carry only a customer or site id show its name. Each id is asked for once and then
 * served from the Apollo cache, so a page of 25 devices of three customers costs three lookups.
 */
export function CustomerName({ id, link = false }: { id: string; link?: boolean }) {
  const { data } = useQuery(CustomerNameDocument, {
    variables: { id },
    fetchPolicy: 'cache-first',
  });
  const name = data?.customer.name;
  if (!name) return <span className="muted">…</span>;
  return link ? <Link to={`/customers/${id}`}>{name}</Link> : <>{name}</>;
}

export function SiteName({ id }: { id: string | null }) {
  const { data } = useQuery(SiteNameDocument, {
    variables: { id: id ?? '' },
    skip: id === null,
    fetchPolicy: 'cache-first',
  });
  if (id === null) return <>—</>;
  return <>{data?.site.name ?? '…'}</>;
}
