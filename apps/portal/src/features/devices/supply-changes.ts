/** A level reading of a supply, as the supply history query returns it. */
export type LevelPointWithChange = {
  readAt: string;
  percent: number | null;
  serialNumber: string | null;
  change: 'SWAP' | 'REFILL' | null;
  removedPercent: number | null;
  earlyReplacement: boolean;
};

export type SupplyChangeRow = {
  supplyId: string;
  readAt: string;
  kind: 'SWAP' | 'REFILL';
  text: string;
  early: boolean;
  /** What the chart writes at the change: the kind and the cartridge's serial or part number. */
  marker: string;
};

/**
 * The cartridge swaps and refills of a device's supplies, newest first, in words: what was
 * removed (and whether that was early), which serial went in, of which part number (the
 * supply's current one: the slot takes that part).
 */
export function supplyChanges(
  supplies: readonly {
    id: string;
    label: string;
    partNumber?: string | null;
    levels: readonly LevelPointWithChange[];
  }[],
): SupplyChangeRow[] {
  const rows: SupplyChangeRow[] = [];
  for (const supply of supplies) {
    for (const point of supply.levels) {
      if (!point.change) continue;
      const parts = [supply.label];
      if (point.change === 'SWAP') {
        parts.push(
          point.removedPercent === null
            ? 'cartridge replaced'
            : `cartridge replaced at ${Math.round(point.removedPercent)}% left`,
        );
        if (point.serialNumber) parts.push(`new serial ${point.serialNumber}`);
        if (supply.partNumber) parts.push(`part ${supply.partNumber}`);
      } else {
        parts.push(`refilled${point.percent === null ? '' : ` to ${Math.round(point.percent)}%`}`);
        if (point.serialNumber) parts.push(`same serial ${point.serialNumber}`);
      }
      rows.push({
        supplyId: supply.id,
        readAt: point.readAt,
        kind: point.change,
        text: parts.join(' · '),
        early: point.earlyReplacement,
        marker: [
          point.change === 'SWAP' ? 'Swap' : 'Refill',
          point.serialNumber ? `SN ${point.serialNumber}` : supply.partNumber,
        ]
          .filter(Boolean)
          .join(' · '),
      });
    }
  }
  return rows.sort((a, b) => Date.parse(b.readAt) - Date.parse(a.readAt));
}
