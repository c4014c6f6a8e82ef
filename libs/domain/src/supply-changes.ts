import { isRefill, normalSerial } from './supply-forecast.js';

/**
 * What one reading of a supply means for the cartridge in it, compared with the reading before
 * (libs/domain/README.md, "Cartridge swaps"). Pure: no I/O.
 */
export type SupplyChangeKind = 'SWAP' | 'REFILL';

/** One reading of a supply, as the change rule compares it. */
export type CartridgeReading = {
  /** 0..100; null when the device gave no number. */
  percent: number | null;
  /** The cartridge's own serial; null when the device reports none. */
  serialNumber: string | null;
};

export type SupplyChange = {
  kind: SupplyChangeKind;
  /** SERIAL: another serial number; LEVEL: a level jump where no serial tells. */
  evidence: 'SERIAL' | 'LEVEL';
  /** For a SWAP: the removed cartridge's last percent, when known. */
  removedPercent: number | null;
};

/**
 * A cartridge removed above this level is an early replacement (toner thrown away), unless the
 * tenant's configuration says otherwise (`SUPPLY_EARLY_REPLACEMENT_PERCENT`).
 */
export const EARLY_REPLACEMENT_PERCENT = 10;

/**
 * - Both readings name a serial and they differ: a SWAP, whatever the levels did (a half-used
 *   cartridge moved between devices does not jump).
 * - Both name the same serial: never a swap. A rise that `isRefill` accepts is a REFILL of that
 *   cartridge; a smaller rise (shaken, rounding) is nothing.
 * - Either lacks a serial (an older agent, a device without cartridge chips): a level jump that
 *   `isRefill` accepts is a SWAP, as without serials before.
 */
export function supplyChange(
  previous: CartridgeReading,
  current: CartridgeReading,
  options: { jump?: number; toPercent?: number } = {},
): SupplyChange | null {
  const before = normalSerial(previous.serialNumber);
  const after = normalSerial(current.serialNumber);
  if (before !== null && after !== null) {
    if (before !== after)
      return { kind: 'SWAP', evidence: 'SERIAL', removedPercent: previous.percent };
    return jumped(previous, current, options)
      ? { kind: 'REFILL', evidence: 'LEVEL', removedPercent: null }
      : null;
  }
  return jumped(previous, current, options)
    ? { kind: 'SWAP', evidence: 'LEVEL', removedPercent: previous.percent }
    : null;
}

/** A swapped-out cartridge that still had more than `thresholdPercent` left. */
export function isEarlyReplacement(
  change: { kind: SupplyChangeKind; removedPercent: number | null },
  thresholdPercent = EARLY_REPLACEMENT_PERCENT,
): boolean {
  return (
    change.kind === 'SWAP' &&
    change.removedPercent !== null &&
    change.removedPercent > thresholdPercent
  );
}

function jumped(
  previous: CartridgeReading,
  current: CartridgeReading,
  options: { jump?: number; toPercent?: number },
): boolean {
  if (previous.percent === null || current.percent === null) return false;
  return isRefill(previous.percent, current.percent, options);
}
