export type SupplyLevel =
  /** The printer reports a level; `percent` is 0–100. */
  | { kind: 'percent'; percent: number }
  /** The printer only says "some remaining" (Printer-MIB level -3): no number exists. */
  | { kind: 'someRemaining' }
  /** The printer reports no level at all (Printer-MIB -2, or nothing read yet). */
  | { kind: 'unknown' };

/**
 * What central stores for a supply (Supply.percent and Supply.state) turned into what can be
 * drawn. A percent only when one was computed; an empty supply is 0 % even without one.
 */
export function supplyLevelOf(supply: {
  percent: number | null;
  state: string | null;
}): SupplyLevel {
  if (supply.percent !== null && Number.isFinite(supply.percent)) {
    return { kind: 'percent', percent: supply.percent };
  }
  switch (supply.state) {
    case 'SOME_REMAINING':
      return { kind: 'someRemaining' };
    case 'EMPTY':
      return { kind: 'percent', percent: 0 };
    case null:
    default:
      return { kind: 'unknown' };
  }
}

export type TonerBarProps = {
  /** What the supply is, e.g. "Cyan toner" or the printer's own description. */
  label: string;
  /** Colour name as reported by the printer (prtMarkerColorantValue), e.g. "cyan". */
  colour: string | null;
  level: SupplyLevel;
  /** At or below this percent the bar is flagged low. */
  lowAtPercent?: number;
  compact?: boolean;
};

const PROCESS_COLOURS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(light|photo)[\s-]?cyan\b/i, '#7fd8f5'],
  [/\b(light|photo)[\s-]?magenta\b/i, '#f59ad0'],
  [/\bcyan\b/i, '#00a3e0'],
  [/\bmagenta\b/i, '#d6007e'],
  [/\byellow\b/i, '#f2c200'],
  [/\b(black|matte black|photo black|mono|k)\b/i, '#1f1f1f'],
  [/\bgr[ae]y\b/i, '#8a8a8a'],
  [/\bred\b/i, '#d32f2f'],
  [/\bblue\b/i, '#1e63c4'],
  [/\bgreen\b/i, '#2e7d32'],
];

/** Colour to draw a supply in; unknown colourants (waste toner, drums, fusers) are neutral. */
export function supplyColour(colour: string | null): string {
  if (colour === null) return '#6b7785';
  for (const [pattern, css] of PROCESS_COLOURS) {
    if (pattern.test(colour)) return css;
  }
  return '#6b7785';
}

/** Clamps what printers report (some say 101 %, some go slightly negative) into 0–100. */
export function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, Math.round(percent)));
}

export function supplyLevelText(level: SupplyLevel): string {
  switch (level.kind) {
    case 'percent':
      return `${clampPercent(level.percent)}%`;
    case 'someRemaining':
      return 'some remaining';
    case 'unknown':
      return 'level unknown';
  }
}

export function TonerBar({
  label,
  colour,
  level,
  lowAtPercent = 10,
  compact = false,
}: TonerBarProps) {
  const fill = supplyColour(colour);
  const text = supplyLevelText(level);
  const className = `toner${compact ? ' toner--compact' : ''}`;

  if (level.kind === 'percent') {
    const percent = clampPercent(level.percent);
    const low = percent <= lowAtPercent;
    return (
      <div className={`${className}${low ? ' toner--low' : ''}`} title={`${label}: ${text}`}>
        <div
          className="toner__track"
          role="meter"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={low ? `${text}, low` : text}
        >
          <div className="toner__fill" style={{ width: `${percent}%`, backgroundColor: fill }} />
        </div>
        {!compact && (
          <span className="toner__value" aria-hidden="true">
            {text}
            {low && <span className="toner__low-flag"> low</span>}
          </span>
        )}
      </div>
    );
  }

  // No percentage exists: draw a pattern, never a made-up width.
  return (
    <div className={`${className} toner--${level.kind}`} title={`${label}: ${text}`}>
      <div
        className="toner__track"
        role="img"
        aria-label={`${label}: ${text}`}
        style={level.kind === 'someRemaining' ? { color: fill } : undefined}
      >
        {level.kind === 'someRemaining' && <div className="toner__pattern" />}
      </div>
      {!compact && (
        <span className="toner__value" aria-hidden="true">
          {text}
        </span>
      )}
    </div>
  );
}
