import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type pg from 'pg';
import type { Logger } from 'pino';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { DatabaseHandle } from '../database/database.js';
import { TooManyRequestsError } from '../errors/domain.errors.js';
import { LOGGER } from '../logging/logger.js';
import { DATABASE_HANDLE } from '../prisma/database-handle.token.js';
import { createPool } from '../prisma/prisma-client.factory.js';
import {
  RATE_LIMIT_TABLE,
  deleteExpiredCounters,
  ensureRateLimitTable,
} from './rate-limit-store.js';

/** Longest wait one account+address pair can be given after failed sign-ins. */
export const MAX_SIGN_IN_BACKOFF_SECONDS = 15 * 60;
/** Failures are counted over this window (from the first one), unless a success resets them. */
const SIGN_IN_FAILURE_MEMORY_SECONDS = 24 * 60 * 60;

/**
 * Seconds the next attempt of an account from one address must wait after `failures`
 * consecutive failed sign-ins there: none before the `free`-th, then 5, 10, 20 … s.
 */
export function signInBackoffSeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_SIGN_IN_BACKOFF_SECONDS, 5 * 2 ** Math.min(failures - free, 20));
}

/**
 * Every rate limit of central, counted in PostgreSQL so all replicas share them
 * (rate-limiter-flexible, one table in its own schema, on a small pool of its own). If the
 * database cannot be reached the limits fall back to per-replica memory rather than
 * refusing everyone.
 *
 * - sign-in: every attempt per source address; failures per account and address with a
 *   growing wait. A correct password from an address without failures is never refused.
 * - enrollment: every attempt per source address.
 * - authenticated requests: per principal (user or API key).
 * - password-reset requests: per source address and per named e-mail address.
 */
@Injectable()
export class RateLimits implements OnModuleInit, OnApplicationShutdown {
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private readonly signInPerAddress: RateLimiterAbstract;
  private readonly signInFailures: RateLimiterAbstract;
  private readonly signInBackoff: RateLimiterAbstract;
  private readonly enrollPerAddress: RateLimiterAbstract;
  private readonly requestsPerPrincipal: RateLimiterAbstract;
  private readonly passwordResetPerAddress: RateLimiterAbstract;
  private readonly passwordResetPerEmail: RateLimiterAbstract;
  private readonly signInFreeFailures: number;
  private cleanup: NodeJS.Timeout | null = null;

  constructor(
    @Inject(DATABASE_HANDLE) handle: DatabaseHandle,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.schema = config.rateLimitSchema;
    this.signInFreeFailures = config.signInFreeFailures;
    this.pool = createPool(handle.ownerUrl, { maxConnections: 4 });
    // An idle connection dropped by a database restart must not take the process down.
    this.pool.on('error', (error) =>
      this.logger.warn({ err: error }, 'rate-limit pool connection lost'),
    );
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterPostgres({
        storeClient: this.pool,
        storeType: 'pool',
        schemaName: this.schema,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
      }) as unknown as RateLimiterAbstract;
    this.signInPerAddress = limiter('sign-in', config.signInRateLimitPerMinute, 60);
    this.signInFailures = limiter('sign-in-failures', 1_000_000, SIGN_IN_FAILURE_MEMORY_SECONDS);
    this.signInBackoff = limiter('sign-in-backoff', 1, 1);
    this.enrollPerAddress = limiter('enroll', config.enrollRateLimitPerMinute, 60);
    this.requestsPerPrincipal = limiter('requests', config.requestRateLimitPerMinute, 60);
    this.passwordResetPerAddress = limiter(
      'password-reset',
      config.passwordResetRateLimitPerHour,
      60 * 60,
    );
    this.passwordResetPerEmail = limiter(
      'password-reset-email',
      config.passwordResetPerEmailPerHour,
      60 * 60,
    );
  }

  async onModuleInit(): Promise<void> {
    await ensureRateLimitTable(this.pool, this.schema);
    this.cleanup = setInterval(() => {
      deleteExpiredCounters(this.pool, this.schema).catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not delete expired rate-limit counters'),
      );
    }, 10 * 60_000);
    this.cleanup.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.cleanup) clearInterval(this.cleanup);
    await this.pool.end();
  }

  /** Before checking a password: the address's attempts, then this account's back-off there. */
  async signInAttempt(account: string, address: string | null): Promise<void> {
    const wait = Math.max(
      await consume(this.signInPerAddress, address ?? 'unknown'),
      await blockedFor(this.signInBackoff, accountAtAddress(account, address)),
    );
    if (wait > 0)
      throw new TooManyRequestsError(`Too many sign-in attempts; try again in ${wait} s`, wait);
  }

  async signInFailed(account: string, address: string | null): Promise<void> {
    const key = accountAtAddress(account, address);
    const failures = (await this.signInFailures.penalty(key, 1)).consumedPoints;
    const wait = signInBackoffSeconds(failures, this.signInFreeFailures);
    if (wait > 0) await this.signInBackoff.block(key, wait);
  }

  async signInSucceeded(account: string, address: string | null): Promise<void> {
    const key = accountAtAddress(account, address);
    await Promise.all([this.signInFailures.delete(key), this.signInBackoff.delete(key)]);
  }

  /** Seconds until an enrollment from `address` may be tried; 0: go ahead (one is counted). */
  enrollmentAttempt(address: string): Promise<number> {
    return consume(this.enrollPerAddress, address);
  }

  /**
   * One "forgot password" request: counted per source address and per named e-mail address
   * (hashed), known or not, so the answer never tells whether an account exists.
   */
  async passwordResetRequest(email: string, address: string | null): Promise<void> {
    const wait = Math.max(
      await consume(this.passwordResetPerAddress, address ?? 'unknown'),
      await consume(this.passwordResetPerEmail, hashedAccount(email)),
    );
    if (wait > 0)
      throw new TooManyRequestsError(
        `Too many password reset requests; try again in ${wait} s`,
        wait,
      );
  }

  /** One authenticated request of `principal` (a log-safe actor id such as `user:…`). */
  async request(principal: string): Promise<void> {
    const wait = await consume(this.requestsPerPrincipal, principal);
    if (wait > 0) throw new TooManyRequestsError(`Too many requests; try again in ${wait} s`, wait);
  }
}

/** Takes a point: 0 when allowed, else the whole seconds until one is back. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return seconds(refusal.msBeforeNext);
    throw refusal;
  }
}

async function blockedFor(limiter: RateLimiterAbstract, key: string): Promise<number> {
  const state = await limiter.get(key);
  return state && state.consumedPoints > limiter.points ? seconds(state.msBeforeNext) : 0;
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Accounts are hashed: the counters table holds no e-mail addresses. */
function accountAtAddress(account: string, address: string | null): string {
  return `${hashedAccount(account)}@${address ?? 'unknown'}`;
}

function hashedAccount(account: string): string {
  return createHash('sha256').update(account.trim().toLowerCase()).digest('hex');
}
