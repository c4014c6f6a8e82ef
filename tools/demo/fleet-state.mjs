// The simulated fleet's page counts survive a restart of the demo. A simulator starts from its
// fixture walk's counters; without this, every `npm start` would wind the printers back to
// those values and central would (rightly) report counter rollbacks on every device.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const CATEGORIES = [
  ['printMono', {}],
  ['printColor', { color: true }],
  ['copyMono', { copy: true }],
  ['copyColor', { copy: true, color: true }],
];

/** Pages each printer has printed since its fixture state, by address and fixture. */
export function saveFleetState(file, fleet) {
  const printers = {};
  for (const printer of fleet.printers) {
    printers[printer.address] = { fixture: printer.fixture, pages: printer.counters.pages };
  }
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify({ version: 1, printers }), { mode: 0o644 });
  renameSync(temporary, file);
}

/**
 * Replays the saved pages through the simulator's own `print` (so toner is used up exactly as
 * before), with the duplex sheets spread over them. Printers whose address now holds another
 * fixture start fresh. Returns how many printers were restored.
 */
export function restoreFleetState(file, fleet) {
  if (!existsSync(file)) return 0;
  let saved;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return 0;
  }
  let restored = 0;
  for (const printer of fleet.printers) {
    const entry = saved?.printers?.[printer.address];
    if (!entry || entry.fixture !== printer.fixture) continue;
    let duplexLeft = Math.max(0, Math.floor(entry.pages.duplexSheets ?? 0));
    for (const [category, options] of CATEGORIES) {
      const pages = Math.max(0, Math.floor(entry.pages[category] ?? 0));
      // `print(k, { duplex })` adds ceil(k / 2) sheets: take just enough pages for what is left.
      const duplexPages = Math.min(pages, duplexLeft * 2);
      if (duplexPages > 0) {
        printer.print(duplexPages, { ...options, duplex: true });
        duplexLeft -= Math.ceil(duplexPages / 2);
      }
      printer.print(pages - duplexPages, options);
    }
    restored++;
  }
  return restored;
}
