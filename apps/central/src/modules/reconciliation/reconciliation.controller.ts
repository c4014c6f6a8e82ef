import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DEALER_ROLES, Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import { BadUserInputError } from '../../platform/errors/domain.errors.js';
import { DEFAULT_SILENT_DAYS, reconciliationArgsSchema } from './reconciliation.inputs.js';
import { reconciliationCsv } from './reconciliation-csv.js';
import { ReconciliationService } from './reconciliation.service.js';

/**
 * `GET /api/v1/reconciliation.csv[?customerId=…][&billingDate=…][&silentDays=7][&bom=true]`
 * with a session or an API key holding `meters:read` (columns: README).
 */
@Controller('api/v1')
export class ReconciliationController {
  constructor(@Inject(ReconciliationService) private readonly service: ReconciliationService) {}

  @Roles(...DEALER_ROLES)
  @Scopes('meters:read')
  @Get('reconciliation.csv')
  async csv(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const text = (key: string) =>
      typeof query[key] === 'string' && query[key] !== '' ? query[key] : undefined;
    const billingDate = text('billingDate');
    const silentDays = text('silentDays');
    const parsed = reconciliationArgsSchema.safeParse({
      customerId: text('customerId'),
      billingDate: billingDate === undefined ? undefined : new Date(billingDate),
      silentDays: silentDays === undefined ? undefined : Number(silentDays),
    });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        message: issue.message,
      }));
      throw new BadUserInputError(
        `Invalid reconciliation request: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
        problems,
      );
    }
    const report = await this.service.report({
      customerId: parsed.data.customerId ?? null,
      billingDate: parsed.data.billingDate ?? new Date(),
      silentDays: parsed.data.silentDays ?? DEFAULT_SILENT_DAYS,
    });
    const day = report.billingDate.toISOString().slice(0, 10);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-disposition', `attachment; filename="reconciliation-${day}.csv"`);
    res.end(reconciliationCsv(report, { bom: text('bom') === 'true' || text('bom') === '1' }));
  }
}
