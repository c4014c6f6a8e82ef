import { useId, type ReactNode } from 'react';
import { CopyButton } from './copy-button';

/**
 * The panel that shows a secret central returns only once (API key, registration key, webhook
 * signing secret): what it is, the value to copy, and the button that hides it for good.
 */
export function SecretOnce({
  title,
  headingLevel = 2,
  doneLabel,
  onDone,
  children,
}: {
  title: ReactNode;
  /** The heading level that fits where the panel sits on its page. */
  headingLevel?: 2 | 3;
  doneLabel: string;
  onDone: () => void;
  /** The explanation and one `SecretValue` or more. */
  children: ReactNode;
}) {
  const titleId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="card secret-once" role="region" aria-labelledby={titleId}>
      <Heading id={titleId}>{title}</Heading>
      {children}
      <button type="button" className="button button--primary" onClick={onDone}>
        {doneLabel}
      </button>
    </div>
  );
}

/** A read-only value that selects itself on focus, with its copy button. */
export function SecretValue({
  label,
  value,
  hideLabel = false,
  copyLabel,
}: {
  label: string;
  value: string;
  /** For a value the text around it already names. */
  hideLabel?: boolean;
  copyLabel?: string;
}) {
  const inputId = useId();
  return (
    <div className="secret-once__value">
      <label htmlFor={inputId} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input id={inputId} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      <CopyButton value={value} label={copyLabel} />
    </div>
  );
}
