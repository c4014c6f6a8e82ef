import { ENTERPRISES } from './oids.js';

/** The MIB families the decoder knows: which vendor-private OIDs apply to a device. */
export type VendorFamily =
  | 'kyocera'
  | 'ricoh'
  | 'xerox'
  | 'fujifilm'
  | 'canon'
  | 'hp'
  | 'konicaMinolta'
  | 'sharp'
  | 'brother'
  | 'lexmark'
  | 'toshiba'
  | 'samsung'
  | 'epson'
  | 'oki'
  | 'dell'
  | 'zebra';

type FamilyInfo = { family: VendorFamily; name: string };

/** IANA enterprise number → MIB family and the manufacturer name it implies. */
const ENTERPRISE_FAMILIES: Record<number, FamilyInfo> = {
  1347: { family: 'kyocera', name: 'Kyocera' },
  367: { family: 'ricoh', name: 'Ricoh' },
  253: { family: 'xerox', name: 'Xerox' },
  297: { family: 'fujifilm', name: 'Fujifilm' },
  1602: { family: 'canon', name: 'Canon' },
  11: { family: 'hp', name: 'HP' },
  29999: { family: 'hp', name: 'HP' },
  26696: { family: 'hp', name: 'HP' },
  18334: { family: 'konicaMinolta', name: 'Konica Minolta' },
  2385: { family: 'sharp', name: 'Sharp' },
  2435: { family: 'brother', name: 'Brother' },
  641: { family: 'lexmark', name: 'Lexmark' },
  1129: { family: 'toshiba', name: 'Toshiba' },
  236: { family: 'samsung', name: 'Samsung' },
  1248: { family: 'epson', name: 'Epson' },
  2001: { family: 'oki', name: 'OKI' },
  674: { family: 'dell', name: 'Dell' },
  683: { family: 'zebra', name: 'Zebra' },
  10642: { family: 'zebra', name: 'Zebra' },
};

/**
 * Makers known by enterprise number whose private MIB the decoder does not read. TSC label
 * printers: LibreNMS resources/definitions/os_detection/tsc.yaml ("TSC Printer", 51966).
 */
const ENTERPRISE_NAMES: Record<number, string> = { 51966: 'TSC' };

/**
 * Brand names as devices write them in sysDescr / hrDeviceDescr, most specific first.
 * OEM brands (Develop, Gestetner, Lanier, Savin, NRG, UTAX) keep their own name as the
 * manufacturer but use the OEM's MIB family.
 */
const BRANDS: { pattern: RegExp; name: string; family: VendorFamily }[] = [
  { pattern: /\bFUJI\s*XEROX\b/i, name: 'Fuji Xerox', family: 'fujifilm' },
  { pattern: /\bFUJIFILM\b/i, name: 'Fujifilm', family: 'fujifilm' },
  { pattern: /\bXEROX\b/i, name: 'Xerox', family: 'xerox' },
  { pattern: /\bKONICA[\s_-]*MINOLTA\b/i, name: 'Konica Minolta', family: 'konicaMinolta' },
  { pattern: /^DEVELOP\b/i, name: 'Develop', family: 'konicaMinolta' },
  { pattern: /\bKYOCERA\b/i, name: 'Kyocera', family: 'kyocera' },
  { pattern: /UTAX/i, name: 'UTAX', family: 'kyocera' },
  { pattern: /\bTriumph-Adler\b/i, name: 'TA Triumph-Adler', family: 'kyocera' },
  { pattern: /\bRICOH\b/i, name: 'Ricoh', family: 'ricoh' },
  { pattern: /\bGESTETNER\b/i, name: 'Gestetner', family: 'ricoh' },
  { pattern: /\bLANIER\b/i, name: 'Lanier', family: 'ricoh' },
  { pattern: /\bSAVIN\b/i, name: 'Savin', family: 'ricoh' },
  { pattern: /^NRG\b/i, name: 'NRG', family: 'ricoh' },
  { pattern: /\bCANON\b/i, name: 'Canon', family: 'canon' },
  { pattern: /\bHewlett[\s-]*Packard\b|^HP\b|\bJETDIRECT\b/i, name: 'HP', family: 'hp' },
  { pattern: /\bSHARP\b/i, name: 'Sharp', family: 'sharp' },
  { pattern: /\bBROTHER\b/i, name: 'Brother', family: 'brother' },
  { pattern: /\bLEXMARK\b/i, name: 'Lexmark', family: 'lexmark' },
  { pattern: /\bTOSHIBA\b/i, name: 'Toshiba', family: 'toshiba' },
  { pattern: /\bSAMSUNG\b/i, name: 'Samsung', family: 'samsung' },
  { pattern: /\bEPSON\b/i, name: 'Epson', family: 'epson' },
  { pattern: /^OKI\b|\bOKI DATA\b/i, name: 'OKI', family: 'oki' },
  { pattern: /^DELL\b/i, name: 'Dell', family: 'dell' },
  { pattern: /\bZEBRA/i, name: 'Zebra', family: 'zebra' },
];

export type VendorMatch = {
  /** Normalised manufacturer name, e.g. `Kyocera`, `Fuji Xerox`, `UTAX`. */
  manufacturer: string | null;
  /** The MIB family whose private OIDs are read, or null for a standard-only device. */
  family: VendorFamily | null;
  enterprise: number | null;
};

/** `1.3.6.1.4.1.1347.41` → 1347. */
export function enterpriseNumber(sysObjectId: string | null): number | null {
  if (!sysObjectId?.startsWith(`${ENTERPRISES}.`)) return null;
  const arc = sysObjectId.slice(ENTERPRISES.length + 1).split('.')[0];
  return arc === undefined || arc === '' ? null : Number(arc);
}

export function brandFromText(text: string | null): { name: string; family: VendorFamily } | null {
  if (!text) return null;
  for (const brand of BRANDS)
    if (brand.pattern.test(text)) return { name: brand.name, family: brand.family };
  return null;
}

/**
 * The enterprise number of sysObjectID decides first. A brand named in sysDescr or
 * hrDeviceDescr wins the *name* when it differs, because OEM and print-server boxes live
 * under another maker's enterprise (an HP JetDirect EX under Kyocera's 1347.41, a Toshiba
 * e-STUDIO under Lexmark's 641, UTAX under Kyocera). The MIB family stays the enterprise's,
 * since that decides which private OIDs the firmware implements.
 */
export function detectVendor(sysObjectId: string | null, texts: (string | null)[]): VendorMatch {
  const enterprise = enterpriseNumber(sysObjectId);
  const byEnterprise = enterprise === null ? undefined : ENTERPRISE_FAMILIES[enterprise];
  const brand = texts.map(brandFromText).find((match) => match !== null) ?? null;
  if (byEnterprise) {
    return {
      manufacturer: brand?.name ?? byEnterprise.name,
      family: byEnterprise.family,
      enterprise,
    };
  }
  return {
    manufacturer:
      brand?.name ?? (enterprise === null ? null : (ENTERPRISE_NAMES[enterprise] ?? null)),
    family: brand?.family ?? null,
    enterprise,
  };
}

/**
 * sysObjectID subtrees whose devices are printers, from glpi-agent's `share/sysobject.ids`
 * (rows typed PRINTER, commit 77f7cdda). Narrowed where the same enterprise also names other
 * devices: HP only under its net-peripheral arc 11.2.3.9 and 11.1, Dell only under its printer
 * arcs 674.10898 and 674.100 (674 alone is Dell's servers). Epson's 1248 is left out: LibreNMS
 * records a projector (`1248.4.1`, tests/snmpsim/epson-projector_eb-4770w.snmprec) and a scan
 * server (`1248.1.1.2.1.3.22…`, epson-scanner_ds-860.snmprec) under it.
 */
export const PRINTER_OBJECT_ID_PREFIXES: readonly string[] = [
  '11.1',
  '11.2.3.9',
  '29999',
  '236',
  '253',
  '297',
  '367',
  '641',
  '674.100',
  '674.10898',
  '683',
  '1129',
  '1347',
  '1602',
  '2001',
  '2385',
  '2435',
  '10642',
  '18334',
  // TSC label printers: LibreNMS resources/definitions/os_detection/tsc.yaml (type printer).
  '51966',
].map((arc) => `${ENTERPRISES}.${arc}`);

/**
 * sysDescr texts of printers, for agents whose sysObjectID says nothing: LibreNMS's OS
 * detection rules of type printer (resources/definitions/os_detection/{canonprinter,dell-laser,
 * samsungprinter,sharp,toshiba-tec}.yaml at 4ab87302; a string is "sysDescr contains").
 */
const PRINTER_SYSDESCR_RULES: readonly (string | RegExp)[] = [
  'Canon MF',
  'Canon iR',
  'Canon iP',
  'Canon TM',
  'Canon TX',
  'Dell Color Laser',
  'Dell Laser Printer',
  /^Dell.*(MFP|Printer|Laser)/,
  'Samsung C',
  'Samsung S',
  'Samsung ML',
  'Samsung M4080FX',
  'Samsung X',
  /SHARP (BP|MX)-/,
  'TOSHIBA e-STUDIO',
];

/** sysDescr is one a printer writes (see PRINTER_SYSDESCR_RULES). */
export function isPrinterSysDescr(sysDescr: string | null): boolean {
  if (!sysDescr) return false;
  return PRINTER_SYSDESCR_RULES.some((rule) =>
    typeof rule === 'string' ? sysDescr.includes(rule) : rule.test(sysDescr),
  );
}

/** sysObjectID names a printer maker's printer arc (see PRINTER_OBJECT_ID_PREFIXES). */
export function isPrinterObjectId(sysObjectId: string | null): boolean {
  if (!sysObjectId) return false;
  return PRINTER_OBJECT_ID_PREFIXES.some(
    (prefix) => sysObjectId === prefix || sysObjectId.startsWith(`${prefix}.`),
  );
}

export function familyForEnterprise(enterprise: number): VendorFamily | null {
  return ENTERPRISE_FAMILIES[enterprise]?.family ?? null;
}
