import { useQuery } from '@apollo/client/react';
import { SupplyHistoryDocument } from '../../generated/graphql';
import { supplyColour } from '../../shared/toner-bar';
import { ErrorState, LoadingState } from '../../shared/states';
import { CounterChart } from './counter-chart';
import type { CounterReading } from './counter-series';
import { formatDateTime } from '../../shared/format';
import { supplyLabel } from './device-display';
import { supplyChanges, type SupplyChangeRow } from './supply-changes';

/** Level history of a device's supplies (newest 100 points each), one line per supply. */
export function SupplyHistory({ deviceId }: { deviceId: string }) {
  const history = useQuery(SupplyHistoryDocument, { variables: { id: deviceId } });
  if (history.error)
    return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const supplies = history.data?.device.supplies;
  if (!supplies) return <LoadingState />;

  const byTime = new Map<string, Record<string, number | null>>();
  const labels: Record<string, string> = {};
  const colours: Record<string, string> = {};
  for (const supply of supplies) {
    labels[supply.id] = supplyLabel(supply);
    colours[supply.id] = supplyColour(supply.color);
    for (const point of supply.levels) {
      const row = byTime.get(point.readAt) ?? {};
      // "Some remaining" and unknown have no percent: a gap in the line, never a made-up value.
      row[supply.id] = point.percent;
      byTime.set(point.readAt, row);
    }
  }
  const reads: CounterReading[] = [...byTime].map(([readAt, counters]) => ({ readAt, counters }));
  const changes = supplyChanges(
    supplies.map((supply) => ({
      id: supply.id,
      label: labels[supply.id]!,
      partNumber: supply.partNumber,
      levels: supply.levels,
    })),
  );
  return (
    <>
      <CounterChart
        reads={reads}
        counters={supplies.map((supply) => supply.id)}
        labels={labels}
        colours={colours}
        markDrops={false}
        formatValue={(value) => `${Math.round(value)}%`}
        valueRange={[0, 100]}
        noun="supply readings"
        marks={changes.map((change) => ({
          key: `${change.supplyId}|${change.readAt}`,
          time: Date.parse(change.readAt),
          colour: colours[change.supplyId] ?? '#444',
          label: change.marker,
        }))}
      />
      <SupplyChangeList changes={changes} />
    </>
  );
}

/** Cartridge swaps and refills marked in the history, early replacements flagged. */
export function SupplyChangeList({ changes }: { changes: readonly SupplyChangeRow[] }) {
  if (changes.length === 0) return null;
  return (
    <section aria-labelledby="supply-changes-title">
      <h3 id="supply-changes-title">Cartridge changes</h3>
      <ul className="supply-changes">
        {changes.map((change) => (
          <li key={`${change.supplyId}|${change.readAt}`}>
            <span className={change.kind === 'SWAP' ? 'badge' : 'badge badge--muted'}>
              {change.kind === 'SWAP' ? 'Swap' : 'Refill'}
            </span>{' '}
            {formatDateTime(change.readAt)} · {change.text}
            {change.early && <span className="badge badge--danger">early replacement</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
