import { listFixtureFiles, readFixture } from '../test-support/fixtures.js';
import { bytesToHex } from './bytes.js';
import { compareOids } from './oid.js';
import { detectWalkFormat, parseWalk } from './parse-walk.js';
import { formatSnmprec, parseSnmprec } from './snmprec.js';
import { parseSnmpwalk } from './snmpwalk.js';
import { parseBrotherPyJson } from './brother-py-json.js';
import { parsePrintmasterJson } from './printmaster-json.js';
import type { VarBind } from '../types.js';

const text = (varbind: VarBind | undefined): string | undefined =>
  varbind && varbind.type === 'OctetString' ? new TextDecoder().decode(varbind.value) : undefined;
const find = (varbinds: VarBind[], oid: string) => varbinds.find((varbind) => varbind.oid === oid);

describe('compareOids', () => {
  it('orders arc by arc, numerically, with a prefix first', () => {
    expect(compareOids('1.3.6.1.2.1.2', '1.3.6.1.2.1.10')).toBeLessThan(0);
    expect(compareOids('1.3.6.1.2.1.10', '1.3.6.1.2.1.2')).toBeGreaterThan(0);
    expect(compareOids('1.3.6.1', '1.3.6.1.0')).toBeLessThan(0);
    expect(compareOids('1.3.6.1', '1.3.6.1')).toBe(0);
  });
});

describe('every fixture walk', () => {
  const files = listFixtureFiles();

  it('finds all four source directories', () => {
    expect(files).toHaveLength(90);
    for (const directory of ['librenms/', 'brother-py/', 'glpi-agent/', 'printmaster/']) {
      expect(files.some((file) => file.startsWith(directory))).toBe(true);
    }
  });

  it.each(files)('%s parses to a sorted, duplicate-free, non-trivial list', (file) => {
    const raw = readFixture(file);
    const varbinds = parseWalk(file, raw);
    // OS-detection snmprec files hold one or two lines; the rest are real walks or maps.
    const minimum = file.startsWith('printmaster/')
      ? 1000
      : raw.length > 2000
        ? 30
        : file.startsWith('brother-py/')
          ? 9
          : 1;
    expect(varbinds.length).toBeGreaterThanOrEqual(minimum);
    for (let i = 1; i < varbinds.length; i++) {
      expect(compareOids(varbinds[i - 1]!.oid, varbinds[i]!.oid)).toBeLessThan(0);
    }
    for (const varbind of varbinds) expect(varbind.oid).toMatch(/^\d+(\.\d+)+$/);
  });

  it('keeps every line of a snmprec file', () => {
    for (const file of files.filter((name) => name.endsWith('.snmprec'))) {
      // okilan_9450g.snmprec has one corrupt line (`…2.2.1.17.1|65|6git3159`), rightly skipped.
      const lines = readFixture(file)
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.endsWith('|65|6git3159'));
      const oids = new Set(lines.map((line) => line.split('|')[0]));
      expect(parseWalk(file, readFixture(file))).toHaveLength(oids.size);
    }
  });
});

describe('parseSnmprec', () => {
  it('reads every type tag', () => {
    const varbinds = parseSnmprec(
      [
        '1.3.6.1.2.1.1.2.0|6|.1.3.6.1.4.1.1129.1.2.1',
        '1.3.6.1.2.1.2.2.1.6.1|4x|3C2AF4BFF51B',
        '1.3.6.1.2.1.4.20.1.3.10.180.116.29|64x|ffffff00',
        '1.3.6.1.2.1.4.20.1.3.10.0.0.146|64|255.255.255.0',
        '1.3.6.1.2.1.4.31.1.1.4.2|70|15063260',
        '1.3.6.1.2.1.4.24.3.0|5|',
        '1.3.6.1.2.1.43.11.1.1.9.1.1|2|-3',
        '1.3.6.1.2.1.43.10.2.1.4.1.1|65|4294967295',
        '1.3.6.1.2.1.1.3.0|67|217539735',
        '1.3.6.1.2.1.1.1.0|4|a|b',
      ].join('\n'),
    );
    expect(varbinds).toEqual([
      { oid: '1.3.6.1.2.1.1.2.0', type: 'ObjectIdentifier', value: '1.3.6.1.4.1.1129.1.2.1' },
      {
        oid: '1.3.6.1.2.1.2.2.1.6.1',
        type: 'OctetString',
        value: new Uint8Array([0x3c, 0x2a, 0xf4, 0xbf, 0xf5, 0x1b]),
      },
      { oid: '1.3.6.1.2.1.4.20.1.3.10.180.116.29', type: 'IpAddress', value: '255.255.255.0' },
      { oid: '1.3.6.1.2.1.4.20.1.3.10.0.0.146', type: 'IpAddress', value: '255.255.255.0' },
      { oid: '1.3.6.1.2.1.4.31.1.1.4.2', type: 'Counter64', value: 15063260n },
      { oid: '1.3.6.1.2.1.4.24.3.0', type: 'Null', value: null },
      { oid: '1.3.6.1.2.1.43.11.1.1.9.1.1', type: 'Integer', value: -3 },
      { oid: '1.3.6.1.2.1.43.10.2.1.4.1.1', type: 'Counter32', value: 4294967295 },
      { oid: '1.3.6.1.2.1.1.3.0', type: 'TimeTicks', value: 217539735 },
      { oid: '1.3.6.1.2.1.1.1.0', type: 'OctetString', value: new TextEncoder().encode('a|b') },
    ]);
  });
});

describe('formatSnmprec', () => {
  it.each(listFixtureFiles())('%s survives a round trip through snmprec text', (file) => {
    const varbinds = parseWalk(file, readFixture(file));
    expect(parseSnmprec(formatSnmprec(varbinds))).toEqual(varbinds);
  });

  it('writes octet strings as hex and keeps Opaque, Counter64 and OID values', () => {
    const text = formatSnmprec([
      { oid: '1.3.6.1.2.1.1.1.0', type: 'OctetString', value: new Uint8Array([0x41, 0x7c, 0x0a]) },
      { oid: '1.3.6.1.2.1.1.2.0', type: 'ObjectIdentifier', value: '1.3.6.1.4.1.1347.41' },
      { oid: '1.3.6.1.2.1.31.1.1.1.6.1', type: 'Counter64', value: 18_446_744_073_709_551_615n },
      { oid: '1.3.6.1.4.1.2021.10.1.6.1', type: 'Opaque', value: new Uint8Array([0x9f, 0x78]) },
      { oid: '1.3.6.1.2.1.4.20.1.1.1', type: 'IpAddress', value: '127.0.0.1' },
      { oid: '1.3.6.1.2.1.99.0', type: 'Null', value: null },
    ]);
    expect(text).toBe(
      [
        '1.3.6.1.2.1.1.1.0|4x|417c0a',
        '1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.1347.41',
        '1.3.6.1.2.1.31.1.1.1.6.1|70|18446744073709551615',
        '1.3.6.1.4.1.2021.10.1.6.1|68x|9f78',
        '1.3.6.1.2.1.4.20.1.1.1|64|127.0.0.1',
        '1.3.6.1.2.1.99.0|5|',
        '',
      ].join('\n'),
    );
  });
});

describe('parseSnmpwalk', () => {
  it('reads the MIB-translated spelling of glpi-agent sample2.walk', () => {
    const varbinds = parseWalk('sample2.walk', readFixture('glpi-agent/sample2.walk'));
    expect(text(find(varbinds, '1.3.6.1.2.1.1.1.0'))).toBe(
      'RICOH Aficio MP 171 1.00.1 / RICOH Network Printer C model / RICOH Network Scanner C model / RICOH Network Facsimile C model',
    );
    expect(find(varbinds, '1.3.6.1.2.1.1.2.0')).toEqual({
      oid: '1.3.6.1.2.1.1.2.0',
      type: 'ObjectIdentifier',
      value: '1.3.6.1.4.1.367.1.1',
    });
    expect(find(varbinds, '1.3.6.1.2.1.1.3.0')).toEqual({
      oid: '1.3.6.1.2.1.1.3.0',
      type: 'TimeTicks',
      value: 950925200,
    });
    expect(text(find(varbinds, '1.3.6.1.2.1.1.4.0'))).toBe('');
    expect(text(find(varbinds, '1.3.6.1.2.1.1.5.0'))).toBe('Aficio MP 171');
    expect(text(find(varbinds, '1.3.6.1.2.1.1.6.0'))).toBe('C0172');
    expect(find(varbinds, '1.3.6.1.2.1.1.7.0')).toEqual({
      oid: '1.3.6.1.2.1.1.7.0',
      type: 'Integer',
      value: 76,
    });
  });

  it('reads the numeric iso. spelling of glpi-agent sample3.walk', () => {
    const varbinds = parseWalk('sample3.walk', readFixture('glpi-agent/sample3.walk'));
    expect(text(find(varbinds, '1.3.6.1.2.1.1.1.0'))).toBe(
      'EPSON Built-in 10Base-T/100Base-TX Print Server',
    );
    expect(find(varbinds, '1.3.6.1.2.1.1.2.0')?.value).toBe(
      '1.3.6.1.4.1.1248.1.1.2.1.3.7.65.76.45.67.88.49.49',
    );
    expect(text(find(varbinds, '1.3.6.1.2.1.1.4.0'))).toBe('');
    expect(text(find(varbinds, '1.3.6.1.2.1.1.5.0'))).toBe('AL-CX11-CF9D9F');
    expect(text(find(varbinds, '1.3.6.1.2.1.2.2.1.2.1'))).toBe(
      'AL-CX11 Hard Ver.1.00 Firm Ver.2.30',
    );
  });

  it('reads multi-line strings, Hex-STRING, enums, BITS and skips missing objects', () => {
    const varbinds = parseSnmpwalk(
      [
        'SNMPv2-MIB::sysDescr.0 = STRING: first line',
        'second line',
        '.1.3.6.1.2.1.1.5.0 = STRING: "quoted \\"name\\"',
        'continues"',
        'IF-MIB::ifPhysAddress.1 = Hex-STRING: 00 17 C8 62 ',
        '12 64 ',
        'HOST-RESOURCES-MIB::hrPrinterStatus.1 = INTEGER: idle(3)',
        'HOST-RESOURCES-MIB::hrPrinterDetectedErrorState.1 = BITS: 04 00 jammed(5) ',
        'HOST-RESOURCES-MIB::hrDeviceType.1 = OID: HOST-RESOURCES-TYPES::hrDevicePrinter',
        'Printer-MIB::prtMarkerSuppliesLevel.1.1 = INTEGER: -3',
        'Printer-MIB::prtMarkerLifeCount.1.1 = Counter32: 12345',
        'SNMPv2-SMI::enterprises.1347.42.2.1.1.1.6.1.1 = Wrong Type (should be Counter32): INTEGER: 42',
        'SNMPv2-SMI::enterprises.1347.43.10.1.1.12.1.1 = No Such Object available on this agent at this OID',
        'iso.3.6.1.2.1.4.20.1.1.10.0.0.1 = IpAddress: 10.0.0.1',
        'iso.3.6.1.2.1.31.1.1.1.6.1 = Counter64: 18446744073709551615',
      ].join('\n'),
    );
    expect(text(find(varbinds, '1.3.6.1.2.1.1.1.0'))).toBe('first line\nsecond line');
    expect(text(find(varbinds, '1.3.6.1.2.1.1.5.0'))).toBe('quoted "name"\ncontinues');
    expect(
      bytesToHex(
        (find(varbinds, '1.3.6.1.2.1.2.2.1.6.1')?.value as Uint8Array) ?? new Uint8Array(),
      ),
    ).toBe('0017c8621264');
    expect(find(varbinds, '1.3.6.1.2.1.25.3.5.1.1.1')?.value).toBe(3);
    expect(find(varbinds, '1.3.6.1.2.1.25.3.5.1.2.1')?.value).toEqual(new Uint8Array([4, 0]));
    expect(find(varbinds, '1.3.6.1.2.1.25.3.2.1.2.1')?.value).toBe('1.3.6.1.2.1.25.3.1.5');
    expect(find(varbinds, '1.3.6.1.2.1.43.11.1.1.9.1.1')?.value).toBe(-3);
    expect(find(varbinds, '1.3.6.1.2.1.43.10.2.1.4.1.1')).toEqual({
      oid: '1.3.6.1.2.1.43.10.2.1.4.1.1',
      type: 'Counter32',
      value: 12345,
    });
    expect(find(varbinds, '1.3.6.1.4.1.1347.42.2.1.1.1.6.1.1')?.value).toBe(42);
    expect(find(varbinds, '1.3.6.1.4.1.1347.43.10.1.1.12.1.1')).toBeUndefined();
    expect(find(varbinds, '1.3.6.1.2.1.4.20.1.1.10.0.0.1')?.value).toBe('10.0.0.1');
    expect(find(varbinds, '1.3.6.1.2.1.31.1.1.1.6.1')?.value).toBe(18446744073709551615n);
  });
});

describe('parseBrotherPyJson', () => {
  it('turns numbers, the MAC and the maintenance blobs back into VarBinds', () => {
    const varbinds = parseBrotherPyJson(readFixture('brother-py/dcp-9020cdw.json'));
    expect(find(varbinds, '1.3.6.1.2.1.43.10.2.1.4.1.1')).toEqual({
      oid: '1.3.6.1.2.1.43.10.2.1.4.1.1',
      type: 'Counter32',
      value: 4939,
    });
    expect(find(varbinds, '1.3.6.1.2.1.1.3.0')).toEqual({
      oid: '1.3.6.1.2.1.1.3.0',
      type: 'TimeTicks',
      value: 7251895,
    });
    expect(find(varbinds, '1.3.6.1.2.1.2.2.1.6.1')?.value).toEqual(
      new Uint8Array([0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]),
    );
    const blob = find(varbinds, '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.10.0');
    expect(blob?.type).toBe('OctetString');
    expect((blob?.value as Uint8Array).length).toBe(8 * 7);
    expect(bytesToHex((blob?.value as Uint8Array).slice(0, 7))).toBe('0001040000134b');
    expect(text(find(varbinds, '1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.1.0'))).toBe('E71833C4J372261');
  });
});

describe('parsePrintmasterJson', () => {
  it('uses hex_value for binary strings and keeps the first of duplicate OIDs', () => {
    const varbinds = parsePrintmasterJson(
      readFixture('printmaster/parse_debug_172_52_105_95.json'),
    );
    expect(bytesToHex(find(varbinds, '1.3.6.1.2.1.2.2.1.6.1')?.value as Uint8Array)).toBe(
      '0017c8621264',
    );
    expect(find(varbinds, '1.3.6.1.2.1.1.2.0')?.value).toBe('1.3.6.1.4.1.1347.41');
    expect(text(find(varbinds, '1.3.6.1.2.1.1.4.0'))).toBe('');
    const oids = varbinds.map((varbind) => varbind.oid);
    expect(new Set(oids).size).toBe(oids.length);
  });

  it('reads the array shape', () => {
    const varbinds = parsePrintmasterJson(readFixture('printmaster/kyocera_p2040_snmp.json'));
    expect(find(varbinds, '1.3.6.1.2.1.43.10.2.1.4.1.1')).toEqual({
      oid: '1.3.6.1.2.1.43.10.2.1.4.1.1',
      type: 'Counter32',
      value: 7432,
    });
    expect(text(find(varbinds, '1.3.6.1.2.1.43.5.1.1.17.1'))).toBe('VD21457943');
  });
});

describe('detectWalkFormat', () => {
  it('goes by name, then by shape', () => {
    expect(detectWalkFormat('x.snmprec', '')).toBe('snmprec');
    expect(detectWalkFormat('x.walk', '')).toBe('snmpwalk');
    expect(detectWalkFormat('x.json', '[{"oid":"1.3"}]')).toBe('printmaster-json');
    expect(detectWalkFormat('x.json', '{"raw_pdus": []}')).toBe('printmaster-json');
    expect(detectWalkFormat('x.json', '{"1.3.6.1.2.1.1.3.0": "1"}')).toBe('brother-py-json');
    expect(detectWalkFormat('x', '1.3.6.1.2.1.1.1.0|4|x')).toBe('snmprec');
    expect(detectWalkFormat('x', '.1.3.6.1.2.1.1.1.0 = STRING: x')).toBe('snmpwalk');
  });
});
