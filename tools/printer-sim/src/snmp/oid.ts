export type Arcs = readonly number[];

export function parseOid(oid: string): number[] {
  const text = oid.startsWith('.') ? oid.slice(1) : oid;
  if (text === '') return [];
  return text.split('.').map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
      throw new Error(`bad OID arc "${p}" in ${oid}`);
    return n;
  });
}

export function formatOid(arcs: Arcs): string {
  return arcs.join('.');
}

/** Lexicographic order of OIDs by numeric arcs (the order GETNEXT walks). */
export function compareArcs(a: Arcs, b: Arcs): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Index of the first element strictly greater than `key` (sorted input). */
export function upperBound(sorted: readonly Arcs[], key: Arcs): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareArcs(sorted[mid]!, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of `key` in sorted input, or -1. */
export function indexOf(sorted: readonly Arcs[], key: Arcs): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareArcs(sorted[mid]!, key);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function startsWith(arcs: Arcs, prefix: Arcs): boolean {
  if (arcs.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (arcs[i] !== prefix[i]) return false;
  return true;
}
