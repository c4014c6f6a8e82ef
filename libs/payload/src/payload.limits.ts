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
  /**
   * Hard limits of the XML reader, enforced while the document streams (the first one reached
   * refuses it), so a hostile document costs bounded time and memory whatever it holds.
   */
  maxXmlElements: number;
  maxXmlDepth: number;
  maxXmlAttributesPerElement: number;
  /** Element and attribute names. */
  maxXmlNameLength: number;
  maxXmlAttributeValueLength: number;
  /** One run of character data (and all the text of one element). */
  maxXmlTextLength: number;
  /**
   * Wall-clock budget of one parse, checked as the document is fed to the parser: a backstop
   * behind the count limits, sized so a legitimate upload on a loaded machine never meets it.
   */
  maxParseMilliseconds: number;
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
  // Room for the largest upload the count limits allow (measured in libs/payload/README.md).
  maxXmlElements: 1_000_000,
  maxXmlDepth: 16,
  maxXmlAttributesPerElement: 16,
  maxXmlNameLength: 64,
  maxXmlAttributeValueLength: 1_024,
  maxXmlTextLength: 16_384,
  maxParseMilliseconds: 60_000,
});

export function resolveLimits(overrides: Partial<PayloadLimits> | undefined): PayloadLimits {
  return { ...DEFAULT_PAYLOAD_LIMITS, ...overrides };
}
