import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import {
  CreateNotificationPolicyDocument,
  type NotificationDeliveryMode,
  type UserRole,
} from '../../generated/graphql';
import { toggled } from '../../shared/selection';
import { ErrorState } from '../../shared/states';
import { CustomerPicker } from '../customers/customer-picker';
import {
  EVENT_LABELS,
  EVENT_TYPES,
  ROLE_LABELS,
  SEVERITIES,
  emptyPolicyForm,
  policyFormProblem,
  recipientRolesFor,
  toPolicyInput,
  type PolicyFormState,
} from './policy-form-state';

/** A new notification policy: which events, to whom, when. */
export function PolicyForm({
  role,
  locales,
  onCreated,
}: {
  role: UserRole;
  locales: readonly string[];
  onCreated: () => void;
}) {
  const [create, { loading, error, reset }] = useMutation(CreateNotificationPolicyDocument);
  const [form, setForm] = useState<PolicyFormState>(emptyPolicyForm);
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof PolicyFormState>(key: K, value: PolicyFormState[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const dealer = role === 'DEALER_ADMIN';
  const alertEvents = form.eventTypes.some(
    (type) => type === 'ALERT_OPENED' || type === 'ALERT_CLOSED',
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const found = policyFormProblem(form);
    setProblem(found);
    if (found) return;
    const result = await create({ variables: { input: toPolicyInput(form) } }).catch(() => null);
    if (result?.data?.createNotificationPolicy) {
      setForm(emptyPolicyForm());
      onCreated();
    }
  };

  return (
    <form
      className="form-grid"
      onSubmit={(event) => void submit(event)}
      aria-label="New notification policy"
    >
      <div className="field">
        <label htmlFor="policy-name">Name</label>
        <input id="policy-name" value={form.name} onChange={(e) => set('name', e.target.value)} />
      </div>
      {dealer && (
        <CustomerPicker
          label="Customer (empty: every customer)"
          value={form.customerId}
          onChange={(customerId) => set('customerId', customerId)}
        />
      )}
      <fieldset className="form-grid__wide">
        <legend>Events</legend>
        <div className="checkbox-list">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={form.eventTypes.includes(type)}
                onChange={() => set('eventTypes', toggled(form.eventTypes, type))}
              />
              {EVENT_LABELS[type]}
            </label>
          ))}
        </div>
      </fieldset>
      {alertEvents && (
        <>
          <fieldset>
            <legend>Alert severities (none: all)</legend>
            <div className="checkbox-list">
              {SEVERITIES.map((severity) => (
                <label key={severity} className="checkbox">
                  <input
                    type="checkbox"
                    checked={form.alertSeverities.includes(severity)}
                    onChange={() => set('alertSeverities', toggled(form.alertSeverities, severity))}
                  />
                  {severity.toLowerCase()}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor="policy-codes">Alert codes (empty: all)</label>
            <input
              id="policy-codes"
              placeholder="JAM, TONER_EMPTY"
              value={form.alertCodes}
              onChange={(e) => set('alertCodes', e.target.value)}
            />
          </div>
        </>
      )}
      <fieldset>
        <legend>Recipients by role</legend>
        <div className="checkbox-list">
          {recipientRolesFor(role).map((recipientRole) => (
            <label key={recipientRole} className="checkbox">
              <input
                type="checkbox"
                checked={form.recipientRoles.includes(recipientRole)}
                onChange={() => set('recipientRoles', toggled(form.recipientRoles, recipientRole))}
              />
              {ROLE_LABELS[recipientRole]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="policy-emails">Other addresses</label>
        <textarea
          id="policy-emails"
          rows={2}
          placeholder="service@dealer.example, one per line"
          value={form.recipientEmails}
          onChange={(e) => set('recipientEmails', e.target.value)}
        />
      </div>
      <fieldset>
        <legend>Delivery</legend>
        {(['IMMEDIATE', 'DAILY_DIGEST'] as NotificationDeliveryMode[]).map((mode) => (
          <label key={mode} className="checkbox">
            <input
              type="radio"
              name="policy-delivery"
              checked={form.deliveryMode === mode}
              onChange={() => set('deliveryMode', mode)}
            />
            {mode === 'IMMEDIATE' ? 'At once' : 'Daily digest'}
          </label>
        ))}
      </fieldset>
      {form.deliveryMode === 'DAILY_DIGEST' ? (
        <div className="field">
          <label htmlFor="policy-digest-hour">Digest at (hour)</label>
          <input
            id="policy-digest-hour"
            type="number"
            min={0}
            max={23}
            value={form.digestHour}
            onChange={(e) => set('digestHour', e.target.value)}
          />
        </div>
      ) : (
        <fieldset>
          <legend>Quiet hours (site time; held until they end)</legend>
          <label>
            From{' '}
            <input
              type="time"
              aria-label="Quiet from"
              value={form.quietFrom}
              onChange={(e) => set('quietFrom', e.target.value)}
            />
          </label>{' '}
          <label>
            until{' '}
            <input
              type="time"
              aria-label="Quiet until"
              value={form.quietUntil}
              onChange={(e) => set('quietUntil', e.target.value)}
            />
          </label>
        </fieldset>
      )}
      <div className="field">
        <label htmlFor="policy-zone">Time zone (when a site has none)</label>
        <input
          id="policy-zone"
          value={form.timeZone}
          onChange={(e) => set('timeZone', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="policy-locale">Language</label>
        <select
          id="policy-locale"
          value={form.locale}
          onChange={(e) => set('locale', e.target.value)}
        >
          {locales.map((locale) => (
            <option key={locale} value={locale}>
              {locale}
            </option>
          ))}
        </select>
      </div>
      {problem && (
        <p role="alert" className="form-grid__wide form-error">
          {problem}
        </p>
      )}
      {error && <ErrorState error={error} />}
      <div className="form-grid__wide">
        <button type="submit" className="button button--primary" disabled={loading}>
          Create policy
        </button>
      </div>
    </form>
  );
}
