import { useQuery } from '@apollo/client/react';
import { useDeferredValue, useId, useState } from 'react';
import { CustomerPickerOptionsDocument } from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';

/**
 * Choose one customer out of possibly thousands: type to search on the server, pick from the
 * first 20 matches. A plain labelled input + select, so it works with keyboard and screen readers.
 */
export function CustomerPicker({
  value,
  onChange,
  label = 'Customer',
  required = false,
}: {
  value: string;
  onChange: (customerId: string) => void;
  label?: string;
  required?: boolean;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const options = useQuery(CustomerPickerOptionsDocument, {
    variables: { search: deferredSearch === '' ? null : deferredSearch },
  });
  const customers = nodesOf(options.data?.customers) ?? [];

  return (
    <div className="field customer-picker">
      <label htmlFor={`${id}-select`}>{label}</label>
      <input
        type="search"
        aria-label={`Search ${label.toLowerCase()}`}
        placeholder="Search by name or reference"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <select
        id={`${id}-select`}
        required={required}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-busy={options.loading}
      >
        <option value="">
          {customers.length === 0 && !options.loading ? 'No match' : 'Choose…'}
        </option>
        {customers.map((customer) => (
          <option key={customer.id} value={customer.id}>
            {customer.name}
            {customer.externalRef ? ` (${customer.externalRef})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
