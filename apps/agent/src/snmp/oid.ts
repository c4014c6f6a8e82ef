/** Numeric, arc-by-arc OID order (`1.3.6.1.2` < `1.3.6.1.10`). OIDs without a leading dot. */
export function compareOids(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i += 1) {
    const difference = Number(left[i]) - Number(right[i]);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}

/** True when `oid` lies strictly below `subtree`. */
export function isInSubtree(subtree: string, oid: string): boolean {
  return oid.startsWith(`${subtree}.`);
}
