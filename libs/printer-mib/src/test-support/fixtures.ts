import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The in-repo copy of the real printer walks (fixtures/snmp at the repository root). */
export const FIXTURES_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../fixtures/snmp',
);

/** Every walk file, as paths relative to FIXTURES_DIR (`librenms/xerox.snmprec`, …). */
export function listFixtureFiles(): string[] {
  const files: string[] = [];
  for (const directory of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
    if (!directory.isDirectory()) continue;
    for (const file of readdirSync(join(FIXTURES_DIR, directory.name))) {
      if (/\.(snmprec|walk|json)$/.test(file))
        files.push(relative(FIXTURES_DIR, join(FIXTURES_DIR, directory.name, file)));
    }
  }
  return files.sort();
}

export function readFixture(path: string): string {
  return readFileSync(join(FIXTURES_DIR, path), 'utf8');
}
