import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
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
  return (
    <div className="field">
      <label htmlFor={id}>Site</label>
      <select
        id={id}
        required={required}
        disabled={customerId === null}
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
    </div>
  );
}
