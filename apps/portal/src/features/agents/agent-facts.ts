export type AgentFactsView = {
  os?: string | null;
  arch?: string | null;
  cpus?: number | null;
  memoryTotalBytes?: number | null;
  memoryFreeBytes?: number | null;
  diskFreeBytes?: number | null;
  spoolPendingFiles?: number | null;
  spoolPendingBytes?: number | null;
  spoolOldestPendingSeconds?: number | null;
  collectionPrinters?: number | null;
  collectionAnswered?: number | null;
  collectionDurationMs?: number | null;
  collectionAgeSeconds?: number | null;
};

/** "1.5 GB": decimal units, as disks are sold. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : Number(value.toFixed(1))} ${units[unit]}`;
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

/** "last collection: 8 of 9 printers answered, 12 s, 5 min ago". */
function collectionLine(facts: AgentFactsView): string | null {
  if (facts.collectionPrinters == null || facts.collectionAnswered == null) return null;
  return [
    `last collection: ${facts.collectionAnswered} of ${facts.collectionPrinters} printers answered`,
    facts.collectionDurationMs == null ? null : `${formatAge(facts.collectionDurationMs / 1000)}`,
    facts.collectionAgeSeconds == null ? null : `${formatAge(facts.collectionAgeSeconds)} ago`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The facts in four short lines (host, resources, spool, last collection); unknown parts are
 * left out.
 */
export function summarizeAgentFacts(facts: AgentFactsView): string[] {
  const host = [facts.os, facts.arch, facts.cpus ? `${facts.cpus} CPU` : null].filter(Boolean);
  const resources = [
    facts.diskFreeBytes == null ? null : `disk ${formatBytes(facts.diskFreeBytes)} free`,
    facts.memoryFreeBytes == null || facts.memoryTotalBytes == null
      ? null
      : `memory ${formatBytes(facts.memoryFreeBytes)} of ${formatBytes(facts.memoryTotalBytes)} free`,
  ].filter(Boolean);
  const spool =
    facts.spoolPendingFiles == null
      ? null
      : facts.spoolPendingFiles === 0
        ? 'spool empty'
        : [
            `spool ${facts.spoolPendingFiles} waiting`,
            facts.spoolPendingBytes == null ? null : formatBytes(facts.spoolPendingBytes),
            facts.spoolOldestPendingSeconds == null
              ? null
              : `oldest ${formatAge(facts.spoolOldestPendingSeconds)}`,
          ]
            .filter(Boolean)
            .join(', ');
  return [host.join(' · '), resources.join(' · '), spool ?? '', collectionLine(facts) ?? ''].filter(
    (line) => line !== '',
  );
}

export type FactsHistoryCells = { disk: string; memory: string; spool: string; collection: string };

/** One snapshot of the facts history as table cells; "—" where the agent did not report it. */
export function factsHistoryCells(facts: AgentFactsView | null): FactsHistoryCells {
  const unknown = '—';
  if (!facts) return { disk: unknown, memory: unknown, spool: unknown, collection: unknown };
  const spool =
    facts.spoolPendingFiles == null
      ? unknown
      : facts.spoolPendingFiles === 0
        ? 'empty'
        : [
            `${facts.spoolPendingFiles} waiting`,
            facts.spoolOldestPendingSeconds == null
              ? null
              : `oldest ${formatAge(facts.spoolOldestPendingSeconds)}`,
          ]
            .filter(Boolean)
            .join(', ');
  return {
    disk: facts.diskFreeBytes == null ? unknown : `${formatBytes(facts.diskFreeBytes)} free`,
    memory:
      facts.memoryFreeBytes == null || facts.memoryTotalBytes == null
        ? unknown
        : `${formatBytes(facts.memoryFreeBytes)} of ${formatBytes(facts.memoryTotalBytes)} free`,
    spool,
    collection:
      facts.collectionPrinters == null || facts.collectionAnswered == null
        ? unknown
        : `${facts.collectionAnswered} of ${facts.collectionPrinters} answered`,
  };
}
