import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty" role="status">
      <p className="state__title">{title}</p>
      {children && <div className="state__body">{children}</div>}
    </div>
  );
}

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** A message fit for a person: central's error codes mapped to what they mean for them. */
export function describeError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    switch (first?.extensions?.['code']) {
      case 'FORBIDDEN':
        return 'You do not have access to this.';
      case 'NOT_FOUND':
        return 'Not found. It may have been removed, or it is not yours to see.';
      case 'UNAUTHENTICATED':
        return 'Your session has ended. Please sign in again.';
      case 'BAD_USER_INPUT':
      case 'CONFLICT':
        return first.message;
      default:
        return first?.message ?? 'Something went wrong.';
    }
  }
  if (error instanceof Error && /fetch|network/i.test(error.message)) {
    return 'Central cannot be reached. Check your connection and try again.';
  }
  return 'Something went wrong.';
}

/** Field-level problems from a BAD_USER_INPUT error (`extensions.problems`). */
export function fieldProblems(error: unknown): Array<{ field: string; message: string }> {
  if (!CombinedGraphQLErrors.is(error)) return [];
  const problems = error.errors[0]?.extensions?.['problems'];
  if (!Array.isArray(problems)) return [];
  return (problems as unknown[]).filter(
    (p): p is { field: string; message: string } =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as Record<string, unknown>)['field'] === 'string' &&
      typeof (p as Record<string, unknown>)['message'] === 'string',
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const title = describeError(error);
  // Central's input errors already name every problem in their message; list only the rest.
  const problems = fieldProblems(error).filter((problem) => !title.includes(problem.message));
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{title}</p>
      {problems.length > 0 && (
        <ul className="state__problems">
          {problems.map((problem) => (
            <li key={`${problem.field}:${problem.message}`}>
              <strong>{problem.field}</strong> {problem.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
