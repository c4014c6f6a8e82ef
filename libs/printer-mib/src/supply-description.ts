/** What a vendor packs into prtMarkerSuppliesDescription, taken apart. */
export type SupplyDescription = {
  /** The supply's name as a dealer reads it, without order number, cartridge serial or maker tag. */
  name: string;
  partNumber: string | null;
  /** The cartridge's own serial (its CRUM / chip id), when the description carries one. */
  serialNumber: string | null;
};

/**
 * A cartridge serial at the end of the description: Xerox `…;SN48178080E0000481`
 * (`SNunknown` when the chip has none), Samsung `… S/N:CRUM-…` (cut to `S/N:CRUM-` or `S/N:`
 * in the LibreNMS recordings).
 */
const SERIAL = /(?:^|[\s,;])(S\/N:?|SN:?)\s*([A-Za-z0-9][A-Za-z0-9-]*)?\s*$/;

/**
 * Order numbers, most specific first. `match[0]` is what leaves the name, `match[1]` the part
 * number. Xerox's `, PN` suffix is cut the same way by LibreNMS
 * (LibreNMS/Modules/PrinterSupplies.php, "trim part & serial number from devices that include it").
 */
const PART_NUMBERS: RegExp[] = [
  /,?\s*\bP\/?N[:\s]+([A-Z0-9][A-Z0-9-]{3,})\s*;?\s*$/i, // Xerox "Black Toner, PN 006R01509"
  // HP "… HP CF410A", "Fuser Kit HP 110V-C1N54A, 220V-C1N58A", "Clean Rollers HP None"
  /\s+HP\s+(None|(?:\d{3}V-)?[A-Z0-9]*\d[A-Z0-9]*(?:,\s*(?:\d{3}V-)?[A-Z0-9]*\d[A-Z0-9]*)*)(?=\s|$)/,
  /^((?:TK|PK|DK|MK|WT)-\d+\w*)\b/, // Kyocera / UTAX kit names (the whole description)
  /\s+(T\d[0-9A-Z]{3,5}(?:\/T\d[0-9A-Z]{3,5})*)\b/, // Epson "… T9441/T9451/T9461", "T08M1"
  /\s+(SJ(?:IC|MB)[0-9A-Z]+(?:-[A-Z]+)?(?:\/\d+)?)\b/, // Epson label printers "SJIC35P-BK"
  /(?<=\bCartridge)\s+(\d{3}[A-Z]?(?:\/\d{3}[A-Z]{0,2})*)\b/i, // Canon "Cartridge 719/719H"
];

/** A maker's name appended to every row (OKI `Cyan Toner Cartridge OKI DATA CORP`). */
const MAKER_SUFFIX = /\s+OKI DATA CORP$/i;

const NOT_A_VALUE = /^(unknown|none)$/i;

/**
 * Splits a supply description into its name, order number and cartridge serial. A description
 * that is nothing but an order number (Kyocera `TK-8517C`) keeps it as its name too.
 */
export function parseSupplyDescription(description: string): SupplyDescription {
  let name = description.trim();
  let serialNumber: string | null = null;
  const serial = SERIAL.exec(name);
  if (serial && isSerialField(serial[1] ?? '', serial[2])) {
    serialNumber = realValue(serial[2]);
    name = name.slice(0, serial.index).replace(/[\s,;]+$/, '');
  }
  let partNumber: string | null = null;
  for (const pattern of PART_NUMBERS) {
    const found = pattern.exec(name);
    if (!found) continue;
    partNumber = realValue(found[1]);
    const rest = `${name.slice(0, found.index)} ${name.slice(found.index + found[0].length)}`;
    name = tidy(rest) || name;
    break;
  }
  name = name.replace(MAKER_SUFFIX, '');
  return { name: tidy(name) || description.trim(), partNumber, serialNumber };
}

/** `S/N:` always marks a serial; a bare `SN` only with a value that is one (not `…SNAP`). */
function isSerialField(label: string, value: string | undefined): boolean {
  return (
    label.startsWith('S/N') ||
    (value !== undefined && (/\d/.test(value) || NOT_A_VALUE.test(value)))
  );
}

/** A serial or part number is real when it is not a placeholder and names something (a digit). */
function realValue(value: string | undefined): string | null {
  if (!value || NOT_A_VALUE.test(value) || !/\d/.test(value)) return null;
  return value;
}

function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;]+|[\s,;]+$/g, '')
    .trim();
}
