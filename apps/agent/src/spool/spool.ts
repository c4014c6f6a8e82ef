import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The agent's local copy of everything it collects, as upload-ready zip files.
 *
 *   pending/   collected, not yet acknowledged by central — never deleted
 *   sent/      acknowledged; kept for the retention period (the customer can read them)
 *   rejected/  refused by central with a 4xx (kept with the reason, not retried)
 *   tmp/       half-written files; a write becomes visible only by an atomic rename, so a
 *              kill -9 mid-write leaves nothing in pending/ but a whole file or no file
 */
export type SpoolState = 'pending' | 'sent' | 'rejected';

export type SpoolEntry = {
  name: string;
  uploadId: string;
  state: SpoolState;
  path: string;
  sizeBytes: number;
  createdAt: Date;
};

export type SpoolStats = {
  pendingCount: number;
  pendingBytes: number;
  sentCount: number;
  rejectedCount: number;
  oldestPendingAt: Date | null;
  lastSentAt: Date | null;
};

const STATES: readonly SpoolState[] = ['pending', 'sent', 'rejected'];
const NAME_PATTERN = /^(\d{8}T\d{9}Z)-([0-9a-f-]{36})\.zip$/;

export class SpoolError extends Error {
  constructor(
    readonly code: 'SPOOL_ENTRY_NOT_FOUND' | 'SPOOL_BAD_NAME',
    message: string,
  ) {
    super(message);
  }
}

export class Spool {
  constructor(
    private readonly dir: string,
    private readonly retentionDays = 30,
  ) {}

  async init(): Promise<void> {
    for (const sub of [...STATES, 'tmp']) {
      await mkdir(join(this.dir, sub), { recursive: true, mode: 0o700 });
    }
    // Leftovers of writes interrupted by a crash: never visible, safe to drop.
    await rm(join(this.dir, 'tmp'), { recursive: true, force: true });
    await mkdir(join(this.dir, 'tmp'), { recursive: true, mode: 0o700 });
  }

  /** Writes a collection durably (fsync before the rename) and returns its entry. */
  async add(uploadId: string, zip: Uint8Array, createdAt = new Date()): Promise<SpoolEntry> {
    const name = `${compactTimestamp(createdAt)}-${uploadId}.zip`;
    const tmpPath = join(this.dir, 'tmp', name);
    const handle = await open(tmpPath, 'w', 0o600);
    try {
      await handle.writeFile(zip);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const finalPath = join(this.dir, 'pending', name);
    await rename(tmpPath, finalPath);
    return {
      name,
      uploadId,
      state: 'pending',
      path: finalPath,
      sizeBytes: zip.byteLength,
      createdAt,
    };
  }

  /** Entries in a state, oldest first (upload order). */
  async list(state: SpoolState): Promise<SpoolEntry[]> {
    const names = (await readdir(join(this.dir, state))).filter((n) => NAME_PATTERN.test(n)).sort();
    const entries: SpoolEntry[] = [];
    for (const name of names) {
      const path = join(this.dir, state, name);
      const info = await stat(path).catch(() => null);
      if (!info) continue; // moved by a concurrent markSent
      entries.push({ ...parseName(name), state, path, sizeBytes: info.size });
    }
    return entries;
  }

  pending(): Promise<SpoolEntry[]> {
    return this.list('pending');
  }

  async markSent(entry: SpoolEntry): Promise<SpoolEntry> {
    return this.move(entry, 'sent');
  }

  async markRejected(
    entry: SpoolEntry,
    reason: { code: string; message: string },
  ): Promise<SpoolEntry> {
    const moved = await this.move(entry, 'rejected');
    await writeFile(
      `${moved.path}.reason.json`,
      JSON.stringify({ ...reason, at: new Date().toISOString() }),
      {
        mode: 0o600,
      },
    );
    return moved;
  }

  /** Deletes acknowledged files past the retention period; pending files are never pruned. */
  async prune(now = new Date()): Promise<number> {
    const cutoff = now.getTime() - this.retentionDays * 86_400_000;
    let removed = 0;
    for (const state of ['sent', 'rejected'] as const) {
      for (const entry of await this.list(state)) {
        if (entry.createdAt.getTime() < cutoff) {
          await rm(entry.path, { force: true });
          await rm(`${entry.path}.reason.json`, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }

  async stats(): Promise<SpoolStats> {
    const [pending, sent, rejected] = await Promise.all(STATES.map((s) => this.list(s)));
    const lastSent = sent!.at(-1);
    const lastSentInfo = lastSent ? await stat(lastSent.path).catch(() => null) : null;
    return {
      pendingCount: pending!.length,
      pendingBytes: pending!.reduce((sum, e) => sum + e.sizeBytes, 0),
      sentCount: sent!.length,
      rejectedCount: rejected!.length,
      oldestPendingAt: pending![0]?.createdAt ?? null,
      lastSentAt: lastSentInfo?.mtime ?? null,
    };
  }

  /** Finds an entry by file name or upload id in any state. */
  async find(nameOrUploadId: string): Promise<SpoolEntry> {
    for (const state of STATES) {
      const match = (await this.list(state)).find(
        (e) => e.name === nameOrUploadId || e.uploadId === nameOrUploadId,
      );
      if (match) return match;
    }
    throw new SpoolError('SPOOL_ENTRY_NOT_FOUND', `No spooled upload named ${nameOrUploadId}`);
  }

  async latest(): Promise<SpoolEntry | null> {
    const all = (await Promise.all(STATES.map((s) => this.list(s)))).flat();
    all.sort((a, b) => a.name.localeCompare(b.name));
    return all.at(-1) ?? null;
  }

  read(entry: SpoolEntry): Promise<Buffer> {
    return readFile(entry.path);
  }

  private async move(entry: SpoolEntry, to: SpoolState): Promise<SpoolEntry> {
    const path = join(this.dir, to, entry.name);
    await rename(entry.path, path);
    return { ...entry, state: to, path };
  }
}

function compactTimestamp(date: Date): string {
  // 20261121T230405123Z: sorts lexically in time order, safe in file names everywhere.
  return date.toISOString().replace(/[-:.]/g, '');
}

function parseName(name: string): { name: string; uploadId: string; createdAt: Date } {
  const match = NAME_PATTERN.exec(name);
  if (!match) throw new SpoolError('SPOOL_BAD_NAME', `Not a spool file name: ${name}`);
  const stamp = match[1]!;
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.slice(15, 18)}Z`;
  return { name, uploadId: match[2]!, createdAt: new Date(iso) };
}
