import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import { BadUserInputError } from '../../platform/errors/domain.errors.js';
import { billingExportIdSchema } from './billing-exports.model.js';
import { BillingExportsService } from './billing-exports.service.js';

/** `GET /api/v1/billing-exports/<id>/download`: a kept export, with a session or API key. */
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
    const file = await this.exports.content(parsed.data);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
    res.end(file.content);
  }
}
