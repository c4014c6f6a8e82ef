import { Inject, Injectable } from '@nestjs/common';
import { oneBy, type RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import type { Customer } from './customer.model.js';
import { CustomersRepository } from './customers.repository.js';
import { toCustomer } from './customers.service.js';

/** Customers by id for the rows of one request (e.g. `User.customer`), in one statement. */
@Injectable()
export class CustomerLoader {
  constructor(
    @Inject(CustomersRepository) private readonly repository: CustomersRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  /** The customer, or null when it does not exist for the caller. */
  find(loaders: RequestLoaders, id: string): Promise<Customer | null> {
    return loaders.load(this.byIds, id, undefined);
  }

  private readonly byIds = async (ids: readonly string[]): Promise<(Customer | null)[]> => {
    const rows = await this.db.run((tx) => this.repository.findByIds(tx, ids));
    return oneBy(ids, rows.map(toCustomer), (customer) => customer.id);
  };
}
