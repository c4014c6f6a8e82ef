/**
 * Numeric, arc-by-arc OID order (`1.3.6.1.2` < `1.3.6.1.10`). OIDs without a leading dot.
 * Scans the strings in place: it runs for every value of every walk.
 */
export function compareOids(a: string, b: string): number {
  let i = 0;
  let j = 0;
  for (;;) {
    const endA = i >= a.length;
    const endB = j >= b.length;
    if (endA || endB) return endA && endB ? 0 : endA ? -1 : 1;
    let startA = i;
    let startB = j;
    while (i < a.length && a.charCodeAt(i) !== 46) i += 1;
    while (j < b.length && b.charCodeAt(j) !== 46) j += 1;
    // Skip leading zeros so that arc length decides first, then digits.
    while (startA < i - 1 && a.charCodeAt(startA) === 48) startA += 1;
    while (startB < j - 1 && b.charCodeAt(startB) === 48) startB += 1;
    const lengthA = i - startA;
    const lengthB = j - startB;
    if (lengthA !== lengthB) return lengthA < lengthB ? -1 : 1;
    for (let k = 0; k < lengthA; k += 1) {
      const difference = a.charCodeAt(startA + k) - b.charCodeAt(startB + k);
      if (difference !== 0) return difference < 0 ? -1 : 1;
    }
    i += 1;
    j += 1;
  }
}

/** True when `oid` lies strictly below `subtree`. */
export function isInSubtree(subtree: string, oid: string): boolean {
  return (
    oid.length > subtree.length && oid.charCodeAt(subtree.length) === 46 && oid.startsWith(subtree)
  );
}
