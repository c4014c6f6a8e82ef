/**
 * The token of an e-mailed link (`/reset-password#token=…`). It travels in the fragment, so
 * it never reaches a server log or a Referer header.
 */
export function linkTokenFrom(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : null;
}

/** Central's one answer for a used, replaced, expired or unknown link. */
export function isInvalidLink(error: unknown): boolean {
  const errors = (error as { errors?: { extensions?: { reason?: unknown } }[] } | null)?.errors;
  return (errors ?? []).some((e) => e.extensions?.reason === 'INVALID_LINK');
}
