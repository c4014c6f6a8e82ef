import { decodeSnapshot } from './snapshot.js';
import {
  IDENTITY_PROBE_OIDS,
  isPrinter,
  pollPlan,
  PRINTER_DETECTION_OIDS,
  STANDARD_POLL_SUBTREES,
} from './poll-plan.js';
import { listFixtureFiles, readFixture } from './test-support/fixtures.js';
import type { VarBind } from './types.js';
import { isUnderOid } from './walk-formats/oid.js';
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

  it('answers from the discovery OIDs alone for every full fixture printer', () => {
    const detection = new Set(PRINTER_DETECTION_OIDS);
    const detected = listFixtureFiles().filter((file) =>
      isPrinter(parseWalk(file, readFixture(file)).filter((varbind) => detection.has(varbind.oid))),
    );
    // Every recording with the Printer-MIB, except those trimmed to supplies only.
    expect(detected).toEqual(
      expect.arrayContaining([
        'librenms/sharp.snmprec',
        'printmaster/epson_sc_snmp.json',
        'brother-py/dcp-9020cdw.json',
      ]),
    );
    expect(detected).not.toContain('librenms/kyocera.snmprec');
  });
});
