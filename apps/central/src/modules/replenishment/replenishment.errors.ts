import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
} from '../../platform/errors/domain.errors.js';

export class ReplenishmentRuleNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('ReplenishmentRule', id);
  }
}

export class SupplyOrderNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('SupplyOrder', id);
  }
}

export class SupplyOrderTransitionError extends ConflictError {
  constructor(from: string, to: string) {
    super(`A ${from} order cannot become ${to}`, { from, to });
  }
}

export class RuleWithoutTriggerError extends BadUserInputError {
  constructor() {
    super('A rule needs a threshold percent or forecast days', [
      { field: 'thresholdPercent', message: 'or forecastDays must be set' },
    ]);
  }
}
