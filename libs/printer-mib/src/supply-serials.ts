import type { VarBindIndex } from './varbind-index.js';
import type { VendorFamily } from './vendors.js';

/** What a vendor's own supplies table says about one cartridge. */
export type VendorSupplyIds = { serialNumber: string | null; partNumber: string | null };

/**
 * LEXMARK-MPS-MIB currentSuppliesTable (`641.6.4.4.1.1`): description `.5`,
 * currentSupplySerialNumber `.6` ("the serial number (if known) of this supply; if not known,
 * this field should be blank"), currentSupplyPartNumber `.7` (OIDs as check_printer_health's
 * GLPlugin MibsAndOids/LEXMARKMPSMIB.pm lists them).
 */
export const LEXMARK_CURRENT_SUPPLIES = '1.3.6.1.4.1.641.6.4.4.1.1';

/**
 * A lookup from a Printer-MIB supply description to the vendor table's serial and part number.
 * The two tables share no index, so a row is matched by its description, and only when exactly
 * one vendor row carries it (two identical names would be a guess).
 */
export function vendorSupplyIds(
  index: VarBindIndex,
  family: VendorFamily | null,
): (description: string) => VendorSupplyIds | null {
  if (family !== 'lexmark') return () => null;
  const descriptions = index.textColumn(`${LEXMARK_CURRENT_SUPPLIES}.5`);
  const serials = index.textColumn(`${LEXMARK_CURRENT_SUPPLIES}.6`);
  const parts = index.textColumn(`${LEXMARK_CURRENT_SUPPLIES}.7`);
  const byName = new Map<string, VendorSupplyIds | 'ambiguous'>();
  for (const [row, description] of descriptions) {
    const key = nameKey(description);
    const ids = {
      serialNumber: blankToNull(serials.get(row)),
      partNumber: blankToNull(parts.get(row)),
    };
    byName.set(key, byName.has(key) ? 'ambiguous' : ids);
  }
  return (description) => {
    const found = byName.get(nameKey(description));
    return found === undefined || found === 'ambiguous' ? null : found;
  };
}

function nameKey(description: string): string {
  return description.trim().replace(/\s+/g, ' ').toLowerCase();
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' || /^unknown$/i.test(trimmed) ? null : trimmed;
}
