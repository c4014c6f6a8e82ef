/**
 * Bounds on what one upload may hold. Both sides apply the same numbers: the agent's builder
 * refuses to produce what central would refuse, so a spooled upload never fails for this.
 */
export type PayloadLimits = {
  maxDevices: number;
  maxReadingsPerDevice: number;
  maxSuppliesPerReading: number;
  maxAlertsPerReading: number;
  maxExtraCounters: number;
  maxDiscoveryResults: number;
  maxCommandResults: number;
  /** Ids, names, enum-like strings, serials, part numbers. */
  maxShortTextLength: number;
  /** sysDescr, descriptions, locations, messages. */
  maxTextLength: number;
  maxConsoleLength: number;
};

export const DEFAULT_PAYLOAD_LIMITS: Readonly<PayloadLimits> = Object.freeze({
  maxDevices: 5_000,
  maxReadingsPerDevice: 1_000,
  maxSuppliesPerReading: 64,
  maxAlertsPerReading: 128,
  maxExtraCounters: 256,
  maxDiscoveryResults: 65_536,
  maxCommandResults: 1_000,
  maxShortTextLength: 256,
  maxTextLength: 2_048,
  maxConsoleLength: 4_096,
});

export function resolveLimits(overrides: Partial<PayloadLimits> | undefined): PayloadLimits {
  return { ...DEFAULT_PAYLOAD_LIMITS, ...overrides };
}
