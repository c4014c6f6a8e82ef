import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import {
  CreateReplenishmentRuleDocument,
  DeleteReplenishmentRuleDocument,
  ReplenishmentRulesDocument,
  SupplyOrdersDocument,
  UpdateReplenishmentRuleDocument,
  UpdateSupplyOrderDocument,
  type SupplyOrdersQuery,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable } from '../../shared/data-table';
import { formatDateTime } from '../../shared/format';
import { Page } from '../../shared/page';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { CustomerPicker } from '../customers/customer-picker';
import { CustomerName } from '../customers/names';
import { DeviceLink } from '../devices/device-name';

type Order = SupplyOrdersQuery['supplyOrders']['edges'][number]['node'];
type OrderStatus = Order['status'];

export function SuppliesPage() {
  return (
    <Page title="Supplies">
      <p className="lead">
        Rules turn low or soon-empty supplies into orders. One order stays open per device and
        supply; swapping the cartridge fulfils it.
      </p>
      <h2>Open orders</h2>
      <Orders statuses={['OPEN', 'EXPORTED', 'SHIPPED']} caption="Open supply orders" />
      <h2>Replenishment rules</h2>
      <Rules />
      <h2>Order history</h2>
      <Orders statuses={['FULFILLED', 'CANCELLED']} caption="Closed supply orders" />
    </Page>
  );
}

const NEXT_STATUS: Partial<Record<OrderStatus, { to: OrderStatus; label: string }>> = {
  OPEN: { to: 'EXPORTED', label: 'Mark exported' },
  EXPORTED: { to: 'SHIPPED', label: 'Mark shipped' },
};

function Orders({ statuses, caption }: { statuses: OrderStatus[]; caption: string }) {
  const [customerId, setCustomerId] = useState('');
  const pagination = useCursorPagination(25, customerId);
  const orders = useQuery(SupplyOrdersDocument, {
    variables: { status: statuses, customerId: customerId || null, ...pagination.variables },
  });
  const [update, updating] = useMutation(UpdateSupplyOrderDocument);
  const open = statuses.includes('OPEN');

  const setStatus = async (id: string, status: OrderStatus) => {
    await update({ variables: { id, input: { status } } }).catch(() => null);
    void orders.refetch();
  };

  return (
    <>
      <div className="toolbar filters">
        <CustomerPicker
          label={`${caption}: customer`}
          value={customerId}
          onChange={setCustomerId}
        />
      </div>
      {updating.error && <ErrorState error={updating.error} />}
      <DataTable
        caption={caption}
        rows={nodesOf(orders.data?.supplyOrders)}
        rowKey={(order) => order.id}
        loading={orders.loading}
        error={orders.error}
        onRetry={() => void orders.refetch()}
        emptyTitle={open ? 'No open orders' : 'No closed orders yet'}
        pagination={pagination}
        pageInfo={orders.data?.supplyOrders.pageInfo}
        columns={[
          { key: 'created', header: 'Ordered', render: (order) => formatDateTime(order.createdAt) },
          {
            key: 'customer',
            header: 'Customer',
            render: (order) => <CustomerName id={order.customerId} />,
          },
          {
            key: 'device',
            header: 'Device',
            render: (order) => <DeviceLink id={order.deviceId} />,
          },
          {
            key: 'supply',
            header: 'Supply',
            render: (order) => (
              <>
                {order.partNumber ?? order.supplyKey} × {order.quantity}
                <div className="muted small">{order.reason}</div>
              </>
            ),
          },
          {
            key: 'level',
            header: 'At order',
            render: (order) =>
              [
                order.percentAtOrder !== null ? `${Math.round(order.percentAtOrder)}%` : null,
                order.daysToEmptyAtOrder !== null
                  ? `${Math.round(order.daysToEmptyAtOrder)} days left`
                  : null,
              ]
                .filter(Boolean)
                .join(', ') || '—',
          },
          {
            key: 'status',
            header: 'State',
            render: (order) => <span className="badge">{order.status.toLowerCase()}</span>,
          },
          ...(open
            ? [
                {
                  key: 'actions',
                  header: 'Actions',
                  render: (order: Order) => (
                    <div className="button-row">
                      {NEXT_STATUS[order.status] && (
                        <button
                          type="button"
                          className="button"
                          disabled={updating.loading}
                          onClick={() =>
                            void setStatus(order.id, NEXT_STATUS[order.status]?.to ?? order.status)
                          }
                        >
                          {NEXT_STATUS[order.status]?.label}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button--quiet"
                        disabled={updating.loading}
                        onClick={() => void setStatus(order.id, 'CANCELLED')}
                      >
                        Cancel
                      </button>
                    </div>
                  ),
                },
              ]
            : [
                {
                  key: 'closed',
                  header: 'Closed',
                  render: (order: Order) => formatDateTime(order.fulfilledAt ?? order.cancelledAt),
                },
              ]),
        ]}
      />
    </>
  );
}

function Rules() {
  const pagination = useCursorPagination(25);
  const rules = useQuery(ReplenishmentRulesDocument, { variables: pagination.variables });
  const [updateRule, updating] = useMutation(UpdateReplenishmentRuleDocument);
  const [deleteRule, deleting] = useMutation(DeleteReplenishmentRuleDocument);

  return (
    <>
      <CreateRuleForm onCreated={() => void rules.refetch()} />
      {(updating.error ?? deleting.error) && (
        <ErrorState error={updating.error ?? deleting.error} />
      )}
      <DataTable
        caption="Replenishment rules"
        rows={nodesOf(rules.data?.replenishmentRules)}
        rowKey={(rule) => rule.id}
        loading={rules.loading}
        error={rules.error}
        onRetry={() => void rules.refetch()}
        emptyTitle="No rules: no orders are created"
        pagination={pagination}
        pageInfo={rules.data?.replenishmentRules.pageInfo}
        columns={[
          { key: 'name', header: 'Rule', render: (rule) => rule.name },
          {
            key: 'scope',
            header: 'Applies to',
            render: (rule) => (
              <>
                {rule.customerId ? <CustomerName id={rule.customerId} /> : 'All customers'}
                <div className="muted small">
                  {[rule.model, rule.supplyType, rule.color].filter(Boolean).join(' · ') ||
                    'every supply'}
                </div>
              </>
            ),
          },
          {
            key: 'when',
            header: 'Orders when',
            render: (rule) =>
              [
                rule.thresholdPercent !== null ? `≤ ${rule.thresholdPercent}%` : null,
                rule.forecastDays !== null ? `≤ ${rule.forecastDays} days to empty` : null,
              ]
                .filter(Boolean)
                .join(' or '),
          },
          {
            key: 'timing',
            header: 'Lead time / cooldown',
            render: (rule) =>
              `${rule.leadTimeDays} d / ${rule.cooldownHours} h${rule.consolidate ? ' · consolidated' : ''}`,
          },
          {
            key: 'enabled',
            header: 'Enabled',
            render: (rule) => (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={rule.enabled}
                  disabled={updating.loading}
                  aria-label={`Rule ${rule.name} enabled`}
                  onChange={(event) =>
                    void updateRule({
                      variables: { id: rule.id, input: { enabled: event.target.checked } },
                      // The switch moves at once; a refusal from central puts it back.
                      optimisticResponse: {
                        __typename: 'Mutation',
                        updateReplenishmentRule: { ...rule, enabled: event.target.checked },
                      },
                    }).catch(() => null)
                  }
                />
              </label>
            ),
          },
          {
            key: 'actions',
            header: 'Actions',
            render: (rule) => (
              <button
                type="button"
                className="button button--danger"
                disabled={deleting.loading}
                aria-label={`Delete rule ${rule.name}`}
                onClick={() => {
                  if (!window.confirm(`Delete the rule “${rule.name}”? Existing orders stay.`))
                    return;
                  void deleteRule({ variables: { id: rule.id } })
                    .then(() => rules.refetch())
                    .catch(() => null);
                }}
              >
                Delete
              </button>
            ),
          },
        ]}
      />
    </>
  );
}

const SUPPLY_TYPES = [
  'toner',
  'inkCartridge',
  'opc',
  'developer',
  'fuser',
  'wasteToner',
  'transferBelt',
  'staples',
];

function CreateRuleForm({ onCreated }: { onCreated: () => void }) {
  const [create, { loading, error, reset }] = useMutation(CreateReplenishmentRuleDocument);
  const empty = {
    name: '',
    customerId: '',
    model: '',
    supplyType: 'toner',
    color: '',
    thresholdPercent: '15',
    forecastDays: '10',
    leadTimeDays: '3',
    cooldownHours: '72',
    consolidate: true,
  };
  const [form, setForm] = useState(empty);
  const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = await create({
      variables: {
        input: {
          name: form.name.trim(),
          customerId: form.customerId || null,
          model: form.model.trim() || null,
          supplyType: form.supplyType || null,
          color: form.color.trim() || null,
          thresholdPercent: numberOrNull(form.thresholdPercent),
          forecastDays: numberOrNull(form.forecastDays),
          leadTimeDays: numberOrNull(form.leadTimeDays),
          cooldownHours: numberOrNull(form.cooldownHours),
          consolidate: form.consolidate,
        },
      },
    }).catch(() => null);
    if (result?.data) {
      setForm(empty);
      onCreated();
    }
  };

  const field = (key: keyof typeof empty, label: string, props: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`rule-${key}`}>{label}</label>
      <input
        id={`rule-${key}`}
        value={String(form[key])}
        onChange={(event) => setForm({ ...form, [key]: event.target.value })}
        {...props}
      />
    </div>
  );

  return (
    <details className="card disclosure">
      <summary>New rule</summary>
      <form
        className="form-grid"
        onSubmit={(event) => void submit(event)}
        aria-label="New replenishment rule"
      >
        {field('name', 'Name', { required: true, placeholder: 'e.g. Toner, all customers' })}
        <CustomerPicker
          label="Customer (empty: all)"
          value={form.customerId}
          onChange={(customerId) => setForm({ ...form, customerId })}
        />
        {field('model', 'Model (optional)', { placeholder: 'e.g. ECOSYS M6630cidn' })}
        <div className="field">
          <label htmlFor="rule-supplyType">Supply type</label>
          <select
            id="rule-supplyType"
            value={form.supplyType}
            onChange={(event) => setForm({ ...form, supplyType: event.target.value })}
          >
            <option value="">Any</option>
            {SUPPLY_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        {field('color', 'Colour (optional)', { placeholder: 'e.g. cyan' })}
        {field('thresholdPercent', 'Order at or below (%)', {
          type: 'number',
          min: 0,
          max: 100,
          step: 'any',
        })}
        {field('forecastDays', 'Or days to empty at most', { type: 'number', min: 0, max: 365 })}
        {field('leadTimeDays', 'Delivery lead time (days)', { type: 'number', min: 0, max: 60 })}
        {field('cooldownHours', 'Cooldown after an order (hours)', {
          type: 'number',
          min: 0,
          max: 8760,
        })}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.consolidate}
            onChange={(event) => setForm({ ...form, consolidate: event.target.checked })}
          />
          Ship near-threshold colours of one device together
        </label>
        {error && <ErrorState error={error} />}
        <div className="form-grid__wide">
          <button type="submit" className="button button--primary" disabled={loading}>
            Create rule
          </button>
        </div>
      </form>
    </details>
  );
}
