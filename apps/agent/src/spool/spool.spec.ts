import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Spool } from './spool.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('Spool', () => {
  let dir: string;
  let spool: Spool;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spool-'));
    spool = new Spool(dir, 7);
    await spool.init();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists pending uploads oldest first and keeps their bytes', async () => {
    await spool.add(id(2), new Uint8Array([2, 2]), new Date('2026-11-21T10:00:00.000Z'));
    await spool.add(id(1), new Uint8Array([1]), new Date('2026-11-21T09:00:00.000Z'));
    const pending = await spool.pending();
    expect(pending.map((e) => e.uploadId)).toEqual([id(1), id(2)]);
    expect(pending[0]!.createdAt.toISOString()).toBe('2026-11-21T09:00:00.000Z');
    expect([...(await spool.read(pending[1]!))]).toEqual([2, 2]);
  });

  it('moves acknowledged and rejected files out of pending, with the reason', async () => {
    const a = await spool.add(id(1), new Uint8Array([1]));
    const b = await spool.add(id(2), new Uint8Array([2]));
    await spool.markSent(a);
    const rejected = await spool.markRejected(b, { code: 'SCHEMA_VIOLATION', message: 'bad' });
    expect(await spool.pending()).toEqual([]);
    const stats = await spool.stats();
    expect(stats).toMatchObject({ pendingCount: 0, sentCount: 1, rejectedCount: 1 });
    expect(await readdir(join(dir, 'rejected'))).toContain(`${rejected.name}.reason.json`);
    expect((await spool.find(id(1))).state).toBe('sent');
  });

  it('drops half-written files on start and never shows them as pending', async () => {
    await writeFile(join(dir, 'tmp', `20261121T090000000Z-${id(9)}.zip`), 'partial');
    await new Spool(dir).init();
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    expect(await spool.pending()).toEqual([]);
  });

  it('prunes acknowledged files past retention but never pending ones', async () => {
    const old = new Date('2026-10-01T00:00:00.000Z');
    await spool.markSent(await spool.add(id(1), new Uint8Array([1]), old));
    await spool.add(id(2), new Uint8Array([2]), old);
    await spool.markSent(
      await spool.add(id(3), new Uint8Array([3]), new Date('2026-11-20T00:00:00.000Z')),
    );
    expect(await spool.prune(new Date('2026-11-21T00:00:00.000Z'))).toBe(1);
    expect((await spool.pending()).map((e) => e.uploadId)).toEqual([id(2)]);
    expect((await spool.list('sent')).map((e) => e.uploadId)).toEqual([id(3)]);
  });
});
