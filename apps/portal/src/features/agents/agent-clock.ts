const UNITS: readonly (readonly [name: string, seconds: number])[] = [
  ['year', 365.25 * 24 * 60 * 60],
  ['day', 24 * 60 * 60],
  ['hour', 60 * 60],
  ['minute', 60],
  ['second', 1],
];

/** "agent clock is 74 years ahead": the offset in its largest whole unit. */
export function describeClockOffset(offsetSeconds: number): string {
  const size = Math.abs(offsetSeconds);
  const [unit, seconds] = UNITS.find(([, unitSeconds]) => size >= unitSeconds) ?? UNITS.at(-1)!;
  const count = Math.floor(size / seconds);
  const direction = offsetSeconds >= 0 ? 'ahead' : 'behind';
  return `agent clock is ${count} ${unit}${count === 1 ? '' : 's'} ${direction}`;
}
