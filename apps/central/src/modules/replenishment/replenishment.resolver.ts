import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DEALER_ROLES, Roles, Scopes } from '../../platform/auth/auth.decorators.js';
import { IdPipe } from '../../platform/graphql/id.pipe.js';
import { PageArgs } from '../../platform/graphql/pagination.js';
import {
  CreateReplenishmentRuleInput,
  SupplyOrdersArgs,
  UpdateReplenishmentRuleInput,
  UpdateSupplyOrderInput,
} from './replenishment.inputs.js';
import {
  ReplenishmentRule,
  ReplenishmentRuleConnection,
  SupplyOrder,
  SupplyOrderConnection,
} from './replenishment.model.js';
import { ReplenishmentRulesService } from './replenishment-rules.service.js';
import { SupplyOrdersService } from './supply-orders.service.js';

@Resolver(() => ReplenishmentRule)
export class ReplenishmentResolver {
  constructor(
    @Inject(ReplenishmentRulesService) private readonly rules: ReplenishmentRulesService,
    @Inject(SupplyOrdersService) private readonly orders: SupplyOrdersService,
  ) {}

  @Roles(...DEALER_ROLES)
  @Query(() => ReplenishmentRuleConnection)
  replenishmentRules(@Args() args: PageArgs): Promise<ReplenishmentRuleConnection> {
    return this.rules.list({ first: args.first ?? 20, after: args.after ?? null });
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => ReplenishmentRule)
  createReplenishmentRule(
    @Args('input') input: CreateReplenishmentRuleInput,
  ): Promise<ReplenishmentRule> {
    return this.rules.create(input);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => ReplenishmentRule)
  updateReplenishmentRule(
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('input') input: UpdateReplenishmentRuleInput,
  ): Promise<ReplenishmentRule> {
    return this.rules.update(id, input);
  }

  @Roles('DEALER_ADMIN')
  @Mutation(() => Boolean)
  deleteReplenishmentRule(@Args('id', { type: () => ID }, IdPipe) id: string): Promise<boolean> {
    return this.rules.delete(id);
  }

  @Roles(...DEALER_ROLES, 'CUSTOMER_ADMIN', 'CUSTOMER_VIEWER')
  @Scopes('supplies:read')
  @Query(() => SupplyOrderConnection, { description: 'Supply orders, newest first.' })
  supplyOrders(@Args() args: SupplyOrdersArgs): Promise<SupplyOrderConnection> {
    return this.orders.list(args);
  }

  @Roles('DEALER_ADMIN', 'DEALER_TECHNICIAN', 'DEALER_BILLING')
  @Scopes('supplies:write')
  @Mutation(() => SupplyOrder, {
    description:
      'Move an order along OPEN → EXPORTED → SHIPPED → FULFILLED, or CANCELLED; set the ERP reference.',
  })
  updateSupplyOrder(
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('input') input: UpdateSupplyOrderInput,
  ): Promise<SupplyOrder> {
    return this.orders.update(id, input);
  }
}
