import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, Scopes, TENANT_ROLES } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { Customer, CustomerConnection } from './customer.model.js';
import {
  CreateCustomerInput,
  CustomersArgs,
  SetCustomerConsentInput,
  UpdateCustomerInput,
} from './customer.inputs.js';
import { CustomersService } from './customers.service.js';

@Resolver(() => Customer)
export class CustomersResolver {
  constructor(@Inject(CustomersService) private readonly service: CustomersService) {}

  @Roles(...TENANT_ROLES)
  @Scopes('customers:read')
  @Query(() => CustomerConnection, {
    description: 'Customers of the tenant (a customer user sees only its own).',
  })
  customers(@Args() args: CustomersArgs): Promise<CustomerConnection> {
    return this.service.list(args);
  }

  @Roles(...TENANT_ROLES)
  @Scopes('customers:read')
  @Query(() => Customer)
  customer(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Customer> {
    return this.service.get(id);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => Customer)
  createCustomer(@Args('input') input: CreateCustomerInput): Promise<Customer> {
    return this.service.create(input);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => Customer)
  updateCustomer(@Args('input') input: UpdateCustomerInput): Promise<Customer> {
    return this.service.update(input);
  }

  @Roles('DEALER_ADMIN', 'CUSTOMER_ADMIN')
  @Mutation(() => Customer, {
    description: 'Which remote actions may be queued for this customer.',
  })
  setCustomerConsent(@Args('input') input: SetCustomerConsentInput): Promise<Customer> {
    return this.service.setConsent(input);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => Customer, {
    description:
      'Archives the customer: its agents are refused and its registration keys stop enrolling until `restoreCustomer`. Refused (CONFLICT) when already archived.',
  })
  archiveCustomer(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Customer> {
    return this.service.archive(id);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => Customer, {
    description:
      'Ends the archive of a customer: its agents are accepted again. Refused (CONFLICT) when not archived or while a deletion is pending (cancel it first).',
  })
  restoreCustomer(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Customer> {
    return this.service.restore(id);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => Customer, {
    description:
      'Archives the customer and deletes all its data (devices, readings, agents, users…) after the grace period of `retentionSettings`; `cancelCustomerDeletion` stops it until then. Refused (CONFLICT) when a deletion is already pending.',
  })
  requestCustomerDeletion(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Customer> {
    return this.service.requestDeletion(id);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => Customer, {
    description:
      'Stops a pending deletion; the customer stays archived. Refused (CONFLICT) when no deletion is pending.',
  })
  cancelCustomerDeletion(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<Customer> {
    return this.service.cancelDeletion(id);
  }
}
