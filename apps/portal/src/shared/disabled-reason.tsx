import { useId, type ButtonHTMLAttributes, type ReactNode } from 'react';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> & {
  /** Why the button cannot be used now (shown under it), or null when it can. */
  reason: ReactNode | null;
  /** A request is in flight: disabled without a reason of its own. */
  busy?: boolean;
};

/** A button that never sits silently disabled: when it cannot be used it says why. */
export function ReasonedButton({ reason, busy = false, children, ...button }: Props) {
  const id = useId();
  const blocked = reason !== null && reason !== false;
  return (
    <>
      <button
        {...button}
        disabled={busy || blocked}
        aria-describedby={blocked ? id : button['aria-describedby']}
      >
        {children}
      </button>
      {blocked && (
        <small id={id} className="disabled-reason">
          {reason}
        </small>
      )}
    </>
  );
}
