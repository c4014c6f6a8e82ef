import type { Role } from '../../app/navigation';
import type { MergeCandidatesQuery } from '../../generated/graphql';

/** Who may merge devices or dismiss a review flag (central allows the same roles). */
export const REVIEW_ROLES: readonly Role[] = ['DEALER_ADMIN', 'DEALER_TECHNICIAN'];

export function canReviewDevices(role: Role): boolean {
  return REVIEW_ROLES.includes(role);
}

const REASONS: Readonly<Record<string, string>> = {
  DUPLICATE_SERIAL:
    'Another device of this customer reports the same serial number. If both are one printer (a second network card, a replaced board), merge them; if they are two printers, dismiss.',
};

export function reviewReasonText(reason: string | null): string {
  if (reason && REASONS[reason]) return REASONS[reason];
  return reason ? `Flagged for review (${reason}).` : 'Flagged for review.';
}

export type MergeCandidate = MergeCandidatesQuery['devices']['edges'][number]['node'];

/** The devices this one may be merged into: any other device of its customer the search found. */
export function mergeCandidates(
  found: MergeCandidatesQuery | undefined,
  currentId: string,
): MergeCandidate[] {
  return (found?.devices.edges ?? [])
    .map((edge) => edge.node)
    .filter((node) => node.id !== currentId);
}

/** What tells two devices of one customer apart: serial first, then where it sits on the network. */
export function candidateLabel(device: {
  serialNumber: string | null;
  ipAddress: string | null;
  macAddress: string | null;
  hostname: string | null;
  manufacturer: string | null;
  model: string | null;
}): string {
  const model = [device.manufacturer, device.model].filter(Boolean).join(' ');
  return [
    device.serialNumber ? `Serial ${device.serialNumber}` : 'No serial',
    device.ipAddress ?? device.macAddress,
    device.hostname,
    model || null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The confirmation's explanation, in the order a dealer needs it: what goes, what moves, what
 * to check. `currentIsNewer`: the device being merged was seen more recently than the target.
 */
export function mergeConsequences(
  current: string,
  target: string,
  currentIsNewer: boolean,
): string[] {
  return [
    `${current} disappears from the fleet; it stays on record as merged into ${target}.`,
    `Its meter reads, supplies and levels, alerts, commands and identity history move to ${target}. Where both have a reading at the same instant, ${target}'s is kept.`,
    `Counters are checked across the joined history: where one goes down, a counter drop opens for review and usage across it is withheld until reviewed.`,
    currentIsNewer
      ? `${current} was seen more recently: ${target} takes over its serial, addresses and agent, so the next uploads land on ${target}.`
      : `${target} keeps its own serial and addresses.`,
    'A merge cannot be undone from the portal.',
  ];
}

/** Whether `a` was seen after `b` (ISO timestamps from the API). */
export function seenLater(a: string, b: string): boolean {
  return new Date(a).getTime() > new Date(b).getTime();
}
