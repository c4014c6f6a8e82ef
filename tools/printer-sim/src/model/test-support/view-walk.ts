import type { VarBind } from '@printbeat/printer-mib';
import { Tag, decodeOid, decodeSigned, decodeUnsigned, readTlv } from '../../snmp/ber.js';
import type { Binding, SimPrinter } from '../sim-printer.js';

/** A binding as the agent would receive it. */
export function toVarBind(b: Binding): VarBind {
  const oid = b.arcs.join('.');
  const t = readTlv(b.valueTlv, 0);
  const bytes = b.valueTlv.subarray(t.start, t.end);
  switch (t.tag) {
    case Tag.Integer:
      return { oid, type: 'Integer', value: decodeSigned(b.valueTlv, t.start, t.end) };
    case Tag.Counter32:
      return { oid, type: 'Counter32', value: Number(decodeUnsigned(b.valueTlv, t.start, t.end)) };
    case Tag.Gauge32:
      return { oid, type: 'Gauge32', value: Number(decodeUnsigned(b.valueTlv, t.start, t.end)) };
    case Tag.TimeTicks:
      return { oid, type: 'TimeTicks', value: Number(decodeUnsigned(b.valueTlv, t.start, t.end)) };
    case Tag.Counter64:
      return { oid, type: 'Counter64', value: decodeUnsigned(b.valueTlv, t.start, t.end) };
    case Tag.OctetString:
      return { oid, type: 'OctetString', value: new Uint8Array(bytes) };
    case Tag.Opaque:
      return { oid, type: 'Opaque', value: new Uint8Array(bytes) };
    case Tag.ObjectIdentifier:
      return {
        oid,
        type: 'ObjectIdentifier',
        value: decodeOid(b.valueTlv, t.start, t.end).join('.'),
      };
    case Tag.IpAddress:
      return { oid, type: 'IpAddress', value: [...bytes].join('.') };
    default:
      return { oid, type: 'Null', value: null };
  }
}

/** Every binding of the printer's view, in GETNEXT order. */
export function walkView(printer: SimPrinter): VarBind[] {
  const out: VarBind[] = [];
  let b = printer.next([0]);
  while (b) {
    out.push(toVarBind(b));
    b = printer.next(b.arcs);
  }
  return out;
}
