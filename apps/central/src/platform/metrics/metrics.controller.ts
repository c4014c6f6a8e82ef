import { timingSafeEqual, createHash } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Public } from '../auth/auth.decorators.js';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain.errors.js';
import { MetricsService } from './metrics.service.js';

/**
 * `GET /metrics` (Prometheus text format). Outside the user/API-key guard (`@Public`) because
 * a scraper is neither; it is protected here instead: with `METRICS_TOKEN` set, that bearer
 * token is required from everyone; without it, only loopback callers (a sidecar or a local
 * Prometheus) are answered. The socket address is used, never X-Forwarded-For.
 */
@Controller()
export class MetricsController {
  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('metrics')
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.authorize(req);
    const { contentType, body } = await this.metrics.scrape();
    res.status(200).setHeader('content-type', contentType).setHeader('cache-control', 'no-store');
    res.send(body);
  }

  private authorize(req: Request): void {
    const token = this.config.metricsToken;
    if (token) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!match?.[1] || !sameSecret(match[1], token.reveal())) {
        throw new UnauthenticatedError('A valid metrics token is required');
      }
      return;
    }
    if (!isLoopback(req.socket.remoteAddress)) {
      throw new ForbiddenError('Metrics are served to loopback callers only (set METRICS_TOKEN)');
    }
  }
}

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}
