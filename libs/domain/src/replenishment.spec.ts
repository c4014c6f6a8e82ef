import {
  decideOrder,
  isNearDue,
  orderFulfilledBy,
  planDeviceOrders,
  selectRule,
  type ReplenishmentRuleSpec,
  type SupplyState,
} from './replenishment.js';
import type { SupplyForecast } from './supply-forecast.js';

const now = new Date('2026-05-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

const rule = (partial: Partial<ReplenishmentRuleSpec> = {}): ReplenishmentRuleSpec => ({
  id: 'r',
  customerId: null,
  model: null,
  supplyType: null,
  color: null,
  thresholdPercent: 15,
  forecastDays: null,
  leadTimeDays: 0,
  cooldownHours: 72,
  consolidate: true,
  enabled: true,
  ...partial,
});
const state = (partial: Partial<SupplyState> = {}): SupplyState => ({
  percent: 50,
  forecast: null,
  hasActiveOrder: false,
  lastOrderAt: null,
  ...partial,
});
const forecastIn = (
  days: number,
  confidence: 'LOW' | 'MEDIUM' | 'HIGH' = 'HIGH',
): SupplyForecast => ({
  kind: 'forecast',
  daysToEmpty: days,
  emptyAt: new Date(now.getTime() + days * 86_400_000),
  currentPercent: 40,
  percentPerDay: 1,
  pagesToEmpty: null,
  percentPer1000Pages: null,
  confidence,
  samples: 10,
  spanDays: 20,
  r2: 0.95,
  step: 1,
  since: now,
});

const subject = { customerId: 'c1', model: 'TASKalfa 2554ci', supplyType: 'toner', color: 'cyan' };

describe('selectRule', () => {
  const tenantWide = rule({ id: 'tenant' });
  const perType = rule({ id: 'type', supplyType: 'toner' });
  const perColour = rule({ id: 'colour', supplyType: 'toner', color: 'Cyan' });
  const perModel = rule({ id: 'model', model: 'taskalfa 2554CI' });
  const perCustomer = rule({ id: 'customer', customerId: 'c1' });
  const otherCustomer = rule({
    id: 'other',
    customerId: 'c2',
    model: 'TASKalfa 2554ci',
    supplyType: 'toner',
    color: 'cyan',
  });
  const disabled = rule({
    id: 'disabled',
    customerId: 'c1',
    model: 'TASKalfa 2554ci',
    enabled: false,
  });

  it('picks the most specific matching rule: customer > model > type > colour', () => {
    expect(selectRule([tenantWide, perType, perColour], subject)?.id).toBe('colour');
    expect(selectRule([tenantWide, perType, perColour, perModel], subject)?.id).toBe('model');
    expect(selectRule([perModel, perCustomer, perColour], subject)?.id).toBe('customer');
  });
  it('never picks another customer’s or a disabled rule', () => {
    expect(selectRule([otherCustomer, disabled, tenantWide], subject)?.id).toBe('tenant');
    expect(selectRule([otherCustomer, disabled], subject)).toBeNull();
  });
  it('compares model, type and colour case-insensitively and does not match missing values', () => {
    expect(selectRule([perColour], { ...subject, color: 'CYAN' })?.id).toBe('colour');
    expect(selectRule([perColour], { ...subject, color: null })).toBeNull();
  });
});

describe('decideOrder', () => {
  it('orders at or below the threshold', () => {
    expect(decideOrder(rule(), state({ percent: 15 }), now)).toEqual({
      order: true,
      reason: 'THRESHOLD',
    });
    expect(decideOrder(rule(), state({ percent: 16 }), now)).toEqual({
      order: false,
      reason: 'NOT_DUE',
    });
  });
  it('orders when the trusted forecast empties within forecast days + lead time', () => {
    const r = rule({ thresholdPercent: null, forecastDays: 10, leadTimeDays: 4 });
    expect(decideOrder(r, state({ forecast: forecastIn(14) }), now)).toEqual({
      order: true,
      reason: 'FORECAST',
    });
    expect(decideOrder(r, state({ forecast: forecastIn(14.5) }), now)).toEqual({
      order: false,
      reason: 'NOT_DUE',
    });
    expect(decideOrder(r, state({ forecast: forecastIn(3, 'LOW') }), now)).toEqual({
      order: false,
      reason: 'NOT_DUE',
    });
  });
  it('one active order per supply', () => {
    expect(decideOrder(rule(), state({ percent: 5, hasActiveOrder: true }), now)).toEqual({
      order: false,
      reason: 'ACTIVE_ORDER',
    });
  });
  it('respects the cooldown since the last order', () => {
    expect(
      decideOrder(
        rule({ cooldownHours: 72 }),
        state({ percent: 5, lastOrderAt: hoursAgo(71) }),
        now,
      ),
    ).toEqual({ order: false, reason: 'COOLDOWN' });
    expect(
      decideOrder(
        rule({ cooldownHours: 72 }),
        state({ percent: 5, lastOrderAt: hoursAgo(73) }),
        now,
      ),
    ).toEqual({ order: true, reason: 'THRESHOLD' });
  });
  it('needs a level or a forecast', () => {
    expect(decideOrder(rule(), state({ percent: null }), now)).toEqual({
      order: false,
      reason: 'NO_LEVEL',
    });
  });
});

describe('planDeviceOrders', () => {
  const tonerRule = rule({ id: 'toner', supplyType: 'toner', thresholdPercent: 10 });
  const cyan = { supplyKey: 'cyan', subject, ...state({ percent: 8 }) };
  const magenta = {
    supplyKey: 'magenta',
    subject: { ...subject, color: 'magenta' },
    ...state({ percent: 20 }),
  };
  const yellow = {
    supplyKey: 'yellow',
    subject: { ...subject, color: 'yellow' },
    ...state({ percent: 70 }),
  };
  const drum = {
    supplyKey: 'drum',
    subject: { ...subject, supplyType: 'drum', color: null },
    ...state({ percent: 5 }),
  };

  it('orders the due supply and consolidates near-threshold colours into the same shipment', () => {
    expect(
      planDeviceOrders([cyan, magenta, yellow, drum], [tonerRule], now).map((o) => [
        o.supplyKey,
        o.reason,
      ]),
    ).toEqual([
      ['cyan', 'THRESHOLD'],
      ['magenta', 'CONSOLIDATED'],
    ]);
  });
  it('does not consolidate when the rule says so', () => {
    expect(
      planDeviceOrders(
        [cyan, magenta],
        [rule({ supplyType: 'toner', thresholdPercent: 10, consolidate: false })],
        now,
      ).map((o) => o.supplyKey),
    ).toEqual(['cyan']);
  });
  it('orders nothing when nothing is due, even if something is near', () => {
    expect(planDeviceOrders([magenta, yellow], [tonerRule], now)).toEqual([]);
  });
  it('does not consolidate a supply that already has an active order', () => {
    expect(
      planDeviceOrders([cyan, { ...magenta, hasActiveOrder: true }], [tonerRule], now).map(
        (o) => o.supplyKey,
      ),
    ).toEqual(['cyan']);
  });
});

describe('isNearDue', () => {
  it('uses the forecast margin too', () => {
    const r = rule({ thresholdPercent: null, forecastDays: 7, leadTimeDays: 3 });
    expect(
      isNearDue(r, state({ forecast: forecastIn(20) }), now, { percentPoints: 10, days: 14 }),
    ).toBe(true);
    expect(
      isNearDue(r, state({ forecast: forecastIn(30) }), now, { percentPoints: 10, days: 14 }),
    ).toBe(false);
  });
});

describe('orderFulfilledBy', () => {
  it('a swap fulfils, a shaken cartridge does not', () => {
    expect(orderFulfilledBy(6, 100)).toBe(true);
    expect(orderFulfilledBy(6, 12)).toBe(false);
    expect(orderFulfilledBy(null, 100)).toBe(false);
    // Another cartridge serial is a swap though the level barely moved.
    expect(orderFulfilledBy(12, 14, { change: 'SWAP' })).toBe(true);
    expect(orderFulfilledBy(12, 14, { change: 'REFILL' })).toBe(false);
  });
});
