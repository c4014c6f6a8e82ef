import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public, Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import { BadUserInputError, UnauthenticatedError } from '../../platform/errors/domain.errors.js';
import { billingExportIdSchema } from './billing-exports.model.js';
import { BillingExportsService } from './billing-exports.service.js';

/**
 * A kept export:
 * - `GET /api/v1/billing-exports/<id>/download` with a session or an API key;
 * - `GET /api/v1/billing-exports/links/<token>`: the 15-minute signed link from
 *   `createBillingExportFileLink` (the link is the grant).
 */
@Controller('api/v1/billing-exports')
export class BillingExportsController {
  constructor(@Inject(BillingExportsService) private readonly exports: BillingExportsService) {}

  @Roles('DEALER_ADMIN', 'DEALER_BILLING')
  @Scopes('meters:read')
  @Get(':id/download')
  async download(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const parsed = billingExportIdSchema.safeParse(id);
    if (!parsed.success)
      throw new BadUserInputError('Invalid export id: must be an id', [
        { field: 'id', message: 'must be an id' },
      ]);
    send(res, await this.exports.content(parsed.data));
  }

  @Public()
  @Get('links/:token')
  async downloadLink(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const file = await this.exports.contentOfLink(token);
    if (!file) throw new UnauthenticatedError('This export link is invalid or has expired');
    send(res, file);
  }
}

function send(res: Response, file: { fileName: string; content: Buffer }): void {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
  res.end(file.content);
}
