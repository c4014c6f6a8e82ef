import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../auth/auth.decorators.js';
import { ReadinessProbe } from './readiness-probe.js';

/** Liveness (`/health`: the process answers) and readiness (`/ready`: the database answers). */
@Controller()
export class HealthController {
  constructor(@Inject(ReadinessProbe) private readonly probe: ReadinessProbe) {}

  @Public()
  @Get('health')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @HttpCode(200)
  async ready(): Promise<{ status: 'ready' }> {
    if (!(await this.probe.databaseAnswers())) {
      throw new ServiceUnavailableException({ code: 'NOT_READY', message: 'Database unavailable' });
    }
    return { status: 'ready' };
  }
}
