import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import {
  DeviceCounterDropsDocument,
  DeviceMeterReadBeforeDocument,
  DeviceMeterReadsDocument,
} from '../../generated/graphql';
import { formatCount, formatDate, formatDateTime } from '../../shared/format';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { CounterChart, PagesPerDayChart } from './counter-chart';
import { pagesPerDay, type CounterDiscontinuity, type DailyUsage } from './counter-series';
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
const LAST_DAYS = 14;
/** Central's page limit for counter drops; a device rarely has more. */
const DROPS_PAGE = 100;

type View = 'readings' | 'perDay';
const ALL_COUNTERS = '*';
const VIEWS: readonly { view: View; label: string }[] = [
  { view: 'readings', label: 'Counter readings' },
  { view: 'perDay', label: 'Pages per day' },
];

/**
 * Total, mono and colour counters over a chosen period, as readings or as pages per day, with
 * the newest values as a table.
 */
export function CounterHistory({ deviceId }: { deviceId: string }) {
  const [days, setDays] = useState<number>(DEFAULT_COUNTER_PERIOD_DAYS);
  const [view, setView] = useState<View>('readings');
  const [chosen, setChosen] = useState<string>('');
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
  const labels = Object.fromEntries(counters.map((name) => [name, counterLabel(name)]));
  // One counter at a time by default: on one axis, mono and colour flatten the total's growth.
  const shown = counters.includes(chosen)
    ? [chosen]
    : chosen === ALL_COUNTERS || counters.length === 0
      ? counters
      : [counters[0]!];
  const drops = useQuery(DeviceCounterDropsDocument, {
    variables: { deviceId, first: DROPS_PAGE },
    skip: view !== 'perDay',
  });
  // The read before the period is where its first day's pages start from.
  const before = useQuery(DeviceMeterReadBeforeDocument, {
    variables: { id: deviceId, to: from },
    skip: view !== 'perDay',
  });
  const dailyReads = useMemo(() => {
    const earlier = (before.data?.device.meterReads.edges ?? [])
      .map((edge) => ({ ...edge.node, ...asCounterReading(edge.node) }))
      .filter((read) => !reads.some((inPeriod) => inPeriod.readAt === read.readAt));
    return [...earlier, ...reads];
  }, [before.data, reads]);
  const discontinuities = useMemo<CounterDiscontinuity[]>(
    () => (drops.data?.meterDiscontinuities.edges ?? []).map((edge) => edge.node),
    [drops.data],
  );
  const error = history.error ?? drops.error ?? before.error;

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
        {view === 'readings' && counters.length > 1 && (
          <>
            <label htmlFor="counter-shown">Counter</label>
            <select
              id="counter-shown"
              value={shown.length === 1 ? shown[0] : ALL_COUNTERS}
              onChange={(event) => setChosen(event.target.value)}
            >
              {counters.map((name) => (
                <option key={name} value={name}>
                  {labels[name]}
                </option>
              ))}
              <option value={ALL_COUNTERS}>All (one axis)</option>
            </select>
          </>
        )}
        <fieldset className="segmented">
          <legend className="visually-hidden">View</legend>
          {VIEWS.map((option) => (
            <label key={option.view}>
              <input
                type="radio"
                name="counter-view"
                value={option.view}
                checked={view === option.view}
                onChange={() => setView(option.view)}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
      </div>
      {error ? (
        <ErrorState
          error={error}
          onRetry={() =>
            void (history.error
              ? history.refetch()
              : drops.error
                ? drops.refetch()
                : before.refetch())
          }
        />
      ) : !connection || (view === 'perDay' && (!drops.data || !before.data)) ? (
        <LoadingState />
      ) : (
        <>
          {view === 'readings' ? (
            <CounterChart reads={reads} counters={shown} labels={labels} zeroBased={false} />
          ) : (
            <PagesPerDay
              days={pagesPerDay(dailyReads, counters, discontinuities, Date.parse(from))}
              counters={counters}
              labels={labels}
              incomplete={drops.data?.meterDiscontinuities.pageInfo.hasNextPage ?? false}
            />
          )}
          {connection.pageInfo.hasNextPage && (
            <p className="muted">
              Showing the newest {formatCount(METER_READS_PAGE)} reads of this period; choose a
              shorter period for the rest.
            </p>
          )}
          {view === 'perDay' ? null : reads.length === 0 ? (
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

function PagesPerDay({
  days,
  counters,
  labels,
  incomplete,
}: {
  days: readonly DailyUsage[];
  counters: readonly string[];
  labels: Readonly<Record<string, string>>;
  incomplete: boolean;
}) {
  return (
    <>
      <PagesPerDayChart days={days} counters={counters} labels={labels} />
      {incomplete && (
        <p className="muted">
          This device has more than {DROPS_PAGE} counter drops; days across older ones may show as
          withheld.
        </p>
      )}
      {days.length === 0 ? (
        <EmptyState title="No meter read in this period" />
      ) : (
        <div className="table-block">
          <table className="table">
            <caption className="caption">Pages per day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {counters.map((name) => (
                  <th key={name} scope="col" className="numeric">
                    {labels[name] ?? name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...days]
                .reverse()
                .slice(0, LAST_DAYS)
                .map((day) => (
                  <tr key={day.day}>
                    <th scope="row">{formatDate(new Date(day.day).toISOString())}</th>
                    {counters.map((name) => (
                      <td key={name} className="numeric">
                        {day.flags[name]?.includes('ROLLBACK_OPEN') ? (
                          <span title="A counter went down and nobody has reviewed it yet">
                            withheld
                          </span>
                        ) : day.flags[name]?.includes('MISSING_START') ? (
                          <span title="No read before this day: counted from its first read">
                            {formatCount(day.pages[name])}*
                          </span>
                        ) : (
                          formatCount(day.pages[name])
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
          </table>
          {days.some((day) =>
            counters.some((name) => day.flags[name]?.includes('MISSING_START')),
          ) && <p className="muted">* No read before this day: counted from its first read.</p>}
        </div>
      )}
    </>
  );
}
