import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { LOGGER, type Logger } from '../../platform/logging/logger.js';
import { PlatformDb } from '../../platform/prisma/platform-db.js';

export const COMMAND_EXPIRY_JOB = 'commands.expire';

/**
 * Explicit cross-tenant job, every minute: commands past their TTL become EXPIRED even when
 * their agent never calls again (the pull also expires them, so this is only for what people
 * see). Each tenant whose commands expired gets an audit event.
 */
@Injectable()
export class CommandExpiryJob implements OnApplicationBootstrap {
  constructor(
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(PlatformDb) private readonly platformDb: PlatformDb,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.registerPeriodic({
      name: COMMAND_EXPIRY_JOB,
      cron: '* * * * *',
      handle: () => this.sweep().then(() => undefined),
    });
  }

  /** Expires what is overdue at `now`; returns how many commands expired. */
  async sweep(now = new Date()): Promise<number> {
    const changes = await this.platformDb.expireOverdueCommands(now, 'command-expiry');
    const expired = changes.reduce((sum, change) => sum + change.ids.length, 0);
    if (expired > 0)
      this.logger.info({ expired, tenants: changes.length }, 'expired overdue commands');
    return expired;
  }
}
