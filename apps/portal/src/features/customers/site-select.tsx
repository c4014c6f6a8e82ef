import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { Link } from 'react-router';
import { SiteOptionsDocument } from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';

export function SiteSelect({
  customerId,
  value,
  onChange,
  required = false,
}: {
  customerId: string | null;
  value: string;
  onChange: (siteId: string) => void;
  required?: boolean;
}) {
  const id = useId();
  const sites = useQuery(SiteOptionsDocument, {
    variables: { customerId: customerId ?? '' },
    skip: customerId === null,
  });
  const options = nodesOf(sites.data?.sites) ?? [];
  const noSites = customerId !== null && sites.data !== undefined && options.length === 0;
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>Site</label>
      <select
        id={id}
        required={required}
        disabled={customerId === null || (required && noSites)}
        aria-describedby={customerId === null || (required && noSites) ? hintId : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">
          {customerId === null
            ? 'Choose a customer first'
            : options.length === 0
              ? 'No sites'
              : 'Choose…'}
        </option>
        {options.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </select>
      {customerId === null ? (
        <small id={hintId} className="disabled-reason">
          Choose a customer first.
        </small>
      ) : (
        required &&
        noSites && (
          <small id={hintId} className="disabled-reason">
            This customer has no site yet:{' '}
            <Link to={`/customers/${customerId}#new-site`}>create one</Link>.
          </small>
        )
      )}
    </div>
  );
}
