import { Inject, Injectable } from '@nestjs/common';
import type { Site as SiteRow } from '@prisma/client';
import {
  createdAtCursor,
  decodeTimeCursor,
  PageArgs,
  toConnection,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { groupedBy, type RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { validated } from '../../platform/graphql/validated-args.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import type { Site } from './site.model.js';
import { SitesRepository } from './sites.repository.js';
import { toSite } from './sites.service.js';

type SitesPage = { take: number; after: { createdAt: Date; id: string } | null };

/** `Customer.sites` for a page of customers: one statement per page size and cursor. */
@Injectable()
export class CustomerSitesLoader {
  constructor(
    @Inject(SitesRepository) private readonly repository: SitesRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  async sitesOf(
    loaders: RequestLoaders,
    customerId: string,
    raw: PageArgs,
  ): Promise<ConnectionShape<Site>> {
    const args = validated(PageArgs.schema, raw);
    const rows = await loaders.load(this.sites, customerId, {
      take: args.first + 1,
      after: args.after ? decodeTimeCursor(args.after, 'createdAt') : null,
    });
    return toConnection(rows, args.first, createdAtCursor, toSite);
  }

  private readonly sites = async (
    customerIds: readonly string[],
    page: SitesPage,
  ): Promise<SiteRow[][]> => {
    const rows = await this.db.run((tx) => this.repository.listOfCustomers(tx, customerIds, page));
    return groupedBy(customerIds, rows, (row) => row.customerId);
  };
}
