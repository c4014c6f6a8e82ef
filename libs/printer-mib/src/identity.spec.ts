import { cleanModel } from './identity.js';
import { decodeSnapshot } from './snapshot.js';
import { decodeText, repairHexDumpArtefact } from './text.js';
import type { VarBind } from './types.js';
import { detectVendor } from './vendors.js';

const str = (oid: string, value: string): VarBind => ({
  oid,
  type: 'OctetString',
  value: new TextEncoder().encode(value),
});
const mac = (row: number, bytes: number[]): VarBind => ({
  oid: `1.3.6.1.2.1.2.2.1.6.${row}`,
  type: 'OctetString',
  value: Uint8Array.from(bytes),
});
const ifType = (row: number, type: number): VarBind => ({
  oid: `1.3.6.1.2.1.2.2.1.3.${row}`,
  type: 'Integer',
  value: type,
});

describe('detectVendor', () => {
  it('goes by enterprise number, with the brand named in the text winning the name', () => {
    expect(
      detectVendor('1.3.6.1.4.1.1347.41', ['KYOCERA Document Solutions Printing System']),
    ).toEqual({ manufacturer: 'Kyocera', family: 'kyocera', enterprise: 1347 });
    expect(detectVendor('1.3.6.1.4.1.1347.41', ['TA_UTAX Printing System'])).toEqual({
      manufacturer: 'UTAX',
      family: 'kyocera',
      enterprise: 1347,
    });
    expect(
      detectVendor('1.3.6.1.4.1.1347.41', [
        'HP ETHERNET MULTI-ENVIRONMENT,ROM J.sp.00,JETDIRECT EX',
      ]),
    ).toMatchObject({ manufacturer: 'HP', family: 'kyocera' });
    expect(
      detectVendor('1.3.6.1.4.1.297.1.11.93.1.35.34.7.1', ['FUJI XEROX ApeosPort-VI C4471']),
    ).toMatchObject({ manufacturer: 'Fuji Xerox', family: 'fujifilm' });
    expect(detectVendor(null, ['RICOH Aficio MP 171'])).toEqual({
      manufacturer: 'Ricoh',
      family: 'ricoh',
      enterprise: null,
    });
    expect(detectVendor('1.3.6.1.4.1.51966.2.6', ['TTP244CE Version: 7.02 EZD'])).toEqual({
      manufacturer: 'TSC',
      family: null,
      enterprise: 51966,
    });
  });
});

describe('identity details', () => {
  it('cleans model names', () => {
    expect(cleanModel('Brother HL-5370DW series [001ba90ba752]', 'Brother')).toBe('HL-5370DW');
    expect(cleanModel('HP LaserJet MFP M130nw', 'HP')).toBe('LaserJet MFP M130nw');
    expect(cleanModel('KONICA MINOLTA bizhub C250i', 'Konica Minolta')).toBe('bizhub C250i');
    expect(cleanModel('Develop ineo+ 280', 'Konica Minolta')).toBe('Develop ineo+ 280');
  });

  it('takes the MAC of the first wired interface with a real address', () => {
    const snapshot = decodeSnapshot([
      ifType(1, 24),
      mac(1, []),
      ifType(2, 71),
      mac(2, [0x00, 0x23, 0x4e, 0xcd, 0xd8, 0xf9]),
      ifType(3, 6),
      mac(3, [0, 0, 0, 0, 0, 0]),
      ifType(4, 6),
      mac(4, [0x00, 0x1b, 0xa9, 0x0b, 0xa7, 0x52]),
    ]);
    expect(snapshot.identity.mac).toBe('00:1b:a9:0b:a7:52');
  });

  it('prefers prtGeneralSerialNumber, then the vendor serial, then sysDescr', () => {
    const sysObjectId: VarBind = {
      oid: '1.3.6.1.2.1.1.2.0',
      type: 'ObjectIdentifier',
      value: '1.3.6.1.4.1.367.1.1',
    };
    expect(
      decodeSnapshot([sysObjectId, str('1.3.6.1.4.1.367.3.2.1.2.1.4.0', 'E216R220016')]).identity
        .serial,
    ).toBe('E216R220016');
    expect(
      decodeSnapshot([
        sysObjectId,
        str('1.3.6.1.2.1.43.5.1.1.17.1', 'W492KB03439'),
        str('1.3.6.1.4.1.367.3.2.1.2.1.4.0', 'OTHER'),
      ]).identity.serial,
    ).toBe('W492KB03439');
    expect(
      decodeSnapshot([
        str('1.3.6.1.2.1.1.1.0', 'HP ETHERNET MULTI-ENVIRONMENT,SN:VNB3J99999,FN:1F31B6C'),
      ]).identity.serial,
    ).toBe('VNB3J99999');
  });

  it('reports uptime in whole seconds from sysUpTime hundredths', () => {
    expect(
      decodeSnapshot([{ oid: '1.3.6.1.2.1.1.3.0', type: 'TimeTicks', value: 950925299 }]).identity
        .uptimeSeconds,
    ).toBe(9509252);
  });
});

describe('text decoding', () => {
  it('reads UTF-8, falls back to Latin-1 and drops control characters', () => {
    expect(decodeText(new TextEncoder().encode('黑色碳粉'))).toBe('黑色碳粉');
    expect(decodeText(Uint8Array.from([0x4b, 0xf6, 0x6c, 0x6e]))).toBe('Köln');
    expect(decodeText(Uint8Array.from([0x01, 0x15, 0x56, 0x4e, 0x00]))).toBe('VN');
  });

  it('rebuilds strings a capture tool split into text plus hex dump', () => {
    const broken = new TextEncoder().encode(
      'Black Cartridge \n38 32 37 41 20 48 50 20 43 46 33 30 30 41 00 ',
    );
    expect(decodeText(repairHexDumpArtefact(broken))).toBe('Black Cartridge 827A HP CF300A');
    const plain = new TextEncoder().encode('Black Cartridge HP CF410A');
    expect(repairHexDumpArtefact(plain)).toBe(plain);
  });
});
