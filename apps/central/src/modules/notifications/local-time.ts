/** Wall-clock arithmetic in IANA time zones (Intl only), for quiet hours and the digest hour. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export type LocalParts = { year: number; month: number; day: number; minuteOfDay: number };

export function localParts(at: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    minuteOfDay: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

/** Local time minus UTC at `at`, in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
  const parts = localParts(at, timeZone);
  const second = at.getUTCSeconds();
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, 0, parts.minuteOfDay, second);
  return asUtc - (at.getTime() - at.getUTCMilliseconds());
}

/**
 * The instant a local date's minute falls on. A minute skipped by a DST change maps to the
 * instant after the gap; a repeated one to its first occurrence.
 */
export function instantOfLocal(
  date: { year: number; month: number; day: number },
  minuteOfDay: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const first = wall - offsetAt(new Date(wall), timeZone);
  const second = wall - offsetAt(new Date(first), timeZone);
  return new Date(Math.min(first, second));
}

function addDays(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

export type QuietHours = { startMinute: number; endMinute: number };

/**
 * When a message at `now` may go out: `now` outside the quiet hours, otherwise the end of
 * the current quiet period (start after end spans midnight: 22:00–06:00).
 */
export function quietHoursRelease(now: Date, quiet: QuietHours, timeZone: string): Date {
  const { startMinute, endMinute } = quiet;
  if (startMinute === endMinute) return now;
  const local = localParts(now, timeZone);
  const minute = local.minuteOfDay;
  const inQuiet =
    startMinute < endMinute
      ? minute >= startMinute && minute < endMinute
      : minute >= startMinute || minute < endMinute;
  if (!inQuiet) return now;
  const endsToday = startMinute < endMinute || minute < endMinute;
  return instantOfLocal(endsToday ? local : addDays(local, 1), endMinute, timeZone);
}

/** The latest instant at or before `now` whose local time is `hour`:00. */
export function latestLocalHour(now: Date, hour: number, timeZone: string): Date {
  const local = localParts(now, timeZone);
  const today = instantOfLocal(local, hour * 60, timeZone);
  return today.getTime() <= now.getTime()
    ? today
    : instantOfLocal(addDays(local, -1), hour * 60, timeZone);
}
