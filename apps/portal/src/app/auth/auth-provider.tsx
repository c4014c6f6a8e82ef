import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import {
  CurrentUserDocument,
  SignInDocument,
  SignOutDocument,
  type CurrentUserFragment,
} from '../../generated/graphql';
import type { AuthLinkContext } from './auth-link';
import type { AuthSession } from './auth-session';

export type AuthState =
  | { status: 'restoring' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; user: CurrentUserFragment }
  | { status: 'unavailable'; retry: () => void };

type AuthContextValue = {
  state: AuthState;
  signIn: (email: string, password: string, tenantSlug?: string) => Promise<void>;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<AuthContextValue | null>(null);

const noRefresh: AuthLinkContext = { skipAuthRefresh: true };

export function AuthProvider({ session, children }: { session: AuthSession; children: ReactNode }) {
  const client = useApolloClient();
  // Only the refresh token survives a reload: with one, we try to restore the session.
  const [active, setActive] = useState(() => session.hasRefreshToken());

  useEffect(
    () =>
      session.subscribe((signedIn) => {
        setActive(signedIn);
        // Nothing of the previous user may stay in the cache for the next one.
        if (!signedIn) void client.clearStore();
      }),
    [session, client],
  );

  const me = useQuery(CurrentUserDocument, { skip: !active, fetchPolicy: 'cache-first' });

  const signIn = useCallback(
    async (email: string, password: string, tenantSlug?: string) => {
      const result = await client.mutate({
        mutation: SignInDocument,
        variables: { email, password, tenantSlug: tenantSlug || null },
        context: noRefresh,
      });
      const signedIn = result.data?.signIn;
      if (!signedIn) throw new Error('Sign-in failed');
      await client.clearStore();
      client.writeQuery({
        query: CurrentUserDocument,
        data: { __typename: 'Query', me: signedIn.user },
      });
      session.start({ accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken });
    },
    [client, session],
  );

  const signOut = useCallback(async () => {
    const refreshToken = session.getRefreshToken();
    if (refreshToken !== null) {
      // Best effort: the local session ends either way.
      await client
        .mutate({ mutation: SignOutDocument, variables: { refreshToken } })
        .catch(() => undefined);
    }
    session.clear();
    await client.clearStore();
  }, [client, session]);

  const state = useMemo((): AuthState => {
    if (!active) return { status: 'signedOut' };
    const user = me.data?.me;
    if (user) return { status: 'signedIn', user };
    if (me.error) return { status: 'unavailable', retry: () => void me.refetch() };
    return { status: 'restoring' };
  }, [active, me]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() outside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered inside the signed-in layout. */
export function useCurrentUser(): CurrentUserFragment {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useCurrentUser() while not signed in');
  return state.user;
}
