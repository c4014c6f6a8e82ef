/** Nest provider token for the started database's `DatabaseHandle` (platform/database). */
export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');
