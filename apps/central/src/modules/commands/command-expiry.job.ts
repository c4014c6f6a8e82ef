import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../platform/logging/logger.js';
import { PrismaService } from '../../platform/prisma/prisma.service.js';

const SWEEP_EVERY_MS = 60_000;

/**
 * Explicit cross-tenant job: commands past their TTL become EXPIRED even when their agent
 * never calls again (the pull also expires them, so this is only for what people see).
 */
@Injectable()
export class CommandExpiryJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () =>
        void this.sweep().catch((error: unknown) =>
          this.logger.warn({ err: error }, 'command expiry sweep failed'),
        ),
      SWEEP_EVERY_MS,
    );
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<number> {
    const { count } = await this.prisma.command.updateMany({
      where: { status: { in: ['PENDING', 'DELIVERED'] }, expiresAt: { lte: now } },
      data: { status: 'EXPIRED', completedAt: now },
    });
    if (count > 0) this.logger.info({ expired: count }, 'expired overdue commands');
    return count;
  }
}
