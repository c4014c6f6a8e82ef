import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseWalk,
  PRINTER_DETECTION_OIDS,
  PRINTER_PRESENCE_NEXT_OIDS,
  type VarBind,
} from '@printbeat/printer-mib';
import { walkBackedFactory } from '../polling/test-support/walk-backed-client.js';
import { SnmpError } from '../snmp/snmp.errors.js';
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
    expect(factory.clients.map((client) => client.calls[0])).toEqual(
      factory.clients.map(() => ({ method: 'get', oids: [...PRINTER_DETECTION_OIDS] })),
    );
    // The server is asked once more (is there any Printer-MIB table?), and no more.
    expect(factory.clients[1]?.calls.slice(1)).toEqual([
      { method: 'getNext', oids: [...PRINTER_PRESENCE_NEXT_OIDS] },
    ]);
    // Silent addresses get nothing after the first GET.
    expect(factory.clients[2]?.calls).toHaveLength(1);
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

  it('takes a walk with only supplies and the system group as a printer, named as a poll names it', async () => {
    const altaLink = walk('librenms/xerox.snmprec');
    const factory = walkBackedFactory({
      '127.20.0.1': altaLink,
      // The same device with a sysObjectID no rule knows: the GETNEXT finds its supplies.
      '127.20.0.2': altaLink.map((varBind) =>
        varBind.oid === '1.3.6.1.2.1.1.2.0'
          ? ({ oid: varBind.oid, type: 'ObjectIdentifier', value: '1.3.6.1.4.1.99999.1' } as const)
          : varBind,
      ),
    });
    const outcome = await discover(
      ['127.20.0.1', '127.20.0.2'].map((host) => ({ host, port: 161 })),
      { credentials: { version: '2c', community: 'public' }, clientFactory: factory },
    );
    expect(outcome.devices).toEqual([
      expect.objectContaining({ isPrinter: true, manufacturer: 'Xerox', model: 'AltaLink C8045' }),
      expect.objectContaining({ isPrinter: true, manufacturer: 'Xerox', model: 'AltaLink C8045' }),
    ]);
    expect(factory.clients[1]?.calls.map((call) => call.method)).toEqual([
      'get',
      'getNext',
      'get',
      'get',
      'walkAll',
    ]);
  });

  it('names Kyocera, Brother and Epson printers by model, with MAC and firmware', async () => {
    const factory = walkBackedFactory({
      '127.20.0.1': walk('printmaster/kyocera_p2040_snmp.json'),
      '127.20.0.2': walk('librenms/brother_hl5370dw.snmprec'),
      '127.20.0.3': walk('printmaster/epson_cw_snmp.json'),
    });
    const outcome = await discover(
      [1, 2, 3].map((host) => ({ host: `127.20.0.${host}`, port: 161 })),
      { credentials: { version: '2c', community: 'public' }, clientFactory: factory },
    );
    expect(
      outcome.devices.map((device) => [
        device.manufacturer,
        device.model,
        device.serial,
        device.mac,
        device.firmware,
      ]),
    ).toEqual([
      ['Kyocera', 'ECOSYS P2040dw', 'VD21457943', '00:17:c8:b9:02:de', '2RX_3000.002.503'],
      ['Brother', 'HL-5370DW', 'B9J154306', '00:1b:a9:0b:a7:52', '1.01'],
      ['Epson', 'CW-C6500Au', 'X7F4008528', '50:57:9c:5c:69:8e', 'TS20P2'],
    ]);
  });

  it('still reports a printer whose identity read fails part-way, named from the detection answer', async () => {
    const factory = walkBackedFactory({ '127.20.0.1': walk('librenms/sharp.snmprec') });
    const original = factory.create.bind(factory);
    factory.create = (target) => {
      const client = original(target);
      client.failAt = { call: 2, error: new SnmpError('SNMP_TIMEOUT', 'no answer') };
      return client;
    };
    const outcome = await discover([{ host: '127.20.0.1', port: 161 }], {
      credentials: { version: '2c', community: 'public' },
      clientFactory: factory,
    });
    expect(outcome.devices).toEqual([
      expect.objectContaining({
        isPrinter: true,
        manufacturer: 'Sharp',
        serial: '6509415X00',
        reason: expect.stringContaining('identity not read completely: SNMP_TIMEOUT'),
      }),
    ]);
  });

  it('reports a host that answers the GET but not the GETNEXT as skipped, not silent', async () => {
    const factory = walkBackedFactory({ '127.20.0.1': SERVER });
    const original = factory.create.bind(factory);
    factory.create = (target) => {
      const client = original(target);
      client.failAt = { call: 1, error: new SnmpError('SNMP_TIMEOUT', 'no answer') };
      return client;
    };
    const outcome = await discover([{ host: '127.20.0.1', port: 161 }], {
      credentials: { version: '2c', community: 'public' },
      clientFactory: factory,
    });
    expect(outcome.devices).toEqual([
      expect.objectContaining({
        isPrinter: false,
        reason: expect.stringContaining('no Printer-MIB'),
      }),
    ]);
    expect(outcome.silent).toBe(0);
  });
});
