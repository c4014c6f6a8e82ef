import { print } from 'graphql';
import { RefreshSessionDocument, type RefreshSessionMutation } from '../../generated/graphql';
import { RefreshRefusedError, type RefreshRequest } from './auth-session';

/** Error codes with which central refuses a refresh token for good (anything else is transient). */
const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND']);

type GraphqlResponse<T> = {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: unknown } }>;
};

/**
 * The refresh goes straight to central with fetch, outside the Apollo link chain: it must not
 * pass through the auth link that is waiting for it.
 */
export function createRefreshRequest(uri: string, fetchImpl: typeof fetch = fetch): RefreshRequest {
  const query = print(RefreshSessionDocument);
  return async (refreshToken) => {
    const response = await fetchImpl(uri, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ operationName: 'RefreshSession', query, variables: { refreshToken } }),
    });
    if (response.status === 401) throw new RefreshRefusedError();
    const body = (await response
      .json()
      .catch(() => null)) as GraphqlResponse<RefreshSessionMutation> | null;
    const refusal = body?.errors?.find((error) =>
      REFUSAL_CODES.has(String(error.extensions?.code)),
    );
    if (refusal) throw new RefreshRefusedError(refusal.message);
    const session = body?.data?.refreshSession;
    if (!session) throw new Error(`Session refresh failed (HTTP ${response.status})`);
    return { accessToken: session.accessToken, refreshToken: session.refreshToken };
  };
}
