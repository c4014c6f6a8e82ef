// Preloaded into the Prisma CLI (node --import). The WebAssembly schema engine leaves long
// timers armed after its work is done, so `migrate dev` would idle for about a minute before
// exiting. Unreferenced long timers still fire while the CLI is busy, but no longer keep an
// otherwise finished process alive.
const LONG_TIMER_MS = 5_000;

const originalSetTimeout = globalThis.setTimeout;
const originalSetInterval = globalThis.setInterval;

function unrefIfLong(timer, delay) {
  if (typeof delay === 'number' && delay >= LONG_TIMER_MS && typeof timer?.unref === 'function')
    timer.unref();
  return timer;
}

globalThis.setTimeout = Object.assign(
  (handler, delay, ...args) => unrefIfLong(originalSetTimeout(handler, delay, ...args), delay),
  originalSetTimeout,
);
globalThis.setInterval = Object.assign(
  (handler, delay, ...args) => unrefIfLong(originalSetInterval(handler, delay, ...args), delay),
  originalSetInterval,
);
