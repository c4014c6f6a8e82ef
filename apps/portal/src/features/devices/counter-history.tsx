import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { DeviceMeterReadsDocument } from '../../generated/graphql';
import { formatCount, formatDateTime } from '../../shared/format';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { CounterChart } from './counter-chart';
import { counterLabel, counterValue } from './device-display';
import {
  asCounterReading,
  chartedCounters,
  COUNTER_PERIODS,
  DEFAULT_COUNTER_PERIOD_DAYS,
  METER_READS_PAGE,
  periodFrom,
} from './device-history';

const LAST_READINGS = 10;

/** Total, mono and colour counters over a chosen period, and the newest readings as a table. */
export function CounterHistory({ deviceId }: { deviceId: string }) {
  const [days, setDays] = useState<number>(DEFAULT_COUNTER_PERIOD_DAYS);
  // Fixed per chosen period, so re-renders do not make a new query (and a new cache entry).
  const from = useMemo(() => periodFrom(new Date(), days), [days]);
  const history = useQuery(DeviceMeterReadsDocument, {
    variables: { id: deviceId, from, first: METER_READS_PAGE },
  });
  const connection = history.data?.device.meterReads;
  const reads = useMemo(
    () =>
      (connection?.edges ?? []).map((edge) => ({ ...edge.node, ...asCounterReading(edge.node) })),
    [connection],
  );
  const counters = chartedCounters(reads);

  return (
    <section aria-labelledby="counter-history-title" data-testid="counter-history">
      <div className="toolbar">
        <h3 id="counter-history-title">Counters over time</h3>
        <label htmlFor="counter-period">Period</label>
        <select
          id="counter-period"
          value={days}
          onChange={(event) => setDays(Number(event.target.value))}
        >
          {COUNTER_PERIODS.map((period) => (
            <option key={period.days} value={period.days}>
              {period.label}
            </option>
          ))}
        </select>
      </div>
      {history.error ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : !connection ? (
        <LoadingState />
      ) : (
        <>
          <CounterChart
            reads={reads}
            counters={counters}
            labels={Object.fromEntries(counters.map((name) => [name, counterLabel(name)]))}
            zeroBased={false}
          />
          {connection.pageInfo.hasNextPage && (
            <p className="muted">
              Showing the newest {formatCount(METER_READS_PAGE)} reads of this period; choose a
              shorter period for the rest.
            </p>
          )}
          {reads.length === 0 ? (
            <EmptyState title="No meter read in this period" />
          ) : (
            <div className="table-block">
              <table className="table">
                <caption className="caption">Last readings</caption>
                <thead>
                  <tr>
                    <th scope="col">Read at</th>
                    <th scope="col">Unchanged until</th>
                    {counters.map((name) => (
                      <th key={name} scope="col" className="numeric">
                        {counterLabel(name)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {reads.slice(0, LAST_READINGS).map((read) => (
                    <tr key={read.readAt}>
                      <th scope="row">{formatDateTime(read.readAt)}</th>
                      <td>
                        {read.lastSeenAt === read.readAt ? '—' : formatDateTime(read.lastSeenAt)}
                      </td>
                      {counters.map((name) => (
                        <td key={name} className="numeric">
                          {formatCount(counterValue(read.counters, name))}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
