import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Customer } from '../customers/customer.model.js';
import { CustomersService } from '../customers/customers.service.js';
import { User } from './user.model.js';

@Resolver(() => User)
export class UserCustomerResolver {
  constructor(@Inject(CustomersService) private readonly service: CustomersService) {}

  @ResolveField(() => Customer, { nullable: true, description: 'The customer of a customer user.' })
  customer(@Parent() user: User): Promise<Customer | null> {
    return user.customerId ? this.service.find(user.customerId) : Promise.resolve(null);
  }
}
