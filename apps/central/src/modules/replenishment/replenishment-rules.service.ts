import { Inject, Injectable } from '@nestjs/common';
import type { ReplenishmentRule as RuleRow } from '@prisma/client';
import { canReachCustomer } from '../../platform/auth/customer-scope.js';
import { invalidInput } from '../../platform/errors/input-problems.js';
import {
  offsetOf,
  toOffsetConnection,
  type ConnectionShape,
} from '../../platform/graphql/pagination.js';
import { TenantPrisma } from '../../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../../platform/tenancy/tenant-context.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  CreateReplenishmentRuleInput,
  UpdateReplenishmentRuleInput,
} from './replenishment.inputs.js';
import type { ReplenishmentRule } from './replenishment.model.js';
import { ReplenishmentRuleNotFoundError, RuleWithoutTriggerError } from './replenishment.errors.js';
import { ReplenishmentRepository } from './replenishment.repository.js';

@Injectable()
export class ReplenishmentRulesService {
  constructor(
    @Inject(ReplenishmentRepository) private readonly repository: ReplenishmentRepository,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(args: {
    first: number;
    after: string | null;
  }): Promise<ConnectionShape<ReplenishmentRule>> {
    const skip = args.after ? offsetOf(args.after) : 0;
    const rows = await this.db.run((tx) =>
      this.repository.listRules(tx, { take: args.first + 1, skip }),
    );
    return toOffsetConnection(rows, args.first, skip, toRule);
  }

  create(input: CreateReplenishmentRuleInput): Promise<ReplenishmentRule> {
    if (input.thresholdPercent == null && input.forecastDays == null)
      throw new RuleWithoutTriggerError();
    const { tenantId } = tenantContext.get();
    return this.db.run(async (tx) => {
      if (
        input.customerId &&
        (!canReachCustomer(input.customerId) ||
          !(await tx.customer.findFirst({ where: { id: input.customerId } })))
      ) {
        throw invalidInput('Unknown customer', [
          { field: 'customerId', message: 'is not a customer of this dealer' },
        ]);
      }
      const row = await this.repository.createRule(tx, {
        tenantId,
        name: input.name,
        customerId: input.customerId ?? null,
        model: input.model ?? null,
        supplyType: input.supplyType ?? null,
        color: input.color ?? null,
        thresholdPercent: input.thresholdPercent ?? null,
        forecastDays: input.forecastDays ?? null,
        ...(input.leadTimeDays !== undefined ? { leadTimeDays: input.leadTimeDays } : {}),
        ...(input.cooldownHours !== undefined ? { cooldownHours: input.cooldownHours } : {}),
        ...(input.consolidate !== undefined ? { consolidate: input.consolidate } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      });
      await this.audit.record(tx, {
        action: 'replenishment_rule.create',
        targetType: 'ReplenishmentRule',
        targetId: row.id,
        details: { name: row.name },
      });
      return toRule(row);
    });
  }

  update(id: string, input: UpdateReplenishmentRuleInput): Promise<ReplenishmentRule> {
    return this.db.run(async (tx) => {
      const existing = await this.repository.findRule(tx, id);
      if (!existing) throw new ReplenishmentRuleNotFoundError(id);
      const threshold =
        input.thresholdPercent !== undefined ? input.thresholdPercent : existing.thresholdPercent;
      const days = input.forecastDays !== undefined ? input.forecastDays : existing.forecastDays;
      if (threshold == null && days == null) throw new RuleWithoutTriggerError();
      if (input.customerId && !(await tx.customer.findFirst({ where: { id: input.customerId } }))) {
        throw invalidInput('Unknown customer', [
          { field: 'customerId', message: 'is not a customer of this dealer' },
        ]);
      }
      const data = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined),
      );
      const row = await this.repository.updateRule(tx, id, data);
      if (!row) throw new ReplenishmentRuleNotFoundError(id);
      await this.audit.record(tx, {
        action: 'replenishment_rule.update',
        targetType: 'ReplenishmentRule',
        targetId: id,
        details: { fields: Object.keys(data) },
      });
      return toRule(row);
    });
  }

  delete(id: string): Promise<boolean> {
    return this.db.run(async (tx) => {
      if (!(await this.repository.deleteRule(tx, id))) throw new ReplenishmentRuleNotFoundError(id);
      await this.audit.record(tx, {
        action: 'replenishment_rule.delete',
        targetType: 'ReplenishmentRule',
        targetId: id,
      });
      return true;
    });
  }
}

function toRule(row: RuleRow): ReplenishmentRule {
  return {
    id: row.id,
    name: row.name,
    customerId: row.customerId,
    model: row.model,
    supplyType: row.supplyType,
    color: row.color,
    thresholdPercent: row.thresholdPercent,
    forecastDays: row.forecastDays,
    leadTimeDays: row.leadTimeDays,
    cooldownHours: row.cooldownHours,
    consolidate: row.consolidate,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
