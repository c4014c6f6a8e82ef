/**
 * Closing a server must end: a stuck hook (a pool waiting for a connection that never comes
 * back, a peer that never hangs up) must not keep a stopping process alive for ever. Runs
 * `close`; if it has not settled after `deadlineMs`, calls `onLate` once (to say what is still
 * open) and gives up waiting. The close keeps running in the background.
 */
export async function closeWithin(
  close: () => Promise<void>,
  deadlineMs: number,
  onLate: () => void | Promise<void>,
): Promise<'closed' | 'timed-out'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), deadlineMs);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([close().then(() => 'closed' as const), late]);
    if (outcome === 'timed-out') await onLate();
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}
