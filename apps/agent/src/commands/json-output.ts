/**
 * JSON with bigint support: a bigint (SNMP Counter64) becomes a JSON number when it is a
 * safe integer (≤ 2^53 − 1, i.e. every real page counter) and a decimal string beyond, so a
 * value is never silently rounded.
 */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (typeof item !== 'bigint') return item;
      return item <= BigInt(Number.MAX_SAFE_INTEGER) && item >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(item)
        : item.toString();
    },
    indent,
  );
}
