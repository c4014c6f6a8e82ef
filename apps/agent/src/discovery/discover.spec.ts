import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWalk, PRINTER_DETECTION_OIDS, type VarBind } from '@printbeat/printer-mib';
import { walkBackedFactory } from '../polling/test-support/walk-backed-client.js';
import { discover } from './discover.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/snmp');
const walk = (fixture: string): VarBind[] =>
  parseWalk(fixture, readFileSync(join(FIXTURES, fixture), 'utf8'));
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

const SERVER: VarBind[] = [
  { oid: '1.3.6.1.2.1.1.1.0', type: 'OctetString', value: text('Linux fileserver 6.1.0 x86_64') },
  { oid: '1.3.6.1.2.1.1.2.0', type: 'ObjectIdentifier', value: '1.3.6.1.4.1.8072.3.2.10' },
  { oid: '1.3.6.1.2.1.25.3.2.1.2.1', type: 'ObjectIdentifier', value: '1.3.6.1.2.1.25.3.1.3' },
];

describe('discover', () => {
  it('sends one GET of the detection OIDs per address and sorts printers, skipped devices and silent addresses', async () => {
    const factory = walkBackedFactory({
      '127.20.0.1': walk('librenms/konica_c250i.snmprec'),
      '127.20.0.2': SERVER,
      '127.20.0.4': walk('librenms/ricoh_mpc3002.snmprec'),
    });
    const progress: number[] = [];
    const outcome = await discover(
      [1, 2, 3, 4, 5].map((host) => ({ host: `127.20.0.${host}`, port: 161 })),
      {
        credentials: { version: '2c', community: 'public' },
        clientFactory: factory,
        onProgress: (step) => progress.push(step.done),
      },
    );
    expect(factory.clients.map((client) => client.calls)).toEqual(
      factory.clients.map(() => [{ method: 'get', oids: [...PRINTER_DETECTION_OIDS] }]),
    );
    expect(
      outcome.devices.map((device) => [device.address, device.isPrinter, device.manufacturer]),
    ).toEqual([
      ['127.20.0.1', true, 'Konica Minolta'],
      ['127.20.0.2', false, null],
      ['127.20.0.4', true, 'Ricoh'],
    ]);
    expect(outcome.devices[1]).toMatchObject({
      sysDescr: 'Linux fileserver 6.1.0 x86_64',
      reason: expect.stringContaining('no Printer-MIB'),
    });
    expect(outcome).toMatchObject({ scanned: 5, silent: 2 });
    expect(progress.sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
