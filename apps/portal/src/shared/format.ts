const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatDateTime(value: string | null | undefined): string {
  return value ? dateTime.format(new Date(value)) : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? date.format(new Date(value)) : '—';
}

export function formatCount(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  // Counters may come as strings (BigInt scalars): format without going through a float.
  if (typeof value === 'string')
    return /^-?\d+$/.test(value) ? integer.format(BigInt(value)) : value;
  return integer.format(value);
}
