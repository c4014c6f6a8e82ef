import { decodeDeviceIdentity } from './identity.js';
import { decodeSnapshot } from './snapshot.js';
import {
  IDENTITY_PROBE_OIDS,
  identityPlan,
  isPrinter,
  pollPlan,
  PRINTER_DETECTION_OIDS,
  PRINTER_PRESENCE_NEXT_OIDS,
  STANDARD_POLL_SUBTREES,
} from './poll-plan.js';
import { FIXTURE_EXPECTATIONS } from './test-support/fixture-expectations.js';
import { listFixtureFiles, readFixture } from './test-support/fixtures.js';
import type { VarBind } from './types.js';
import { compareOids, isUnderOid } from './walk-formats/oid.js';
import { parseWalk } from './walk-formats/parse-walk.js';

const probeOf = (file: string): VarBind[] => {
  const wanted = new Set(IDENTITY_PROBE_OIDS);
  return parseWalk(file, readFixture(file)).filter((varbind) => wanted.has(varbind.oid));
};

describe('pollPlan', () => {
  it('adds the vendor subtrees of the detected family to the standard ones', () => {
    const plan = pollPlan(probeOf('printmaster/parse_debug_172_52_105_95.json'));
    expect(plan.subtrees).toEqual(
      expect.arrayContaining([...STANDARD_POLL_SUBTREES, '1.3.6.1.4.1.1347.42.3.1']),
    );
    expect(plan.scalars).toEqual(
      expect.arrayContaining([
        ...IDENTITY_PROBE_OIDS,
        '1.3.6.1.4.1.1347.43.10.1.1.12.1.1',
        '1.3.6.1.4.1.1347.43.5.1.1.28.1',
      ]),
    );
    expect(new Set(plan.scalars).size).toBe(plan.scalars.length);
  });

  it('plans only standard subtrees for an unknown vendor', () => {
    const plan = pollPlan([
      { oid: '1.3.6.1.2.1.1.2.0', type: 'ObjectIdentifier', value: '1.3.6.1.4.1.99999.1' },
    ]);
    expect(plan.subtrees).toEqual([...STANDARD_POLL_SUBTREES]);
  });

  it.each([
    'printmaster/parse_debug_172_52_105_95.json',
    'printmaster/kyocera_p2040_snmp.json',
    'printmaster/parse_debug_172_52_105_91.json',
    'printmaster/epson_cw_snmp.json',
    'librenms/sharp.snmprec',
    'librenms/jetdirect_m130nw.snmprec',
    'librenms/zebra.snmprec',
  ])('keeps a full poll of %s to a few hundred varbinds', (file) => {
    const all = parseWalk(file, readFixture(file));
    const plan = pollPlan(probeOf(file));
    const fetched = all.filter(
      (varbind) =>
        plan.scalars.includes(varbind.oid) ||
        plan.subtrees.some((subtree) => isUnderOid(varbind.oid, subtree)),
    );
    expect(fetched.length).toBeGreaterThan(10);
    expect(fetched.length).toBeLessThan(600);
  });
});

describe('a poll that follows the plan', () => {
  const polled = (all: VarBind[]): VarBind[] => {
    const plan = pollPlan(probeOf2(all));
    return all.filter(
      (varbind) =>
        plan.scalars.includes(varbind.oid) ||
        plan.subtrees.some((subtree) => isUnderOid(varbind.oid, subtree)),
    );
  };
  const probeOf2 = (all: VarBind[]) =>
    all.filter((varbind) => IDENTITY_PROBE_OIDS.includes(varbind.oid));

  // The brother-py maps and the @Jetdirect context halves hold no sysObjectID (they are not whole
  // walks), nor do the sysDescr-only OS-detection files; a probe of those cannot name the vendor.
  const walks = listFixtureFiles().filter((file) =>
    parseWalk(file, readFixture(file)).some((varbind) => varbind.oid === '1.3.6.1.2.1.1.2.0'),
  );

  it('covers the real walks', () => {
    expect(walks.length).toBe(66);
  });

  it.each(walks)('decodes %s exactly as the whole walk does', (file) => {
    const all = parseWalk(file, readFixture(file));
    expect(decodeSnapshot(polled(all))).toEqual(decodeSnapshot(all));
  });
});

describe('isPrinter', () => {
  it('needs a Printer-MIB value or an hrDevicePrinter row', () => {
    expect(isPrinter([{ oid: '1.3.6.1.2.1.43.10.2.1.4.1.1', type: 'Counter32', value: 5 }])).toBe(
      true,
    );
    expect(
      isPrinter([
        {
          oid: '1.3.6.1.2.1.25.3.2.1.2.3',
          type: 'ObjectIdentifier',
          value: '1.3.6.1.2.1.25.3.1.5',
        },
      ]),
    ).toBe(true);
    expect(
      isPrinter([
        {
          oid: '1.3.6.1.2.1.25.3.2.1.2.1',
          type: 'ObjectIdentifier',
          value: '1.3.6.1.2.1.25.3.1.3',
        },
      ]),
    ).toBe(false);
    expect(isPrinter([{ oid: '1.3.6.1.2.1.43.5.1.1.17.1', type: 'Null', value: null }])).toBe(
      false,
    );
    expect(
      isPrinter([
        {
          oid: '1.3.6.1.2.1.1.1.0',
          type: 'OctetString',
          value: new TextEncoder().encode('Linux server'),
        },
      ]),
    ).toBe(false);
  });

  it('takes a sysObjectID under a printer arc as a printer, and nothing else', () => {
    const objectId = (value: string): VarBind[] => [
      { oid: '1.3.6.1.2.1.1.2.0', type: 'ObjectIdentifier', value },
    ];
    // Xerox AltaLink (librenms/xerox.snmprec), Kyocera, Zebra, HP JetDirect, a Dell printer.
    for (const printer of [
      '1.3.6.1.4.1.253.8.62.1.35.2.3.1.1',
      '1.3.6.1.4.1.1347.41',
      '1.3.6.1.4.1.10642.1.1',
      '1.3.6.1.4.1.11.2.3.9.1',
      '1.3.6.1.4.1.674.10898.10.52.1094473223',
    ])
      expect(isPrinter(objectId(printer))).toBe(true);
    // net-snmp on Linux, an HP ProCurve switch, a Dell server, and the Epson projector and
    // scan server recorded by LibreNMS (tests/snmpsim/epson-projector_eb-4770w.snmprec,
    // epson-scanner_ds-860.snmprec).
    for (const other of [
      '1.3.6.1.4.1.8072.3.2.10',
      '1.3.6.1.4.1.11.2.3.7.11.45',
      '1.3.6.1.4.1.674.10892.2',
      '1.3.6.1.4.1.1248.4.1',
      '1.3.6.1.4.1.1248.1.1.2.1.3.22.78.101.116.119.111.114.107.32.73.110.116.101.114.102.97.99.101.32.85.110.105.116',
      '1.3.6.1.4.1.13470',
    ])
      expect(isPrinter(objectId(other))).toBe(false);
  });

  it('takes a sysDescr printers write as a printer (LibreNMS OS detection rules)', () => {
    const sysDescr = (value: string): VarBind[] => [
      { oid: '1.3.6.1.2.1.1.1.0', type: 'OctetString', value: new TextEncoder().encode(value) },
    ];
    for (const printer of [
      'SHARP MX-2614N',
      'Dell Color Laser',
      'Dell B3460dn Laser Printer version NH5.CY.N543 kernel 3.0.0 All-N-1',
      'Samsung CLX-3170 Series;V1.00.01.64 Sep-27-2010',
      'Canon MF',
      'TOSHIBA e-STUDIO2505AC',
    ])
      expect(isPrinter(sysDescr(printer))).toBe(true);
    for (const other of [
      'Linux fileserver 6.1.0 x86_64',
      'Dell EMC Networking OS10 Enterprise',
      'SHARP AQUOS',
      'Canon VB-H45',
    ])
      expect(isPrinter(sysDescr(other))).toBe(false);
  });

  describe('from the discovery GET and GETNEXT alone', () => {
    const discoveryRead = (all: VarBind[]): VarBind[] => {
      const detection = new Set(PRINTER_DETECTION_OIDS);
      const next = PRINTER_PRESENCE_NEXT_OIDS.flatMap((oid) => {
        const found = all.find((varbind) => compareOids(varbind.oid, oid) > 0);
        return found ? [found] : [];
      });
      return [...all.filter((varbind) => detection.has(varbind.oid)), ...next];
    };

    it('detects the partial Printer-MIB of the Xerox AltaLink (supplies only)', () => {
      const all = parseWalk('librenms/xerox.snmprec', readFixture('librenms/xerox.snmprec'));
      const withoutObjectId = all.filter((varbind) => varbind.oid !== '1.3.6.1.2.1.1.2.0');
      expect(isPrinter(withoutObjectId.filter((v) => PRINTER_DETECTION_OIDS.includes(v.oid)))).toBe(
        false,
      );
      expect(isPrinter(discoveryRead(withoutObjectId))).toBe(true);
    });

    it.each(listFixtureFiles())('decides %s as the whole walk and its expectation do', (file) => {
      const all = parseWalk(file, readFixture(file));
      expect(isPrinter(discoveryRead(all))).toBe(isPrinter(all));
      expect(isPrinter(all)).toBe(FIXTURE_EXPECTATIONS[file]?.printer);
    });
  });
});

describe('identityPlan', () => {
  // Every file, the brother-py maps and sysDescr-only recordings included: the probe's 1284
  // device ids name the maker when sysObjectID is missing.
  it.each(listFixtureFiles())(
    'names %s from the identity read exactly as from the whole walk',
    (file) => {
      const all = parseWalk(file, readFixture(file));
      const probe = all.filter((varbind) => IDENTITY_PROBE_OIDS.includes(varbind.oid));
      const plan = identityPlan(probe);
      const read = all.filter(
        (varbind) =>
          plan.scalars.includes(varbind.oid) ||
          plan.subtrees.some((subtree) => isUnderOid(varbind.oid, subtree)),
      );
      expect(decodeDeviceIdentity(read)).toEqual(decodeSnapshot(all).identity);
      expect(plan.subtrees.every((subtree) => pollPlan(probe).subtrees.includes(subtree))).toBe(
        true,
      );
      expect(plan.scalars.every((oid) => pollPlan(probe).scalars.includes(oid))).toBe(true);
    },
  );
});
