import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { SpoolStats } from '../spool/spool.js';
import { releasePlatform } from '../update/installation.js';
import { AGENT_VERSION } from '../version.js';

/** What the agent tells central about itself with every call (docs/agent-protocol.md). */
export type AgentFacts = {
  version: string;
  os: string;
  arch: string;
  /** The platform its releases are named for (`linux-x64`, `linux-x64-sea`). */
  releasePlatform: string;
  cpus: number;
  memoryTotalBytes: number;
  memoryFreeBytes: number;
  diskFreeBytes?: number;
  rssBytes: number;
  uptimeSeconds: number;
  spoolPendingFiles?: number;
  spoolPendingBytes?: number;
  spoolOldestPendingSeconds?: number;
  lockDown: boolean;
  configVersion: number | null;
  collectionPrinters?: number;
  collectionAnswered?: number;
  collectionDurationMs?: number;
  collectionAgeSeconds?: number;
};

/** The agent's last full collection: printers in scope, how many answered, how long it took. */
export type LastCollection = {
  at: Date;
  printers: number;
  answered: number;
  durationMs: number;
};

/** The host as node:os and the process see it; unknown disk space is null. */
export type HostSnapshot = {
  platform: string;
  release: string;
  arch: string;
  releasePlatform: string;
  cpus: number;
  memoryTotalBytes: number;
  memoryFreeBytes: number;
  diskFreeBytes: number | null;
  rssBytes: number;
  uptimeSeconds: number;
};

/** Central ignores longer headers; the facts are a few hundred bytes. */
export const AGENT_FACTS_MAX_BYTES = 2048;

export function buildAgentFacts(
  host: HostSnapshot,
  spool: Pick<SpoolStats, 'pendingCount' | 'pendingBytes' | 'oldestPendingAt'> | null,
  settings: { lockDown: boolean; configVersion: number | null },
  now: Date,
  collection: LastCollection | null = null,
): AgentFacts {
  const oldest = spool?.oldestPendingAt;
  return {
    version: AGENT_VERSION,
    os: `${host.platform} ${host.release}`.slice(0, 200),
    arch: host.arch.slice(0, 40),
    releasePlatform: host.releasePlatform.slice(0, 60),
    cpus: host.cpus,
    memoryTotalBytes: host.memoryTotalBytes,
    memoryFreeBytes: host.memoryFreeBytes,
    ...(host.diskFreeBytes === null ? {} : { diskFreeBytes: host.diskFreeBytes }),
    rssBytes: host.rssBytes,
    uptimeSeconds: Math.max(0, Math.floor(host.uptimeSeconds)),
    ...(spool
      ? { spoolPendingFiles: spool.pendingCount, spoolPendingBytes: spool.pendingBytes }
      : {}),
    ...(oldest
      ? {
          spoolOldestPendingSeconds: Math.max(
            0,
            Math.floor((now.getTime() - oldest.getTime()) / 1000),
          ),
        }
      : {}),
    lockDown: settings.lockDown,
    configVersion: settings.configVersion,
    ...(collection
      ? {
          collectionPrinters: collection.printers,
          collectionAnswered: collection.answered,
          collectionDurationMs: Math.max(0, Math.round(collection.durationMs)),
          collectionAgeSeconds: Math.max(
            0,
            Math.floor((now.getTime() - collection.at.getTime()) / 1000),
          ),
        }
      : {}),
  };
}

/**
 * The header value: JSON with anything outside printable ASCII replaced (header values are
 * Latin-1 at best), or null when it would exceed the size central accepts.
 */
export function encodeAgentFacts(facts: AgentFacts): string | null {
  const value = JSON.stringify(facts).replace(/[^\x20-\x7e]/g, '?');
  return value.length > AGENT_FACTS_MAX_BYTES ? null : value;
}

/** Reads the live host; disk space is that of the file system holding `dataDir`. */
export async function snapshotHost(dataDir: string): Promise<HostSnapshot> {
  const disk = await statfs(dataDir).catch(() => null);
  return {
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    releasePlatform: releasePlatform(),
    cpus: os.availableParallelism(),
    memoryTotalBytes: os.totalmem(),
    memoryFreeBytes: os.freemem(),
    diskFreeBytes: disk ? disk.bavail * disk.bsize : null,
    rssBytes: process.memoryUsage.rss(),
    uptimeSeconds: process.uptime(),
  };
}

/** Reuses one gathering for `ttlMs`: listing the spool on every call would cost more than it says. */
export function cachedFacts(
  gather: () => Promise<string | null>,
  ttlMs: number,
  clock: () => number = Date.now,
): () => Promise<string | null> {
  let last: { at: number; value: Promise<string | null> } | null = null;
  return () => {
    const now = clock();
    if (!last || now - last.at >= ttlMs) {
      const value = gather().catch(() => null);
      last = { at: now, value };
    }
    return last.value;
  };
}
