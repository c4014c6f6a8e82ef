/** Axes of the device charts: time ticks people can read, values scaled to what moved. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_TICKS = 8;
const HOUR_STEPS = [1, 2, 3, 4, 6, 12] as const;
const DAY_STEPS = [1, 2, 7, 14, 28, 56, 91] as const;

const timeOfDay = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayAndMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const monthAndYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' });

/** A local day as an axis shows it (`Nov 3`). */
export function formatDay(time: number): string {
  return dayAndMonth.format(time);
}

export type TimeAxis = {
  domain: [number, number];
  ticks: number[];
  /** Times within a day for a range of a day or less, dates otherwise. */
  unit: 'time' | 'date';
  format: (time: number) => string;
};

/** Ticks on whole local hours for a day or less, on local midnights beyond. */
export function timeAxis(from: number, to: number): TimeAxis {
  if (!Number.isFinite(from) || !Number.isFinite(to))
    return { domain: [0, 1], ticks: [], unit: 'date', format: (time) => dayAndMonth.format(time) };
  const domain: [number, number] =
    to - from < HOUR ? [from - HOUR / 2, Math.max(to, from) + HOUR / 2] : [from, to];
  const span = domain[1] - domain[0];
  if (span <= DAY) {
    const hours = HOUR_STEPS.find((step) => span / (step * HOUR) <= MAX_TICKS) ?? 12;
    return {
      domain,
      ticks: hourTicks(domain, hours),
      unit: 'time',
      format: (time) => timeOfDay.format(time),
    };
  }
  const days =
    DAY_STEPS.find((step) => span / (step * DAY) <= MAX_TICKS) ?? Math.ceil(span / DAY / MAX_TICKS);
  const sameYear = new Date(domain[0]).getFullYear() === new Date(domain[1]).getFullYear();
  const format = days >= 28 && !sameYear ? monthAndYear : dayAndMonth;
  return {
    domain,
    ticks: dayTicks(domain, days),
    unit: 'date',
    format: (time) => format.format(time),
  };
}

function hourTicks([from, to]: [number, number], hours: number): number[] {
  const tick = new Date(from);
  tick.setMinutes(0, 0, 0);
  if (tick.getTime() < from) tick.setHours(tick.getHours() + 1);
  while (tick.getHours() % hours !== 0) tick.setHours(tick.getHours() + 1);
  const ticks: number[] = [];
  for (; tick.getTime() <= to; tick.setHours(tick.getHours() + hours)) ticks.push(tick.getTime());
  return ticks;
}

function dayTicks([from, to]: [number, number], days: number): number[] {
  const tick = new Date(startOfLocalDay(from));
  if (tick.getTime() < from) tick.setDate(tick.getDate() + 1);
  const ticks: number[] = [];
  for (; tick.getTime() <= to; tick.setDate(tick.getDate() + days)) ticks.push(tick.getTime());
  return ticks;
}

/** Local midnight of the day `time` falls in. */
export function startOfLocalDay(time: number): number {
  const day = new Date(time);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** The local midnight after the one of `dayStart`'s day (23 or 25 hours on a DST change). */
export function nextLocalDay(dayStart: number): number {
  const day = new Date(dayStart);
  day.setDate(day.getDate() + 1);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

export type ValueAxis = { domain: [number, number]; ticks: number[] };

/**
 * The value axis around the data, on round steps: a counter at 1,234,567 that grew by 2,000
 * shows that growth instead of a flat line high above zero. `zeroBased` for amounts read
 * against nothing (percentages, pages per day).
 */
export function valueAxis(values: readonly number[], { zeroBased = false } = {}): ValueAxis {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return { domain: [0, 1], ticks: [0, 1] };
  const min = zeroBased ? Math.min(0, ...finite) : Math.min(...finite);
  const max = Math.max(...finite);
  const span = max > min ? max - min : Math.max(1, Math.abs(max) / 1000);
  const step = niceStep(span / 5);
  const low = Math.floor(min / step) * step;
  let high = Math.ceil(max / step) * step;
  if (high <= low) high = low + step;
  const ticks: number[] = [];
  for (let tick = low; tick <= high + step / 2; tick += step) ticks.push(tick);
  return { domain: [low, high], ticks };
}

/** The smallest of 1, 2, 5 × 10ⁿ (at least 1: counters are whole) at or above `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw)!;
  return Math.max(1, step);
}
