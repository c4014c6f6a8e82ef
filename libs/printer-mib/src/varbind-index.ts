import type { VarBind } from './types.js';
import { compareOids } from './walk-formats/oid.js';
import { decodeText } from './text.js';

/** Read access to one poll's VarBinds by OID, with the typed getters the decoders need. */
export class VarBindIndex {
  private readonly byOid = new Map<string, VarBind>();

  constructor(varbinds: readonly VarBind[]) {
    for (const varbind of varbinds) {
      if (!this.byOid.has(varbind.oid)) this.byOid.set(varbind.oid, varbind);
    }
  }

  get(oid: string): VarBind | undefined {
    return this.byOid.get(oid);
  }

  has(oid: string): boolean {
    return this.byOid.has(oid);
  }

  /** A number for Integer/Counter/Gauge/TimeTicks (Counter64 when it fits), else null. */
  number(oid: string): number | null {
    return varbindNumber(this.byOid.get(oid));
  }

  /** Printable text of an OctetString (trimmed; empty → null). */
  text(oid: string): string | null {
    const varbind = this.byOid.get(oid);
    if (!varbind || varbind.type !== 'OctetString') return null;
    const text = decodeText(varbind.value);
    return text === '' ? null : text;
  }

  bytes(oid: string): Uint8Array | null {
    const varbind = this.byOid.get(oid);
    return varbind && varbind.type === 'OctetString' ? varbind.value : null;
  }

  objectId(oid: string): string | null {
    const varbind = this.byOid.get(oid);
    return varbind && varbind.type === 'ObjectIdentifier' ? varbind.value : null;
  }

  /** All rows of a table column: index suffix (`1.3`) → VarBind, in OID order. */
  column(prefix: string): Map<string, VarBind> {
    const rows: [string, VarBind][] = [];
    const start = `${prefix}.`;
    for (const [oid, varbind] of this.byOid) {
      if (oid.startsWith(start)) rows.push([oid.slice(start.length), varbind]);
    }
    rows.sort((a, b) => compareOids(a[0], b[0]));
    return new Map(rows);
  }

  numberColumn(prefix: string): Map<string, number> {
    const result = new Map<string, number>();
    for (const [index, varbind] of this.column(prefix)) {
      const value = varbindNumber(varbind);
      if (value !== null) result.set(index, value);
    }
    return result;
  }

  textColumn(prefix: string): Map<string, string> {
    const result = new Map<string, string>();
    for (const [index, varbind] of this.column(prefix)) {
      if (varbind.type === 'OctetString') result.set(index, decodeText(varbind.value));
    }
    return result;
  }
}

export function varbindNumber(varbind: VarBind | undefined): number | null {
  if (!varbind) return null;
  switch (varbind.type) {
    case 'Integer':
    case 'Counter32':
    case 'Gauge32':
    case 'TimeTicks':
      return varbind.value;
    case 'Counter64':
      return varbind.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(varbind.value) : null;
    case 'OctetString':
    case 'Opaque':
    case 'ObjectIdentifier':
    case 'IpAddress':
    case 'Null':
      return null;
  }
}
