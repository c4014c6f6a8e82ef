import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { createAuthLink } from './auth/auth-link';
import type { AuthSession } from './auth/auth-session';

export const GRAPHQL_URI = '/graphql';

export function createApolloClient(session: AuthSession): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([createAuthLink(session), new HttpLink({ uri: GRAPHQL_URI })]),
    // Lists are paginated page by page, not merged: each page is its own cache entry keyed by
    // its arguments (Apollo's default), which suits numbered pages over large fleets.
    cache: new InMemoryCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  });
}
