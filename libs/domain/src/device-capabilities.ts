/**
 * What a device can do, as its agent learned it while running actions (docs/agent-protocol.md,
 * command results' `capabilities`), and which device actions that leaves on offer.
 */

/** How an action that SETs (reboot) last went; never a test SET on a customer's printer. */
export type SetOutcome = 'ACCEPTED' | 'REFUSED' | 'NO_ANSWER' | 'NO_CREDENTIAL';
export const SET_OUTCOMES: readonly SetOutcome[] = [
  'ACCEPTED',
  'REFUSED',
  'NO_ANSWER',
  'NO_CREDENTIAL',
];

/** What one command result says; a field left out was not checked by that action. */
export type ReportedCapabilities = {
  rawPrintPort?: boolean;
  pjl?: boolean;
  pjlId?: string | null;
  writeCredential?: boolean;
  lastSet?: SetOutcome;
  lastSetMessage?: string | null;
};

type Checked<T> = { value: T; at: string };

/** What central keeps per device: each capability with the time it was last checked. */
export type StoredCapabilities = {
  rawPrintPort?: Checked<boolean>;
  pjl?: Checked<boolean> & { id: string | null };
  writeCredential?: Checked<boolean>;
  lastSet?: { outcome: SetOutcome; message: string | null; at: string };
};

const MAX_TEXT = 200;

/** The `capabilities` of a command result, keeping only well-formed fields; null without any. */
export function reportedCapabilities(result: unknown): ReportedCapabilities | null {
  if (!isRecord(result) || !isRecord(result['capabilities'])) return null;
  const raw = result['capabilities'];
  const out: ReportedCapabilities = {};
  if (typeof raw['rawPrintPort'] === 'boolean') out.rawPrintPort = raw['rawPrintPort'];
  if (typeof raw['pjl'] === 'boolean') {
    out.pjl = raw['pjl'];
    out.pjlId = typeof raw['pjlId'] === 'string' ? raw['pjlId'].slice(0, MAX_TEXT) : null;
  }
  if (typeof raw['writeCredential'] === 'boolean') out.writeCredential = raw['writeCredential'];
  if (SET_OUTCOMES.includes(raw['lastSet'] as SetOutcome)) {
    out.lastSet = raw['lastSet'] as SetOutcome;
    out.lastSetMessage =
      typeof raw['lastSetMessage'] === 'string' ? raw['lastSetMessage'].slice(0, MAX_TEXT) : null;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * The stored capabilities after one report at `at`: each reported field replaces the stored
 * one. A TROUBLESHOOT report (the explicit re-check) also forgets a failed SET, so a reboot
 * refused with old credentials is offered again once the device was checked.
 */
export function mergeCapabilities(
  stored: StoredCapabilities,
  reported: ReportedCapabilities,
  at: Date,
  commandType: string,
): StoredCapabilities {
  const when = at.toISOString();
  const next: StoredCapabilities = { ...stored };
  if (reported.rawPrintPort !== undefined)
    next.rawPrintPort = { value: reported.rawPrintPort, at: when };
  if (reported.pjl !== undefined)
    next.pjl = { value: reported.pjl, id: reported.pjlId ?? null, at: when };
  if (reported.writeCredential !== undefined)
    next.writeCredential = { value: reported.writeCredential, at: when };
  if (reported.lastSet !== undefined)
    next.lastSet = {
      outcome: reported.lastSet,
      message: reported.lastSetMessage ?? null,
      at: when,
    };
  else if (commandType === 'TROUBLESHOOT' && next.lastSet && next.lastSet.outcome !== 'ACCEPTED')
    delete next.lastSet;
  return next;
}

/** The stored JSON, read back leniently: anything malformed reads as not known. */
export function storedCapabilities(json: unknown): StoredCapabilities {
  if (!isRecord(json)) return {};
  const out: StoredCapabilities = {};
  const checked = (value: unknown): value is Checked<boolean> =>
    isRecord(value) && typeof value['value'] === 'boolean' && typeof value['at'] === 'string';
  if (checked(json['rawPrintPort'])) out.rawPrintPort = json['rawPrintPort'];
  const pjl = json['pjl'];
  if (checked(pjl)) {
    const id = (pjl as Record<string, unknown>)['id'];
    out.pjl = { value: pjl.value, at: pjl.at, id: typeof id === 'string' ? id : null };
  }
  if (checked(json['writeCredential'])) out.writeCredential = json['writeCredential'];
  const last = json['lastSet'];
  if (
    isRecord(last) &&
    SET_OUTCOMES.includes(last['outcome'] as SetOutcome) &&
    typeof last['at'] === 'string'
  )
    out.lastSet = {
      outcome: last['outcome'] as SetOutcome,
      message: typeof last['message'] === 'string' ? last['message'] : null,
      at: last['at'],
    };
  return out;
}

/** Device actions whose offer depends on what the device can do. */
export type DeviceAction = 'REFRESH_STATUS' | 'TROUBLESHOOT' | 'PRINT_TEST_PAGE' | 'REBOOT';
export const DEVICE_ACTIONS: readonly DeviceAction[] = [
  'REFRESH_STATUS',
  'TROUBLESHOOT',
  'PRINT_TEST_PAGE',
  'REBOOT',
];

export type ActionAvailability = { type: DeviceAction; available: boolean; reason: string | null };

/**
 * Which device actions to offer, and why not. Refresh and troubleshoot need nothing of the
 * device. A test page needs the raw-print port (not known to be closed). A reboot needs a
 * write credential known to be configured for the device, and no failed SET since the last
 * check: until an action told, troubleshoot is what finds out.
 */
export function actionAvailability(capabilities: StoredCapabilities): ActionAvailability[] {
  return DEVICE_ACTIONS.map((type) => ({ type, ...availabilityOf(type, capabilities) }));
}

function availabilityOf(
  type: DeviceAction,
  c: StoredCapabilities,
): { available: boolean; reason: string | null } {
  switch (type) {
    case 'REFRESH_STATUS':
    case 'TROUBLESHOOT':
      return offered();
    case 'PRINT_TEST_PAGE':
      return c.rawPrintPort?.value === false
        ? notOffered(
            `The raw print port (9100) was closed when last checked (${c.rawPrintPort.at}): run Troubleshoot once it is open`,
          )
        : offered();
    case 'REBOOT':
      if (!c.writeCredential)
        return notOffered(
          'Not known yet whether a write community is configured for this printer: run Troubleshoot',
        );
      if (!c.writeCredential.value)
        return notOffered(
          "No SNMP write community or v3 write user is configured for this printer's range on its agent",
        );
      if (c.lastSet && (c.lastSet.outcome === 'REFUSED' || c.lastSet.outcome === 'NO_ANSWER'))
        return notOffered(
          `The printer ${c.lastSet.outcome === 'REFUSED' ? 'refused' : 'did not answer'} the last reboot (${c.lastSet.at})` +
            `${c.lastSet.message ? `: ${c.lastSet.message}` : ''}. Fix the write credentials, then run Troubleshoot`,
        );
      return offered();
  }
}

const offered = () => ({ available: true, reason: null });
const notOffered = (reason: string) => ({ available: false, reason });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
