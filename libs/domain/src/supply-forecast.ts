/**
 * Days-to-empty of one supply from its recent level history. The method is described in
 * libs/domain/README.md ("Supply forecast"). Pure: no I/O, no clock (pass `now`).
 */

export type SupplySample = {
  at: Date;
  /** 0..100; null when the device reported no number ("some remaining", unknown). */
  percent: number | null;
  /** The device's total page counter at that time, when known. */
  pages?: number | null;
  /** The cartridge's own serial, when the device reports one: another serial starts anew. */
  serialNumber?: string | null;
};

export type ForecastConfidence = 'LOW' | 'MEDIUM' | 'HIGH';

export type NoForecastReason =
  /** No sample at all. */
  | 'NO_DATA'
  /** Samples, but none with a number ("some remaining", unknown): the level is not measurable. */
  | 'NOT_MEASURABLE'
  /** Fewer than two usable samples since the last refill. */
  | 'TOO_FEW_SAMPLES'
  /** Less than `minSpanHours` of history or less than `minConsumedPoints` used since the refill. */
  | 'NOT_ENOUGH_HISTORY'
  /** The level is flat or rising, or would last more than two years: nothing to forecast. */
  | 'NO_CONSUMPTION';

export type SupplyForecast =
  | {
      kind: 'forecast';
      /** From `now`; 0 when already empty. */
      daysToEmpty: number;
      emptyAt: Date;
      /** The level the fit puts at the last sample (what the forecast starts from). */
      currentPercent: number;
      percentPerDay: number;
      /** When page counters were given and moved: pages until empty, and the rate. */
      pagesToEmpty: number | null;
      percentPer1000Pages: number | null;
      confidence: ForecastConfidence;
      samples: number;
      spanDays: number;
      /** Coefficient of determination of the level-vs-time fit. */
      r2: number;
      /** Granularity of the reported levels in percent points (1 for fine levels, 10 for 10 % steps). */
      step: number;
      /** First sample of the segment used (the last refill, or the window start). */
      since: Date;
    }
  | { kind: 'none'; reason: NoForecastReason; currentPercent: number | null; samples: number };

export type ForecastOptions = {
  /** Reference time for daysToEmpty; default: the last sample's time. */
  now?: Date;
  /** Only samples this many days before the last one count (default 60). */
  windowDays?: number;
  /** Rise that marks a refill / cartridge swap (default 30 points). */
  refillJumpPoints?: number;
  /** A rise to at least this level is a refill too (default 90 %). */
  refillToPercent?: number;
  /** Forecasts further out than this are no forecast (default 730 days). */
  maxDays?: number;
  /** History shorter than this is not enough for a rate (default 24 hours). */
  minSpanHours?: number;
  /** Less consumed than this since the refill is not enough for a rate (default 5 points). */
  minConsumedPoints?: number;
};

/**
 * A day of history covers a full print-and-sleep cycle, so a busy hour is not taken for the
 * daily rate; 5 points is well above the 1-point rounding of fine levels and the fit's 2-point
 * tolerance, so the rate is not a rounding artefact (a coarse 10 % level crossing one step
 * passes it).
 */
export const MIN_FORECAST_SPAN_HOURS = 24;
export const MIN_FORECAST_CONSUMED_POINTS = 5;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A swap or refill, as opposed to a shaken cartridge or rounding noise: a rise of at least
 * `jump` points, or a rise of at least 10 points that ends at ≥ `toPercent`.
 */
export function isRefill(
  previousPercent: number,
  currentPercent: number,
  options: { jump?: number; toPercent?: number } = {},
): boolean {
  const jump = options.jump ?? 30;
  const toPercent = options.toPercent ?? 90;
  const rise = currentPercent - previousPercent;
  return rise >= jump || (rise >= 10 && currentPercent >= toPercent);
}

/** Cartridge serials compare trimmed and case-blind; an empty one is none. */
export function normalSerial(serial: string | null | undefined): string | null {
  const trimmed = serial?.trim().toUpperCase() ?? '';
  return trimmed === '' ? null : trimmed;
}

type Point = { t: number; percent: number; pages: number | null; serial: string | null };

export function forecastSupply(
  history: readonly SupplySample[],
  options: ForecastOptions = {},
): SupplyForecast {
  const windowDays = options.windowDays ?? 60;
  const maxDays = options.maxDays ?? 730;
  const refill = { jump: options.refillJumpPoints ?? 30, toPercent: options.refillToPercent ?? 90 };

  const points = dropSpikes(usablePoints(history), refill.jump);
  const last = points.at(-1);
  if (!last) {
    const reason = history.length === 0 ? 'NO_DATA' : 'NOT_MEASURABLE';
    return { kind: 'none', reason, currentPercent: null, samples: 0 };
  }

  // The segment since the last refill, limited to the recent window.
  let startIndex = 0;
  for (let i = points.length - 1; i > 0; i--) {
    const before = points[i - 1]!;
    const after = points[i]!;
    const swapped =
      before.serial !== null && after.serial !== null && before.serial !== after.serial;
    if (swapped || isRefill(before.percent, after.percent, refill)) {
      startIndex = i;
      break;
    }
  }
  const windowStart = last.t - windowDays * DAY_MS;
  const segment = points.slice(startIndex).filter((point) => point.t >= windowStart);
  const first = segment[0]!;
  const none = (reason: NoForecastReason): SupplyForecast => ({
    kind: 'none',
    reason,
    currentPercent: last.percent,
    samples: segment.length,
  });

  const nowMs = options.now?.getTime() ?? last.t;
  if (last.percent <= 0) {
    return {
      kind: 'forecast',
      daysToEmpty: 0,
      emptyAt: new Date(last.t),
      currentPercent: 0,
      percentPerDay: 0,
      pagesToEmpty: 0,
      percentPer1000Pages: null,
      confidence: 'HIGH',
      samples: segment.length,
      spanDays: (last.t - first.t) / DAY_MS,
      r2: 1,
      step: levelStep(segment),
      since: new Date(first.t),
    };
  }
  if (segment.length < 2 || last.t === first.t) return none('TOO_FEW_SAMPLES');

  // Too short, or a level that has not moved yet (a coarse level short of its next step).
  const distinctLevels = new Set(segment.map((point) => point.percent)).size;
  const minSpanHours = options.minSpanHours ?? MIN_FORECAST_SPAN_HOURS;
  if ((last.t - first.t) / HOUR_MS < minSpanHours || distinctLevels < 2)
    return none('NOT_ENOUGH_HISTORY');

  const fit = leastSquares(
    segment.map((point) => [(point.t - first.t) / DAY_MS, point.percent] as const),
  );
  if (fit.slope >= 0) return none('NO_CONSUMPTION');

  const step = levelStep(segment);
  const spanDays = (last.t - first.t) / DAY_MS;
  const percentPerDay = -fit.slope;
  // Coarse levels are bucketed: the fitted line knows how far into the current bucket we are.
  // It may not wander further than one step from what the device said.
  const fitted = fit.intercept + fit.slope * spanDays;
  const tolerance = Math.max(step, 2);
  const currentPercent = clamp(
    fitted,
    Math.max(0, last.percent - tolerance),
    Math.min(100, last.percent + tolerance),
  );
  const daysFromLast = currentPercent / percentPerDay;
  if (daysFromLast > maxDays) return none('NO_CONSUMPTION');
  // A real but small drop: the rate would come from a few points of rounding.
  const consumed = Math.max(...segment.map((point) => point.percent)) - last.percent;
  if (consumed < (options.minConsumedPoints ?? MIN_FORECAST_CONSUMED_POINTS))
    return none('NOT_ENOUGH_HISTORY');
  const daysToEmpty = Math.max(0, daysFromLast - (nowMs - last.t) / DAY_MS);

  const pagesFit = pagesRate(segment);
  const pagesToEmpty = pagesFit ? currentPercent / pagesFit.percentPerPage : null;

  return {
    kind: 'forecast',
    daysToEmpty,
    emptyAt: new Date(last.t + daysFromLast * DAY_MS),
    currentPercent,
    percentPerDay,
    pagesToEmpty: pagesToEmpty === null ? null : Math.round(pagesToEmpty),
    percentPer1000Pages: pagesFit ? pagesFit.percentPerPage * 1000 : null,
    confidence: confidenceOf({
      samples: segment.length,
      spanDays,
      r2: fit.r2,
      distinctLevels,
      step,
      daysFromLast,
    }),
    samples: segment.length,
    spanDays,
    r2: fit.r2,
    step,
    since: new Date(first.t),
  };
}

function usablePoints(history: readonly SupplySample[]): Point[] {
  const byTime = new Map<number, Point>();
  for (const sample of history) {
    const t = sample.at.getTime();
    if (sample.percent === null || !Number.isFinite(sample.percent) || !Number.isFinite(t))
      continue;
    const pages =
      typeof sample.pages === 'number' && Number.isFinite(sample.pages) ? sample.pages : null;
    // Several samples at one instant: the later one in the input wins.
    byTime.set(t, {
      t,
      percent: clamp(sample.percent, 0, 100),
      pages,
      serial: normalSerial(sample.serialNumber),
    });
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/**
 * A single sample far below (or above) both neighbours that agree with each other is a bad
 * read: dropped, so a glitch to 0 % and back is neither a refill nor a crash in the fit.
 */
function dropSpikes(points: Point[], threshold: number): Point[] {
  if (points.length < 3) return points;
  const kept: Point[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const previous = kept.at(-1)!.percent;
    const current = points[i]!.percent;
    const next = points[i + 1]!.percent;
    const neighboursAgree = Math.abs(next - previous) < threshold;
    const spike =
      Math.abs(current - previous) >= threshold && Math.abs(current - next) >= threshold;
    if (!(neighboursAgree && spike)) kept.push(points[i]!);
  }
  kept.push(points.at(-1)!);
  return kept;
}

/** The granularity of the reported levels: the gcd of the differences, at least 1 point. */
function levelStep(points: readonly Point[]): number {
  let step = 0;
  for (let i = 1; i < points.length; i++) {
    const difference = Math.round(Math.abs(points[i]!.percent - points[i - 1]!.percent));
    if (difference > 0) step = gcd(step, difference);
  }
  return Math.max(1, step);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export type LinearFit = { slope: number; intercept: number; r2: number };

/** Ordinary least squares y = intercept + slope·x, with R² (1 when y does not vary). */
export function leastSquares(points: readonly (readonly [number, number])[]): LinearFit {
  const n = points.length;
  if (n === 0) return { slope: 0, intercept: 0, r2: 0 };
  let sumX = 0;
  let sumY = 0;
  for (const [x, y] of points) {
    sumX += x;
    sumY += y;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
    syy += (y - meanY) ** 2;
  }
  if (sxx === 0) return { slope: 0, intercept: meanY, r2: 0 };
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept, r2 };
}

/** Percent used per page, from the samples that carry a page counter, when pages moved. */
function pagesRate(points: readonly Point[]): { percentPerPage: number } | null {
  const withPages = points.filter(
    (point): point is Point & { pages: number } => point.pages !== null,
  );
  if (withPages.length < 2) return null;
  const base = withPages[0]!.pages;
  const fit = leastSquares(withPages.map((point) => [point.pages - base, point.percent] as const));
  if (withPages.at(-1)!.pages === base || fit.slope >= 0) return null;
  return { percentPerPage: -fit.slope };
}

function confidenceOf(facts: {
  samples: number;
  spanDays: number;
  r2: number;
  distinctLevels: number;
  step: number;
  daysFromLast: number;
}): ForecastConfidence {
  let level: 0 | 1 | 2 = 0;
  if (facts.samples >= 8 && facts.spanDays >= 7 && facts.r2 >= 0.9 && facts.distinctLevels >= 4)
    level = 2;
  else if (
    facts.samples >= 4 &&
    facts.spanDays >= 2 &&
    facts.r2 >= 0.6 &&
    facts.distinctLevels >= 2
  )
    level = 1;
  // Coarse levels with few distinct steps say little about the rate.
  if (facts.step >= 10 && facts.distinctLevels < 3) level = 0;
  // Extrapolating far beyond what was observed.
  if (facts.daysFromLast > 4 * Math.max(facts.spanDays, 1) && level > 0)
    level = (level - 1) as 0 | 1;
  return (['LOW', 'MEDIUM', 'HIGH'] as const)[level];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
