import { decodeSnapshot } from './snapshot.js';
import { supplyLevel } from './supplies.js';
import { classifySupply, colorFromText } from './supply-classify.js';
import { parseSupplyDescription } from './supply-description.js';
import { readFixture } from './test-support/fixtures.js';
import type { VarBind } from './types.js';
import { parseWalk } from './walk-formats/parse-walk.js';

const int = (oid: string, value: number): VarBind => ({ oid, type: 'Integer', value });
const str = (oid: string, value: string): VarBind => ({
  oid,
  type: 'OctetString',
  value: new TextEncoder().encode(value),
});
const SUPPLIES = '1.3.6.1.2.1.43.11.1.1';

describe('supplyLevel', () => {
  it('turns a real level and capacity into a whole percent', () => {
    expect(supplyLevel(7056, 7200)).toEqual({
      level: 7056,
      maxCapacity: 7200,
      percent: 98,
      state: 'ok',
    });
    expect(supplyLevel(0, 100)).toEqual({ level: 0, maxCapacity: 100, percent: 0, state: 'ok' });
  });

  it.each([
    [-1, 'other'],
    [-2, 'unknown'],
    [-3, 'someRemaining'],
  ] as const)('keeps level %i as the state %s, never as a percent', (level, state) => {
    expect(supplyLevel(level, 100)).toEqual({
      level: null,
      maxCapacity: 100,
      percent: null,
      state,
    });
  });

  it('gives no percent when the capacity is a special value or zero', () => {
    expect(supplyLevel(100, -2)).toEqual({
      level: 100,
      maxCapacity: null,
      percent: null,
      state: 'ok',
    });
    expect(supplyLevel(-3, -2)).toEqual({
      level: null,
      maxCapacity: null,
      percent: null,
      state: 'someRemaining',
    });
    expect(supplyLevel(5, 0)).toEqual({ level: 5, maxCapacity: 0, percent: null, state: 'ok' });
  });

  it('takes a level counted in percent(19) as the percent when the capacity is unknown', () => {
    expect(supplyLevel(9, -2, 19)).toEqual({
      level: 9,
      maxCapacity: null,
      percent: 9,
      state: 'ok',
    });
    expect(supplyLevel(9, -1, 19)).toMatchObject({ level: 9, percent: 9 });
    // Another unit with an unknown capacity says nothing about how full the supply is.
    expect(supplyLevel(9, -2, 7)).toMatchObject({ level: 9, percent: null, state: 'ok' });
    expect(supplyLevel(9, -2)).toMatchObject({ level: 9, percent: null, state: 'ok' });
    // A percent above 100 is not a percent.
    expect(supplyLevel(140, -2, 19)).toMatchObject({ level: 140, percent: null });
  });

  it('does not clamp a level above capacity: percent null, state other', () => {
    expect(supplyLevel(150, 100)).toEqual({
      level: 150,
      maxCapacity: 100,
      percent: null,
      state: 'other',
    });
  });

  it('treats a missing level as unknown', () => {
    expect(supplyLevel(undefined, 100)).toEqual({
      level: null,
      maxCapacity: 100,
      percent: null,
      state: 'unknown',
    });
  });
});

describe('supply rows', () => {
  it('takes the colour from the colorant table before the description', () => {
    const snapshot = decodeSnapshot([
      int(`${SUPPLIES}.3.1.1`, 2),
      int(`${SUPPLIES}.5.1.1`, 3),
      str(`${SUPPLIES}.6.1.1`, 'Black Toner'),
      int(`${SUPPLIES}.8.1.1`, 100),
      int(`${SUPPLIES}.9.1.1`, 150),
      str('1.3.6.1.2.1.43.12.1.1.4.1.2', 'cyan'),
    ]);
    expect(snapshot.supplies).toEqual([
      {
        index: '1.1',
        description: 'Black Toner',
        type: 'toner',
        color: 'cyan',
        level: 150,
        maxCapacity: 100,
        percent: null,
        state: 'other',
        partNumber: null,
      },
    ]);
  });
});

describe('vendor supply tables', () => {
  const L = '1.3.6.1.4.1.641.6.4.4.1.1';
  const lexmark: VarBind = {
    oid: '1.3.6.1.2.1.1.2.0',
    type: 'ObjectIdentifier',
    value: '1.3.6.1.4.1.641.1.5.7',
  };

  it('Lexmark: the cartridge serial and part number of LEXMARK-MPS-MIB, matched by name', () => {
    const snapshot = decodeSnapshot([
      lexmark,
      str(`${SUPPLIES}.6.1.1`, 'Black Cartridge'),
      int(`${SUPPLIES}.8.1.1`, 100),
      int(`${SUPPLIES}.9.1.1`, 40),
      str(`${SUPPLIES}.6.1.2`, 'Imaging Unit'),
      int(`${SUPPLIES}.9.1.2`, -3),
      str(`${L}.5.1`, 'Black cartridge'),
      str(`${L}.6.1`, 'CAS12345678'),
      str(`${L}.7.1`, '50F2H00'),
      str(`${L}.5.2`, 'Imaging Unit'),
      str(`${L}.6.2`, ''),
      str(`${L}.7.2`, '50F0Z00'),
    ]);
    expect(snapshot.supplies.map((s) => [s.description, s.partNumber, s.serialNumber])).toEqual([
      ['Black Cartridge', '50F2H00', 'CAS12345678'],
      // A blank serial is "not known" (the MIB's words), not a serial.
      ['Imaging Unit', '50F0Z00', undefined],
    ]);
  });

  it('Lexmark: two vendor rows with one name give no serial rather than a guess', () => {
    const snapshot = decodeSnapshot([
      lexmark,
      str(`${SUPPLIES}.6.1.1`, 'Staples'),
      str(`${L}.5.1`, 'Staples'),
      str(`${L}.6.1`, 'A1'),
      str(`${L}.5.2`, 'Staples'),
      str(`${L}.6.2`, 'B2'),
    ]);
    expect(snapshot.supplies[0]?.serialNumber).toBeUndefined();
  });

  it('reads no vendor table for another vendor', () => {
    const snapshot = decodeSnapshot([
      { ...lexmark, value: '1.3.6.1.4.1.1347.41' },
      str(`${SUPPLIES}.6.1.1`, 'Black Cartridge'),
      str(`${L}.5.1`, 'Black Cartridge'),
      str(`${L}.6.1`, 'CAS12345678'),
    ]);
    expect(snapshot.supplies[0]?.serialNumber).toBeUndefined();
  });
});

describe('classifySupply', () => {
  it('trusts a specific type code and refines transfer units by name', () => {
    expect(classifySupply(9, 'Imaging Unit')).toBe('drum');
    expect(classifySupply(20, 'Transfer Roller')).toBe('transferRoller');
    expect(classifySupply(20, 'Transfer Kit HP D7H14A')).toBe('transferBelt');
    expect(classifySupply(8, 'CANON Waste Ink Tank')).toBe('wasteInk');
  });

  it('falls back to the description for other/unknown or no code', () => {
    expect(classifySupply(1, 'Tray 1 Retard Roller Life')).toBe('maintenanceKit');
    expect(classifySupply(undefined, 'Transfer Belt Cleaner, PN 001R00613')).toBe('cleaner');
    expect(classifySupply(undefined, 'Second Bias Transfer Roll')).toBe('transferRoller');
    expect(classifySupply(undefined, '廢棄碳粉')).toBe('wasteToner');
    expect(classifySupply(undefined, '黑色碳粉')).toBe('toner');
    expect(classifySupply(undefined, 'Maintenance Box SJMB6000/6500')).toBe('wasteInk');
    expect(classifySupply(2, 'Ozone Filter')).toBe('other');
  });
});

describe('colorFromText', () => {
  it('names colours, the specific ones first', () => {
    expect(colorFromText('CANON Matte Black Ink Tank')).toBe('matteBlack');
    expect(colorFromText('Photo Black')).toBe('photoBlack');
    expect(colorFromText('Light Cyan Ink')).toBe('lightCyan');
    expect(colorFromText('洋紅色碳粉')).toBe('magenta');
    expect(colorFromText('Waste Toner Box')).toBeNull();
    expect(colorFromText('PK-3010S')).toBeNull();
  });
});

describe('parseSupplyDescription', () => {
  const parts = (description: string) => {
    const parsed = parseSupplyDescription(description);
    return [parsed.name, parsed.partNumber, parsed.serialNumber];
  };

  it('splits Xerox `, PN <part>;SN<serial>` and drops `unknown`', () => {
    expect(parts('Black Toner, PN 006R01509;SN48178080E0000481')).toEqual([
      'Black Toner',
      '006R01509',
      '48178080E0000481',
    ]);
    expect(parts('Drum Cartridge (R1), PN 013R00662;SN5238EF80E000048E')).toEqual([
      'Drum Cartridge (R1)',
      '013R00662',
      '5238EF80E000048E',
    ]);
    expect(parts('Fuser, PN unknown;SNunknown')).toEqual(['Fuser', null, null]);
    expect(parts('Second Bias Transfer Roll, PN 008R13064;SNunknown')).toEqual([
      'Second Bias Transfer Roll',
      '008R13064',
      null,
    ]);
  });

  it('cuts HP order numbers, including voltage variants and `None`', () => {
    expect(parts('Black Cartridge 827A HP CF300A')).toEqual([
      'Black Cartridge 827A',
      'CF300A',
      null,
    ]);
    expect(parts('Fuser Kit HP 110V-C1N54A, 220V-C1N58A')).toEqual([
      'Fuser Kit',
      '110V-C1N54A, 220V-C1N58A',
      null,
    ]);
    expect(parts('Clean Rollers HP None')).toEqual(['Clean Rollers', null, null]);
  });

  it("drops OKI's maker tag and Samsung's empty CRUM serial", () => {
    expect(parts('Black Image Drum Unit OKI DATA CORP')).toEqual([
      'Black Image Drum Unit',
      null,
      null,
    ]);
    expect(parts('Black Toner Cartridge S/N:CRUM-')).toEqual(['Black Toner Cartridge', null, null]);
    expect(parts('Fuser S/N:')).toEqual(['Fuser', null, null]);
    expect(parts('Black Toner Cartridge S/N:CRUM-14071712345')).toEqual([
      'Black Toner Cartridge',
      null,
      'CRUM-14071712345',
    ]);
  });

  it('keeps Epson, Canon and Kyocera order numbers apart from the name', () => {
    expect(parts('Black Ink Supply Unit T9441/T9451/T9461')).toEqual([
      'Black Ink Supply Unit',
      'T9441/T9451/T9461',
      null,
    ]);
    expect(parts('Cyan Ink Cartridge SJIC35P-C')).toEqual([
      'Cyan Ink Cartridge',
      'SJIC35P-C',
      null,
    ]);
    expect(parts('Canon Cartridge 719/719H')).toEqual(['Canon Cartridge', '719/719H', null]);
    // A description that is only the kit name stays the name.
    expect(parts('TK-8517K')).toEqual(['TK-8517K', 'TK-8517K', null]);
  });

  it('leaves plain names alone, including words that start with SN', () => {
    expect(parts('Waste Toner Box')).toEqual(['Waste Toner Box', null, null]);
    expect(parts('Toner SNAP')).toEqual(['Toner SNAP', null, null]);
    expect(parts('黑色碳粉')).toEqual(['黑色碳粉', null, null]);
  });
});

describe('supply names on the real walks', () => {
  const supplies = (file: string) =>
    decodeSnapshot(parseWalk(file, readFixture(file))).supplies.map((supply) => [
      supply.description,
      supply.partNumber,
      supply.serialNumber ?? null,
    ]);

  it('Xerox WorkCentre (librenms/xerox.snmprec): name, part number and chip serial apart', () => {
    expect(supplies('librenms/xerox.snmprec').slice(0, 2)).toEqual([
      ['Black Toner', '006R01509', '48178080E0000481'],
      ['Cyan Toner', '006R01512', '461E7A80E0000489'],
    ]);
  });

  it('HP M880 (librenms/jetdirect_m880.snmprec): HP order numbers out of the names', () => {
    expect(supplies('librenms/jetdirect_m880.snmprec').slice(8, 12)).toEqual([
      ['Transfer Kit', 'D7H14A', null],
      ['Fuser Kit', '110V-C1N54A, 220V-C1N58A', null],
      ['Document Feeder Kit', 'C1P70A', null],
      ['Clean Rollers', null, null],
    ]);
  });

  it('OKI C9450 (librenms/okilan_9450g.snmprec) and Samsung M4080FX: no maker tag, no empty serial', () => {
    expect(supplies('librenms/okilan_9450g.snmprec')[0]).toEqual([
      'Black Toner Cartridge',
      null,
      null,
    ]);
    expect(supplies('librenms/samsungprinter_m4080fx.snmprec').slice(0, 2)).toEqual([
      ['Black Toner Cartridge', null, null],
      ['Fuser', null, null],
    ]);
  });
});
