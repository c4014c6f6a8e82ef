import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '../../platform/graphql/request-loaders.js';
import { Customer } from '../customers/customer.model.js';
import { CustomerLoader } from '../customers/customer.loader.js';
import { User } from './user.model.js';

@Resolver(() => User)
export class UserCustomerResolver {
  constructor(@Inject(CustomerLoader) private readonly customers: CustomerLoader) {}

  @ResolveField(() => Customer, { nullable: true, description: 'The customer of a customer user.' })
  customer(@Parent() user: User, @Loaders() loaders: RequestLoaders): Promise<Customer | null> {
    return user.customerId ? this.customers.find(loaders, user.customerId) : Promise.resolve(null);
  }
}
