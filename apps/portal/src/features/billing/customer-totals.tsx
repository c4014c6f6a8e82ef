import { formatCount } from '../../shared/format';
import { counterLabel } from '../devices/device-display';

export type CustomerTotal = {
  customerId: string;
  customerName: string;
  devices: number;
  counters: readonly {
    counter: string;
    pages: number;
    devices: number;
    incompleteDevices: number;
  }[];
};

/**
 * Pages per customer in the period, over every device of the selection (not just the page
 * shown). A sum that leaves devices out says so: it is a lower bound until they are read.
 */
export function CustomerTotals({
  totals,
  counters,
}: {
  totals: readonly CustomerTotal[] | undefined;
  counters: readonly string[];
}) {
  if (!totals || totals.length === 0) return null;
  return (
    <div className="table-block">
      <table className="table">
        <caption className="caption">Totals per customer</caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col" className="numeric">
              Devices
            </th>
            {counters.map((name) => (
              <th key={name} scope="col" className="numeric">
                {counterLabel(name)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {totals.map((customer) => (
            <tr key={customer.customerId}>
              <th scope="row">{customer.customerName}</th>
              <td className="numeric">{customer.devices}</td>
              {counters.map((name) => {
                const total = customer.counters.find((counter) => counter.counter === name);
                return (
                  <td key={name} className="numeric">
                    {total ? formatCount(total.pages) : '—'}
                    {total && total.incompleteDevices > 0 && (
                      <div className="muted small">
                        {total.incompleteDevices} of {total.devices} devices without usage
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
