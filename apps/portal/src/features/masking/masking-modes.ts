import type { MaskingMode, MaskingModesFragment } from '../../generated/graphql';

export type MaskingGroup = keyof Omit<MaskingModesFragment, '__typename'>;
export type MaskingModes = Record<MaskingGroup, MaskingMode>;

export const MASKING_GROUPS: readonly { group: MaskingGroup; label: string; hint: string }[] = [
  { group: 'ip', label: 'IP addresses', hint: 'of printers and the agent, also inside free text' },
  { group: 'mac', label: 'MAC addresses', hint: 'of printers, also inside free text' },
  { group: 'hostname', label: 'Host names', hint: 'of printers and the agent machine' },
  { group: 'contactLocation', label: 'sysContact / sysLocation', hint: 'as set on the printer' },
];

export const MASKING_MODES: readonly { mode: MaskingMode; label: string; effect: string }[] = [
  { mode: 'SEND', label: 'Send', effect: 'sent as it is' },
  { mode: 'HASH', label: 'Keyed hash', effect: 'a token that keeps a device recognisable' },
  { mode: 'WITHHOLD', label: 'Withhold', effect: 'never leaves the site' },
];

const STRICTNESS: Readonly<Record<MaskingMode, number>> = { SEND: 0, HASH: 1, WITHHOLD: 2 };

export function modeLabel(mode: MaskingMode): string {
  return MASKING_MODES.find((entry) => entry.mode === mode)?.label ?? mode;
}

/** Of two settings the stricter one applies (withhold › keyed hash › send). */
export function stricter(a: MaskingMode, b: MaskingMode): MaskingMode {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

/** Who decided what a customer's agents apply to a group. */
export function decidedBy(customer: MaskingMode, tenant: MaskingMode): string {
  if (customer === tenant) return customer === 'SEND' ? 'nobody masks it' : 'dealer and customer';
  return STRICTNESS[tenant] > STRICTNESS[customer] ? 'the dealer' : 'the customer';
}

export function modesOf(settings: MaskingModesFragment): MaskingModes {
  return {
    ip: settings.ip,
    mac: settings.mac,
    hostname: settings.hostname,
    contactLocation: settings.contactLocation,
  };
}

/** Only the groups the form changed (central leaves the others as they are). */
export function changedModes(saved: MaskingModes, draft: MaskingModes): Partial<MaskingModes> {
  const changes: Partial<MaskingModes> = {};
  for (const { group } of MASKING_GROUPS) {
    if (draft[group] !== saved[group]) changes[group] = draft[group];
  }
  return changes;
}
