import pg from 'pg';
import { closeWithin } from '../close-within.js';

/** How long a test app may take to close before the run is told what is still open. */
const TEST_CLOSE_DEADLINE_MS = 30_000;

/**
 * Closes a test app within a deadline. A late close writes what the database is doing (the
 * sessions that are not idle, and who waits on whom) and the process's open resources to
 * stderr, so a hang in CI says where it is instead of failing a hook after minutes.
 */
export async function closeTestApp(close: () => Promise<void>, label: string): Promise<void> {
  await closeWithin(close, TEST_CLOSE_DEADLINE_MS, async () => {
    const activity = await describeDatabaseActivity().catch(
      (error: unknown) => `(database activity unavailable: ${String(error)})`,
    );
    process.stderr.write(
      `${label}: app.close() still running after ${TEST_CLOSE_DEADLINE_MS / 1000} s; not waiting further.\n` +
        `open resources: ${process.getActiveResourcesInfo().join(', ')}\n${activity}\n`,
    );
  });
}

async function describeDatabaseActivity(): Promise<string> {
  const url = process.env['PRINTBEAT_TEST_DATABASE_URL'];
  if (!url) return '(no test database)';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      pid: number;
      app: string;
      state: string;
      waiting: string | null;
      blocked_by: number[];
      age: string;
      query: string;
    }>(
      `SELECT pid, application_name AS app, state, wait_event_type || ':' || wait_event AS waiting,
              pg_blocking_pids(pid) AS blocked_by, (now() - xact_start)::text AS age, left(query, 200) AS query
         FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
    );
    return rows.map((row) => JSON.stringify(row)).join('\n') || '(no busy database sessions)';
  } finally {
    await client.end();
  }
}
