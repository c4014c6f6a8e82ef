import { Inject, Injectable } from '@nestjs/common';
import type { Customer as CustomerRow } from '@prisma/client';
import { canReachCustomer } from '../../platform/auth/customer-scope.js';
import {
  CREATED_AT_CURSOR_KEYS,
  createdAtCursor,
  toConnection,
  toPage,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import type { Customer } from './customer.model.js';
import type {
  CreateCustomerInput,
  CustomersArgs,
  SetCustomerConsentInput,
  UpdateCustomerInput,
} from './customer.inputs.js';
import { CustomersRepository } from './customers.repository.js';
import {
  CustomerAlreadyArchivedError,
  CustomerDeletionPendingError,
  CustomerNotArchivedError,
  CustomerNotFoundError,
  NoCustomerDeletionPendingError,
} from './customers.errors.js';

@Injectable()
export class CustomersService {
  constructor(
    @Inject(CustomersRepository) private readonly repository: CustomersRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
  ) {}

  async get(id: string): Promise<Customer> {
    const customer = await this.find(id);
    if (!customer) throw new CustomerNotFoundError(id);
    return customer;
  }

  /** The customer, or null when it does not exist for the caller. */
  async find(id: string): Promise<Customer | null> {
    const row = await this.db.run((tx) => this.repository.findById(tx, id));
    return row ? toCustomer(row) : null;
  }

  async list(args: CustomersArgs): Promise<ConnectionShape<Customer>> {
    const page = toPage(args, CREATED_AT_CURSOR_KEYS);
    const rows = await this.db.run((tx) =>
      this.repository.list(
        tx,
        { search: args.search },
        { take: page.first + 1, after: page.after },
      ),
    );
    return toConnection(rows, page.first, createdAtCursor, toCustomer);
  }

  create(input: CreateCustomerInput): Promise<Customer> {
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      const row = await this.repository.create(tx, {
        tenantId,
        name: input.name,
        externalRef: input.externalRef ?? null,
      });
      await this.audit.record(tx, {
        action: 'customer.create',
        targetType: 'Customer',
        targetId: row.id,
        customerId: row.id,
      });
      return toCustomer(row);
    });
  }

  update(input: UpdateCustomerInput): Promise<Customer> {
    return this.db.run(async (tx) => {
      const row = await this.repository.update(tx, input.id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.externalRef !== undefined ? { externalRef: input.externalRef } : {}),
      });
      if (!row) throw new CustomerNotFoundError(input.id);
      await this.audit.record(tx, {
        action: 'customer.update',
        targetType: 'Customer',
        targetId: row.id,
        customerId: row.id,
        details: { fields: Object.keys(input).filter((key) => key !== 'id') },
      });
      return toCustomer(row);
    });
  }

  setConsent(input: SetCustomerConsentInput): Promise<Customer> {
    if (!canReachCustomer(input.customerId)) throw new CustomerNotFoundError(input.customerId);
    return this.db.run(async (tx) => {
      const row = await this.repository.update(tx, input.customerId, {
        allowedCommandTypes: input.allowedCommandTypes,
      });
      if (!row) throw new CustomerNotFoundError(input.customerId);
      await this.audit.record(tx, {
        action: 'customer.consent',
        targetType: 'Customer',
        targetId: row.id,
        customerId: row.id,
        details: { allowedCommandTypes: input.allowedCommandTypes },
      });
      return toCustomer(row);
    });
  }

  /** Archives the customer: its agents are refused and its keys stop enrolling until restored. */
  archive(id: string): Promise<Customer> {
    return this.changeState(id, 'customer.archive', (existing) => {
      if (existing.archivedAt) throw new CustomerAlreadyArchivedError(id, existing.archivedAt);
      return { archivedAt: new Date() };
    });
  }

  /** Ends the archive of a customer with no pending deletion: its agents are accepted again. */
  restore(id: string): Promise<Customer> {
    return this.changeState(id, 'customer.restore', (existing) => {
      if (existing.deletionRequestedAt)
        throw new CustomerDeletionPendingError(id, existing.deletionRequestedAt);
      if (!existing.archivedAt) throw new CustomerNotArchivedError(id);
      return { archivedAt: null };
    });
  }

  /** Archives the customer (if not yet) and starts its deletion grace period. */
  requestDeletion(id: string): Promise<Customer> {
    return this.changeState(id, 'customer.deletion.request', (existing) => {
      if (existing.deletionRequestedAt)
        throw new CustomerDeletionPendingError(id, existing.deletionRequestedAt);
      const now = new Date();
      return { deletionRequestedAt: now, ...(existing.archivedAt ? {} : { archivedAt: now }) };
    });
  }

  /** Stops a pending deletion; the customer stays archived. */
  cancelDeletion(id: string): Promise<Customer> {
    return this.changeState(id, 'customer.deletion.cancel', (existing) => {
      if (!existing.deletionRequestedAt) throw new NoCustomerDeletionPendingError(id);
      return { deletionRequestedAt: null };
    });
  }

  /** One archive/deletion step: the customer as it is, the change `decide` allows, audited. */
  private changeState(
    id: string,
    action: string,
    decide: (existing: CustomerRow) => {
      archivedAt?: Date | null;
      deletionRequestedAt?: Date | null;
    },
  ): Promise<Customer> {
    return this.db.run(async (tx) => {
      const existing = await this.repository.findById(tx, id);
      if (!existing) throw new CustomerNotFoundError(id);
      const row = await this.repository.update(tx, id, decide(existing));
      if (!row) throw new CustomerNotFoundError(id);
      await this.audit.record(tx, {
        action,
        targetType: 'Customer',
        targetId: row.id,
        customerId: row.id,
      });
      return toCustomer(row);
    });
  }
}

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    externalRef: row.externalRef,
    allowedCommandTypes: row.allowedCommandTypes,
    archivedAt: row.archivedAt,
    deletionRequestedAt: row.deletionRequestedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
