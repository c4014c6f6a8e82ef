import {
  Bar,
  BarChart,
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
import { formatDay, timeAxis, valueAxis } from './chart-axes';
import { findDrops, toChartRows, type CounterReading, type DailyUsage } from './counter-series';

const COUNTER_COLOURS = ['#0b5cad', '#d6007e', '#1e7b34', '#b35c00', '#6b3fa0', '#00838f'];
const HEIGHT = 280;
/** Drawn at this size until the container is measured (and in tests, where nothing is). */
const INITIAL_SIZE = { width: 800, height: HEIGHT };
const MARGIN = { top: 20, right: 16, bottom: 8, left: 8 };

const colourOf = (index: number) => COUNTER_COLOURS[index % COUNTER_COLOURS.length];

/** An event marked at its time with a solid line and a short label (a cartridge swap). */
export type ChartMark = { time: number; colour: string; key: string; label?: string };

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
  valueRange = [],
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
  /** Values the axis spans whatever the data (0 and 100 for percentages). */
  valueRange?: readonly number[];
  /** Events to mark at their time (cartridge swaps); listed next to the chart too. */
  marks?: readonly ChartMark[];
}) {
  const rows = toChartRows(reads, counters);
  const drops = markDrops ? findDrops(rows, counters) : [];
  const label = (counter: string) => labels?.[counter] ?? counter;
  const times = [...rows.map((row) => row.time), ...marks.map((mark) => mark.time)];
  const x = timeAxis(Math.min(...times), Math.max(...times));
  const y = valueAxis(
    [...rows.flatMap((row) => counters.map((counter) => row[counter] ?? NaN)), ...valueRange],
    { zeroBased },
  );

  return (
    <figure className="chart" data-time-unit={x.unit}>
      <div className="chart__canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL_SIZE}>
          <LineChart data={rows} margin={MARGIN}>
            <CartesianGrid stroke="#e5e8ec" />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={x.domain}
              ticks={x.ticks}
              tickFormatter={x.format}
              allowDataOverflow
            />
            <YAxis
              type="number"
              domain={y.domain}
              ticks={y.ticks}
              tickFormatter={(value: number) => formatValue(value)}
              width={80}
              allowDataOverflow
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
                stroke={colours?.[counter] ?? colourOf(index)}
                dot={rows.length < 40}
                connectNulls
                isAnimationActive={false}
              />
            ))}
            {marks.map((mark) => (
              <ReferenceLine
                key={mark.key}
                x={mark.time}
                stroke={mark.colour}
                strokeWidth={2}
                label={
                  mark.label
                    ? { value: mark.label, position: 'insideTopLeft', fontSize: 11 }
                    : undefined
                }
              />
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

/** Pages per day as bars, one per counter and day; a withheld day has no bar. */
export function PagesPerDayChart({
  days,
  counters,
  labels,
}: {
  days: readonly DailyUsage[];
  counters: readonly string[];
  labels?: Readonly<Record<string, string>>;
}) {
  const label = (counter: string) => labels?.[counter] ?? counter;
  const rows = days.map((day) => ({ day: day.day, ...day.pages }));
  const y = valueAxis(
    days.flatMap((day) => counters.map((counter) => day.pages[counter] ?? NaN)),
    { zeroBased: true },
  );
  const withheld = days.filter((day) =>
    counters.some((counter) => day.flags[counter]?.includes('ROLLBACK_OPEN')),
  );
  return (
    <figure className="chart">
      <div className="chart__canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL_SIZE}>
          <BarChart data={rows} margin={MARGIN}>
            <CartesianGrid stroke="#e5e8ec" vertical={false} />
            <XAxis dataKey="day" tickFormatter={formatDay} />
            <YAxis
              type="number"
              domain={y.domain}
              ticks={y.ticks}
              tickFormatter={(value: number) => formatCount(value)}
              width={80}
            />
            <Tooltip
              labelFormatter={(day) => formatDate(new Date(Number(day)).toISOString())}
              formatter={(value, name) => [formatCount(Number(value)), label(String(name))]}
            />
            <Legend formatter={(name) => label(String(name))} />
            {counters.map((counter, index) => (
              <Bar
                key={counter}
                dataKey={counter}
                fill={colourOf(index)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        {days.length === 0
          ? 'No meter reads in this period.'
          : `Pages per day over ${days.length === 1 ? '1 day' : `${days.length} days`}.`}
        {withheld.length > 0 && (
          <strong className="chart__warning">
            {' '}
            {withheld.length === 1 ? '1 day is' : `${withheld.length} days are`} withheld: a counter
            went down and nobody has reviewed it yet.
          </strong>
        )}
      </figcaption>
    </figure>
  );
}
