import { ApolloLink } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { defer, from, Observable, of, switchMap, throwError, catchError } from 'rxjs';
import type { AuthSession } from './auth-session';

/** Operations that must never trigger a refresh (signing in, the refresh itself) set this in their context. */
export type AuthLinkContext = { skipAuthRefresh?: boolean };

const UNAUTHENTICATED = 'UNAUTHENTICATED';

export function isUnauthenticatedResult(result: ApolloLink.Result): boolean {
  return (result.errors ?? []).some((error) => error.extensions?.['code'] === UNAUTHENTICATED);
}

function isUnauthorizedResponse(error: unknown): boolean {
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * Puts the in-memory access token on every operation and, when central answers UNAUTHENTICATED
 * (expired access token), refreshes the session once and replays the operation with the new token.
 * After a reload only the refresh token is left, so the first operation refreshes before sending.
 */
export function createAuthLink(session: AuthSession): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const context = operation.getContext() as AuthLinkContext;
    const refreshAllowed = context.skipAuthRefresh !== true;
    let refreshed = false;

    const send = (token: string | null): Observable<ApolloLink.Result> =>
      defer(() => {
        operation.setContext(({ headers }: { headers?: Record<string, string> }) => {
          const next: Record<string, string> = { ...headers };
          if (token === null) delete next['authorization'];
          else next['authorization'] = `Bearer ${token}`;
          return { headers: next };
        });
        return forward(operation);
      });

    const mayRefresh = (): boolean => refreshAllowed && !refreshed;

    const refreshThen = (
      fallback: Observable<ApolloLink.Result>,
    ): Observable<ApolloLink.Result> => {
      refreshed = true;
      return from(session.refresh()).pipe(
        switchMap((token) => (token === null ? fallback : send(token))),
      );
    };

    const currentToken = session.getAccessToken();
    let firstToken: Observable<string | null> = of(currentToken);
    if (currentToken === null && refreshAllowed && session.hasRefreshToken()) {
      refreshed = true;
      firstToken = from(session.refresh());
    }

    return firstToken.pipe(
      switchMap((token) =>
        send(token).pipe(
          catchError((error: unknown) =>
            mayRefresh() && isUnauthorizedResponse(error)
              ? refreshThen(throwError(() => error))
              : throwError(() => error),
          ),
          switchMap((result) =>
            mayRefresh() && isUnauthenticatedResult(result) ? refreshThen(of(result)) : of(result),
          ),
        ),
      ),
    );
  });
}
