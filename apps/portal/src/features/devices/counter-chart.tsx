import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount, formatDate, formatDateTime } from '../../shared/format';
import { findDrops, toChartRows, type CounterReading } from './counter-series';

const COUNTER_COLOURS = ['#0b5cad', '#d6007e', '#1e7b34', '#b35c00', '#6b3fa0', '#00838f'];

/**
 * Counters over time. The chart is decoration for sighted users; the same numbers are in the
 * readings table next to it, which is what assistive technology reads.
 */
export function CounterChart({
  reads,
  counters,
  labels,
  colours,
  markDrops = true,
  formatValue = (value: number) => formatCount(value),
  noun = 'meter reads',
  zeroBased = true,
  marks = [],
}: {
  reads: readonly CounterReading[];
  counters: readonly string[];
  labels?: Readonly<Record<string, string>>;
  /** Per-series colour (e.g. the toner's own colour); default a fixed palette. */
  colours?: Readonly<Record<string, string>>;
  /** Counters never go down, so a drop is news; supply levels go down all the time. */
  markDrops?: boolean;
  formatValue?: (value: number) => string;
  noun?: string;
  /** Percentages read best from 0; page counters in the 100,000s only show growth when the axis fits them. */
  zeroBased?: boolean;
  /** Events to mark at their time with a solid line (cartridge swaps); listed next to the chart too. */
  marks?: readonly { time: number; colour: string; key: string }[];
}) {
  const rows = toChartRows(reads, counters);
  const drops = markDrops ? findDrops(rows, counters) : [];
  const label = (counter: string) => labels?.[counter] ?? counter;

  return (
    <figure className="chart">
      <div className="chart__canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e5e8ec" />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(time: number) => formatDate(new Date(time).toISOString())}
            />
            <YAxis
              domain={zeroBased ? [0, 'auto'] : ['auto', 'auto']}
              tickFormatter={(value: number) => formatValue(value)}
              width={80}
            />
            <Tooltip
              labelFormatter={(time) => formatDateTime(new Date(Number(time)).toISOString())}
              formatter={(value, name) => [formatValue(Number(value)), label(String(name))]}
            />
            <Legend formatter={(name) => label(String(name))} />
            {counters.map((counter, index) => (
              <Line
                key={counter}
                type="stepAfter"
                dataKey={counter}
                stroke={colours?.[counter] ?? COUNTER_COLOURS[index % COUNTER_COLOURS.length]}
                dot={rows.length < 40}
                connectNulls
                isAnimationActive={false}
              />
            ))}
            {marks.map((mark) => (
              <ReferenceLine key={mark.key} x={mark.time} stroke={mark.colour} strokeWidth={2} />
            ))}
            {drops.map((drop) => (
              <ReferenceLine
                key={`${drop.counter}-${drop.time}`}
                x={drop.time}
                stroke="#b3261e"
                strokeDasharray="4 3"
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        {rows.length === 0
          ? `No ${noun} in this period.`
          : `${rows.length} ${noun} from ${formatDateTime(new Date(rows[0]?.time ?? 0).toISOString())}.`}
        {drops.length > 0 && (
          <strong className="chart__warning">
            {' '}
            {drops.length === 1 ? 'A counter went down' : `${drops.length} counter drops`} (dashed
            line): review before billing.
          </strong>
        )}
      </figcaption>
    </figure>
  );
}
