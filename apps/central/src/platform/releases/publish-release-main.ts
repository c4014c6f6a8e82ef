import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { loadConfigFromEnvironment } from '../../config/config.js';
import { ConfigError } from '../../config/config.errors.js';
import { startDatabase } from '../database/database.js';
import { createLogger } from '../logging/logger.js';
import { publishRelease } from './publish-release.js';
import { ReleaseRejected } from './release-manifest.js';

const USAGE = `Usage:
  publish-release --manifest <file.manifest.jws> --artifact <file.tar.gz> [--channel stable|beta]

Stores an agent release built and signed by \`npm run release:build\` for agents to download
(same configuration and database as central). Central never signs: agents verify the manifest
with the release key pinned at their installation. The channel defaults to stable.`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Exit codes: 0 published, 1 failed, 2 usage or refusal. */
async function main(args: string[]): Promise<number> {
  const manifestFile = option(args, '--manifest');
  const artifactFile = option(args, '--artifact');
  const channel = (option(args, '--channel') ?? 'stable').toUpperCase();
  if (!manifestFile || !artifactFile || (channel !== 'STABLE' && channel !== 'BETA')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfigFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const [manifestJws, artifact] = await Promise.all([
    readFile(manifestFile, 'utf8'),
    readFile(artifactFile),
  ]);
  const logger = createLogger({ level: 'warn' });
  const database = await startDatabase({
    databaseUrl: config.databaseUrl?.reveal(),
    databaseAppUrl: config.databaseAppUrl?.reveal(),
    dataDir: config.postgresDataDir,
    port: config.postgresPort ?? undefined,
    embeddedPostgresHome: config.embeddedPostgresHome ?? undefined,
    log: logger.child({ component: 'database' }),
  });
  const pool = new pg.Pool({ connectionString: database.ownerUrl, max: 1 });
  try {
    const release = await publishRelease(pool, {
      manifestJws,
      artifact,
      channel,
    });
    process.stdout.write(
      `Published agent ${release.version} for ${release.platform} on ${release.channel.toLowerCase()} (${release.size} bytes, SHA-256 ${release.sha256}) as ${release.id}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ReleaseRejected) {
      process.stderr.write(`Release refused: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await pool.end();
    await database.stop();
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
