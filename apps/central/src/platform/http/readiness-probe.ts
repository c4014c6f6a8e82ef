import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { DatabaseHandle } from '../database/database.js';
import { DATABASE_HANDLE } from '../prisma/database-handle.token.js';

/** `/ready` must answer within this, even while the database is frozen or unreachable. */
export const READINESS_TIMEOUT_MS = 1_000;

/**
 * The database check behind `/ready`, on a connection of its own (never the request pool, so a
 * saturated pool does not look like an outage, and a frozen database cannot pile probes into
 * it), bounded in time: connect and query each give up after READINESS_TIMEOUT_MS.
 */
@Injectable()
export class ReadinessProbe implements OnApplicationShutdown {
  private readonly pool: pg.Pool;

  constructor(@Inject(DATABASE_HANDLE) handle: Pick<DatabaseHandle, 'ownerUrl'>) {
    this.pool = new pg.Pool({
      connectionString: handle.ownerUrl,
      max: 1,
      connectionTimeoutMillis: READINESS_TIMEOUT_MS,
      query_timeout: READINESS_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      application_name: 'printbeat-readiness',
    });
    // An idle connection dropped by a database restart must not become an uncaught error.
    this.pool.on('error', () => undefined);
  }

  /** True when the database answered `SELECT 1` within the timeout. */
  async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), READINESS_TIMEOUT_MS);
    });
    const query = this.pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
