import { formatCount } from '../../shared/format';

/**
 * What an audited change did, from its details when they carry `before` and `after` objects
 * (e.g. `meter_read.review`): each field that changed, "field: before → after". Null when the
 * details say nothing of the kind.
 */
export function changeSummary(details: unknown): string | null {
  if (!isRecord(details) || !isRecord(details['before']) || !isRecord(details['after']))
    return null;
  const before = details['before'];
  const after = details['after'];
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => `${field}: ${shown(before[field])} → ${shown(after[field])}`);
  return changed.length === 0 ? null : changed.join('; ');
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatCount(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
