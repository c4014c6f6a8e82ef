import { decodeSnapshot } from './snapshot.js';
import { supplyLevel } from './supplies.js';
import { classifySupply, colorFromText, partNumberFromDescription } from './supply-classify.js';
import type { VarBind } from './types.js';

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

describe('colorFromText and partNumberFromDescription', () => {
  it('names colours, the specific ones first', () => {
    expect(colorFromText('CANON Matte Black Ink Tank')).toBe('matteBlack');
    expect(colorFromText('Photo Black')).toBe('photoBlack');
    expect(colorFromText('Light Cyan Ink')).toBe('lightCyan');
    expect(colorFromText('洋紅色碳粉')).toBe('magenta');
    expect(colorFromText('Waste Toner Box')).toBeNull();
    expect(colorFromText('PK-3010S')).toBeNull();
  });

  it('finds order numbers the vendors write into descriptions', () => {
    expect(partNumberFromDescription('Black Toner, PN 006R01509;SN48178080E0000481')).toBe(
      '006R01509',
    );
    expect(partNumberFromDescription('Fuser, PN unknown;SNunknown')).toBeNull();
    expect(partNumberFromDescription('Black Cartridge 827A HP CF300A')).toBe('CF300A');
    expect(partNumberFromDescription('Clean Rollers HP None')).toBeNull();
    expect(partNumberFromDescription('TK-8517K')).toBe('TK-8517K');
    expect(partNumberFromDescription('Black Ink Supply Unit T9441/T9451/T9461')).toBe(
      'T9441/T9451/T9461',
    );
    expect(partNumberFromDescription('Canon Cartridge 719/719H')).toBe('719/719H');
    expect(partNumberFromDescription('Cyan Ink Cartridge SJIC35P-C')).toBe('SJIC35P-C');
  });
});
