import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DEALER_ROLES, Public, Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import { BadUserInputError, UnauthenticatedError } from '../../platform/errors/domain.errors.js';
import { MeterExportInput } from './usage.inputs.js';
import { MeterExportService, type MeterExportRequest } from './meter-export.service.js';

/**
 * The billing export CSV (columns: usage README), one row per device and billed meter, then
 * per-customer totals:
 * - `GET /api/v1/meters/export.csv?from=…&to=…[&customerId=…][&counters=total,mono][&bom=true]`
 *   with a session or an API key holding `meters:read`;
 * - `GET /api/v1/meters/exports/<token>`: the short-lived signed link from the
 *   `createMeterExport` mutation (no Authorization header needed: the link is the grant).
 */
@Controller('api/v1/meters')
export class MeterExportController {
  constructor(@Inject(MeterExportService) private readonly exports: MeterExportService) {}

  @Roles(...DEALER_ROLES, 'CUSTOMER_ADMIN')
  @Scopes('meters:read')
  @Get('export.csv')
  async export(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const request = parseQuery(query);
    await this.exports.assertVisible(request);
    start(res, request);
    await this.exports.stream(request, res);
  }

  @Public()
  @Get('exports/:token')
  async download(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const grant = this.exports.grantOf(token);
    if (!grant) throw new UnauthenticatedError('This export link is invalid or has expired');
    start(res, {
      customerId: grant.customerId,
      from: new Date(grant.from),
      to: new Date(grant.to),
      counters: grant.counters,
      bom: grant.bom ?? false,
    });
    await this.exports.streamGrant(grant, res);
  }
}

function parseQuery(query: Record<string, unknown>): MeterExportRequest {
  const counters =
    typeof query['counters'] === 'string' && query['counters'] !== ''
      ? query['counters'].split(',')
      : null;
  const parsed = MeterExportInput.schema.safeParse({
    customerId: query['customerId'],
    from: typeof query['from'] === 'string' ? new Date(query['from']) : undefined,
    to: typeof query['to'] === 'string' ? new Date(query['to']) : undefined,
    counters,
    bom: flag(query['bom']),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.'),
      message: issue.message,
    }));
    throw new BadUserInputError(
      `Invalid export request: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return {
    customerId: parsed.data.customerId ?? null,
    from: parsed.data.from,
    to: parsed.data.to,
    counters: parsed.data.counters ?? null,
    bom: parsed.data.bom ?? false,
  };
}

/** `bom=true|1|false|0`; anything else is passed on for the schema to refuse by name. */
function flag(value: unknown): unknown {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}

function start(res: Response, request: MeterExportRequest): void {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader(
    'content-disposition',
    `attachment; filename="billing-${request.customerId ?? 'all'}-${day(request.from)}-${day(request.to)}.csv"`,
  );
}
