/** The remote config the daemon holds, as far as deciding whether to fetch a newer one. */
export type HeldConfig = {
  lockDown: boolean;
  /** Version of central's config in use; null before the first one. */
  version: number | null;
  /** The newest version refused as unusable: fetching it again would only refuse it again. */
  refusedVersion: number | null;
};

/**
 * Whether to fetch central's config before running the commands just pulled: central announced
 * a version newer than the one in use (a consent just ticked, a dealer's change), so the commands
 * are judged by the settings they were queued under. Lock-down takes no remote settings.
 */
export function shouldTakeAnnouncedConfig(held: HeldConfig, announced: number | null): boolean {
  if (held.lockDown || announced === null) return false;
  return isNewer(announced, held.version) && isNewer(announced, held.refusedVersion);
}

/** Whether an announced version is newer than one held (none held: any is newer). */
export function isNewer(announced: number | null, held: number | null): boolean {
  return announced !== null && (held === null || announced > held);
}
