import type { VarBind } from '../types.js';

/** Strips a leading dot and surrounding blanks: `.1.3.6` → `1.3.6`. */
export function normalizeOid(oid: string): string {
  const trimmed = oid.trim();
  return trimmed.startsWith('.') ? trimmed.slice(1) : trimmed;
}

/** Numeric OID order, arc by arc (so `1.3.6.1.2.1.2` < `1.3.6.1.2.1.10`); a prefix sorts first. */
export function compareOids(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const x = Number(left[i]);
    const y = Number(right[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** True when `oid` is `prefix` itself or lies below it. */
export function isUnderOid(oid: string, prefix: string): boolean {
  return oid === prefix || oid.startsWith(`${prefix}.`);
}

/** Sorted numerically; of duplicate OIDs the first one seen wins (walk files repeat probes). */
export function sortUnique(varbinds: readonly VarBind[]): VarBind[] {
  const seen = new Set<string>();
  const unique: VarBind[] = [];
  for (const varbind of varbinds) {
    if (seen.has(varbind.oid)) continue;
    seen.add(varbind.oid);
    unique.push(varbind);
  }
  return unique.sort((a, b) => compareOids(a.oid, b.oid));
}

const OID_PATTERN = /^\d+(\.\d+)*$/;

export function isNumericOid(oid: string): boolean {
  return OID_PATTERN.test(oid);
}
