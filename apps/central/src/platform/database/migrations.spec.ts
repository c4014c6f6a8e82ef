import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveAppRolePassword } from './app-role.js';
import { findMigrationsDir, readMigrations } from './migrations.js';

describe('readMigrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-migrations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists migration folders in name order with the SHA-256 of their SQL, as Prisma records it', () => {
    for (const name of ['20260102000000_second', '20260101000000_first']) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'migration.sql'), `-- ${name}\nSELECT 1;\n`);
    }
    mkdirSync(join(dir, '20260103000000_empty_folder'));
    writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');

    const migrations = readMigrations(dir);

    expect(migrations.map((migration) => migration.name)).toEqual([
      '20260101000000_first',
      '20260102000000_second',
    ]);
    expect(migrations[0]!.checksum).toBe(
      createHash('sha256').update('-- 20260101000000_first\nSELECT 1;\n').digest('hex'),
    );
    expect(migrations[0]!.sql).toBe('-- 20260101000000_first\nSELECT 1;\n');
  });

  it('finds the repository’s prisma/migrations, init before row-level security', () => {
    const found = findMigrationsDir();
    expect(found).toBe(join(process.cwd(), 'prisma', 'migrations'));
    const names = readMigrations(found).map((migration) => migration.name);
    expect(names.findIndex((name) => name.endsWith('_init'))).toBeLessThan(
      names.findIndex((name) => name.endsWith('_row_level_security')),
    );
    const rls = readFileSync(
      join(
        found,
        names.find((name) => name.endsWith('_row_level_security'))!,
        'migration.sql',
      ),
      'utf8',
    );
    expect(rls).toContain('FORCE ROW LEVEL SECURITY');
  });
});

describe('deriveAppRolePassword', () => {
  it('is stable for the same owner password and role, so replicas agree', () => {
    expect(deriveAppRolePassword('owner-secret', 'printbeat_app')).toBe(
      deriveAppRolePassword('owner-secret', 'printbeat_app'),
    );
    expect(deriveAppRolePassword('owner-secret', 'printbeat_app')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('changes with the owner password and with the role name', () => {
    const base = deriveAppRolePassword('owner-secret', 'printbeat_app');
    expect(deriveAppRolePassword('other-secret', 'printbeat_app')).not.toBe(base);
    expect(deriveAppRolePassword('owner-secret', 'other_app')).not.toBe(base);
    expect(base).not.toContain('owner-secret');
  });
});
