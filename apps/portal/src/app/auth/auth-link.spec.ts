// @vitest-environment node
import { ApolloClient, ApolloLink, gql, InMemoryCache } from '@apollo/client';
import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { createAuthLink } from './auth-link';
import { AuthSession, RefreshRefusedError } from './auth-session';

const ME = gql`
  query Me {
    me {
      id
    }
  }
`;

/** A fake central: accepts only the given access token, records the authorization headers it saw. */
function fakeCentral(validToken: () => string) {
  const seen: Array<string | undefined> = [];
  const link = new ApolloLink((operation) => {
    const headers = (operation.getContext()['headers'] ?? {}) as Record<string, string>;
    seen.push(headers['authorization']);
    if (headers['authorization'] === `Bearer ${validToken()}`) {
      return of({ data: { me: { __typename: 'User', id: 'user-1' } } });
    }
    return of({
      data: null,
      errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });
  return { link, seen };
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

function clientFor(session: AuthSession, central: ApolloLink) {
  return new ApolloClient({
    link: ApolloLink.from([createAuthLink(session), central]),
    cache: new InMemoryCache(),
  });
}

describe('createAuthLink', () => {
  it('sends the access token as a bearer token', async () => {
    const session = new AuthSession(memoryStorage(), vi.fn());
    session.start({ accessToken: 'good', refreshToken: 'r1' });
    const central = fakeCentral(() => 'good');

    const result = await clientFor(session, central.link).query({ query: ME });

    expect(result.data).toEqual({ me: { __typename: 'User', id: 'user-1' } });
    expect(central.seen).toEqual(['Bearer good']);
  });

  it('refreshes once on UNAUTHENTICATED and replays the operation with the new token', async () => {
    const refresh = vi.fn().mockResolvedValue({ accessToken: 'fresh', refreshToken: 'r2' });
    const session = new AuthSession(memoryStorage(), refresh);
    session.start({ accessToken: 'expired', refreshToken: 'r1' });
    const central = fakeCentral(() => 'fresh');

    const result = await clientFor(session, central.link).query({ query: ME });

    expect(result.data).toEqual({ me: { __typename: 'User', id: 'user-1' } });
    expect(central.seen).toEqual(['Bearer expired', 'Bearer fresh']);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('r1');
  });

  it('refreshes before the first request after a reload (refresh token only)', async () => {
    const storage = memoryStorage();
    new AuthSession(storage, vi.fn()).start({ accessToken: 'lost-on-reload', refreshToken: 'r1' });
    const refresh = vi.fn().mockResolvedValue({ accessToken: 'fresh', refreshToken: 'r2' });
    const reloaded = new AuthSession(storage, refresh);
    const central = fakeCentral(() => 'fresh');

    await clientFor(reloaded, central.link).query({ query: ME });

    expect(central.seen).toEqual(['Bearer fresh']);
  });

  it('gives up and signs out when the refresh is refused, without looping', async () => {
    const refresh = vi.fn().mockRejectedValue(new RefreshRefusedError());
    const session = new AuthSession(memoryStorage(), refresh);
    const signedIn = vi.fn();
    session.start({ accessToken: 'expired', refreshToken: 'r1' });
    session.subscribe(signedIn);
    const central = fakeCentral(() => 'never');

    const result = await clientFor(session, central.link).query({ query: ME, errorPolicy: 'all' });

    expect(result.error?.message).toContain('Unauthenticated');
    expect(central.seen).toEqual(['Bearer expired']);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(signedIn).toHaveBeenCalledWith(false);
  });

  it('does not retry a second time when the new token is refused too', async () => {
    let refreshes = 0;
    const refresh = vi.fn(() =>
      Promise.resolve({ accessToken: `t${++refreshes}`, refreshToken: 'r' }),
    );
    const session = new AuthSession(memoryStorage(), refresh);
    session.start({ accessToken: 't0', refreshToken: 'r' });
    const central = fakeCentral(() => 'never');

    await clientFor(session, central.link).query({ query: ME, errorPolicy: 'all' });

    expect(central.seen).toEqual(['Bearer t0', 'Bearer t1']);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('never refreshes for operations marked skipAuthRefresh (sign in)', async () => {
    const refresh = vi.fn();
    const session = new AuthSession(memoryStorage(), refresh);
    session.start({ accessToken: 'expired', refreshToken: 'r1' });
    const central = fakeCentral(() => 'never');

    await clientFor(session, central.link).query({
      query: ME,
      errorPolicy: 'all',
      context: { skipAuthRefresh: true },
    });

    expect(refresh).not.toHaveBeenCalled();
  });
});
