/**
 * What the agent learned about one device while running an action, reported to central in the
 * command result as `result.capabilities` (docs/agent-protocol.md). Each action reports only
 * the fields it checked; central keeps the latest value of each.
 */
export type DeviceCapabilities = {
  /** A TCP connection to the raw-print port (9100) opened. */
  rawPrintPort?: boolean;
  /** The raw-print port answered `@PJL INFO ID`. */
  pjl?: boolean;
  /** The model name the printer gave in its PJL answer. */
  pjlId?: string | null;
  /** A write credential (range `write` or `snmpWrite`) is configured for the device's address. */
  writeCredential?: boolean;
  /** How the last action that SETs went: never a test SET, only a real action's outcome. */
  lastSet?: SetOutcome;
  /** Why the last SET failed, as the printer or the agent said it. */
  lastSetMessage?: string | null;
};

/**
 * ACCEPTED: the printer took the SET. REFUSED: it answered with an error status (noAccess,
 * notWritable, authorizationError…). NO_ANSWER: it stayed silent, as v1/v2c printers do for an
 * unknown community. NO_CREDENTIAL: nothing was sent, no write credential is configured.
 */
export type SetOutcome = 'ACCEPTED' | 'REFUSED' | 'NO_ANSWER' | 'NO_CREDENTIAL';

/**
 * What a raw-port PJL probe and, when given, the count of the device's write credentials say
 * about a device. A closed port says nothing about PJL: `pjl` is then left out, not false.
 */
export function probedCapabilities(
  probe: { portOpen: boolean; answered: boolean; id?: string },
  writeCredentials: number | null,
): DeviceCapabilities {
  return {
    rawPrintPort: probe.portOpen,
    ...(probe.portOpen
      ? { pjl: probe.answered, pjlId: probe.answered ? (probe.id ?? null) : null }
      : {}),
    ...(writeCredentials === null ? {} : { writeCredential: writeCredentials > 0 }),
  };
}
