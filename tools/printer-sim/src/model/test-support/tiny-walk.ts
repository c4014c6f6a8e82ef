import type { VarBind } from '@printbeat/printer-mib';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A small colour printer walk, enough to exercise every animated object. */
export function tinyColorWalk(): VarBind[] {
  return [
    { oid: '1.3.6.1.2.1.1.1.0', type: 'OctetString', value: text('Tiny Color MFP') },
    { oid: '1.3.6.1.2.1.1.2.0', type: 'ObjectIdentifier', value: '1.3.6.1.4.1.1347.41' },
    { oid: '1.3.6.1.2.1.1.3.0', type: 'TimeTicks', value: 100000 },
    { oid: '1.3.6.1.2.1.1.5.0', type: 'OctetString', value: text('tiny') },
    { oid: '1.3.6.1.2.1.2.2.1.2.1', type: 'OctetString', value: text('eth0') },
    { oid: '1.3.6.1.2.1.2.2.1.2.2', type: 'OctetString', value: text('lo') },
    { oid: '1.3.6.1.2.1.25.3.2.1.5.1', type: 'Integer', value: 2 },
    { oid: '1.3.6.1.2.1.25.3.5.1.1.1', type: 'Integer', value: 3 },
    { oid: '1.3.6.1.2.1.25.3.5.1.2.1', type: 'OctetString', value: new Uint8Array([0]) },
    { oid: '1.3.6.1.2.1.43.5.1.1.3.1', type: 'Integer', value: 3 },
    { oid: '1.3.6.1.2.1.43.10.2.1.4.1.1', type: 'Counter32', value: 1000 },
    { oid: '1.3.6.1.2.1.43.11.1.1.3.1.1', type: 'Integer', value: 1 },
    { oid: '1.3.6.1.2.1.43.11.1.1.3.1.2', type: 'Integer', value: 2 },
    { oid: '1.3.6.1.2.1.43.11.1.1.3.1.3', type: 'Integer', value: 0 },
    { oid: '1.3.6.1.2.1.43.11.1.1.4.1.1', type: 'Integer', value: 3 },
    { oid: '1.3.6.1.2.1.43.11.1.1.4.1.2', type: 'Integer', value: 3 },
    { oid: '1.3.6.1.2.1.43.11.1.1.4.1.3', type: 'Integer', value: 4 },
    { oid: '1.3.6.1.2.1.43.11.1.1.5.1.1', type: 'Integer', value: 3 },
    { oid: '1.3.6.1.2.1.43.11.1.1.5.1.2', type: 'Integer', value: 3 },
    { oid: '1.3.6.1.2.1.43.11.1.1.5.1.3', type: 'Integer', value: 4 },
    { oid: '1.3.6.1.2.1.43.11.1.1.6.1.1', type: 'OctetString', value: text('Black Toner') },
    { oid: '1.3.6.1.2.1.43.11.1.1.6.1.2', type: 'OctetString', value: text('Cyan Toner') },
    { oid: '1.3.6.1.2.1.43.11.1.1.6.1.3', type: 'OctetString', value: text('Waste Toner Box') },
    { oid: '1.3.6.1.2.1.43.11.1.1.8.1.1', type: 'Integer', value: 10000 },
    { oid: '1.3.6.1.2.1.43.11.1.1.8.1.2', type: 'Integer', value: 10000 },
    { oid: '1.3.6.1.2.1.43.11.1.1.8.1.3', type: 'Integer', value: -2 },
    { oid: '1.3.6.1.2.1.43.11.1.1.9.1.1', type: 'Integer', value: 5000 },
    { oid: '1.3.6.1.2.1.43.11.1.1.9.1.2', type: 'Integer', value: 8000 },
    { oid: '1.3.6.1.2.1.43.11.1.1.9.1.3', type: 'Integer', value: -3 },
    { oid: '1.3.6.1.2.1.43.12.1.1.4.1.1', type: 'OctetString', value: text('black') },
    { oid: '1.3.6.1.2.1.43.12.1.1.4.1.2', type: 'OctetString', value: text('cyan') },
    { oid: '1.3.6.1.2.1.43.18.1.1.2.1.7', type: 'Integer', value: 4 },
    { oid: '1.3.6.1.2.1.43.18.1.1.8.1.7', type: 'OctetString', value: text('Sleep') },
    // Kyocera per-function counters: printer/copier totals and their black/colour split.
    { oid: '1.3.6.1.4.1.1347.42.3.1.1.1.1.1', type: 'Integer', value: 600 },
    { oid: '1.3.6.1.4.1.1347.42.3.1.1.1.1.2', type: 'Integer', value: 400 },
    { oid: '1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1', type: 'Integer', value: 500 },
    { oid: '1.3.6.1.4.1.1347.42.3.1.2.1.1.1.3', type: 'Integer', value: 100 },
    { oid: '1.3.6.1.4.1.1347.42.3.1.2.1.1.2.1', type: 'Integer', value: 300 },
    { oid: '1.3.6.1.4.1.1347.42.3.1.2.1.1.2.3', type: 'Integer', value: 100 },
    { oid: '1.3.6.1.4.1.1347.43.10.1.1.12.1.1', type: 'Integer', value: 1000 },
    { oid: '1.3.6.1.4.1.1347.99.1.0', type: 'Counter64', value: 123456789012n },
  ];
}
