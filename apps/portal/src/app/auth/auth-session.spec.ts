// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { AuthSession, REFRESH_TOKEN_STORAGE_KEY, RefreshRefusedError } from './auth-session';

function memoryStorage(): Storage {
  const values = new Map<string, string>();
  return {
    get length() {
      return values.size;
    },
    clear: () => values.clear(),
    key: (index: number) => [...values.keys()][index] ?? null,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

describe('AuthSession', () => {
  it('keeps the access token in memory and only the refresh token in storage', () => {
    const storage = memoryStorage();
    const session = new AuthSession(storage, vi.fn());
    session.start({ accessToken: 'access-1', refreshToken: 'refresh-1' });

    expect(session.getAccessToken()).toBe('access-1');
    expect(storage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('refresh-1');
    expect(storage.length).toBe(1);
  });

  it('rotates both tokens on refresh', async () => {
    const storage = memoryStorage();
    const refresh = vi
      .fn()
      .mockResolvedValue({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    const session = new AuthSession(storage, refresh);
    session.start({ accessToken: 'access-1', refreshToken: 'refresh-1' });

    await expect(session.refresh()).resolves.toBe('access-2');
    expect(refresh).toHaveBeenCalledWith('refresh-1');
    expect(session.getAccessToken()).toBe('access-2');
    expect(storage.getItem(REFRESH_TOKEN_STORAGE_KEY)).toBe('refresh-2');
  });

  it('shares one refresh request between concurrent callers', async () => {
    let resolve: (tokens: { accessToken: string; refreshToken: string }) => void = () => {};
    const refresh = vi.fn(
      () =>
        new Promise<{ accessToken: string; refreshToken: string }>((r) => {
          resolve = r;
        }),
    );
    const session = new AuthSession(memoryStorage(), refresh);
    session.start({ accessToken: 'old', refreshToken: 'refresh-1' });

    const first = session.refresh();
    const second = session.refresh();
    resolve({ accessToken: 'new', refreshToken: 'refresh-2' });

    await expect(Promise.all([first, second])).resolves.toEqual(['new', 'new']);
    expect(refresh).toHaveBeenCalledTimes(1);

    // a later refresh is a new request with the rotated token
    refresh.mockResolvedValueOnce({ accessToken: 'newer', refreshToken: 'refresh-3' });
    await expect(session.refresh()).resolves.toBe('newer');
    expect(refresh).toHaveBeenLastCalledWith('refresh-2');
  });

  it('ends the session when central refuses the refresh token', async () => {
    const storage = memoryStorage();
    const session = new AuthSession(storage, vi.fn().mockRejectedValue(new RefreshRefusedError()));
    const listener = vi.fn();
    session.subscribe(listener);
    session.start({ accessToken: 'a', refreshToken: 'r' });

    await expect(session.refresh()).resolves.toBeNull();
    expect(session.getAccessToken()).toBeNull();
    expect(session.hasRefreshToken()).toBe(false);
    expect(listener.mock.calls).toEqual([[true], [false]]);
  });

  it('keeps the session when central cannot be reached', async () => {
    const session = new AuthSession(
      memoryStorage(),
      vi.fn().mockRejectedValue(new TypeError('Failed to fetch')),
    );
    session.start({ accessToken: 'a', refreshToken: 'r' });

    await expect(session.refresh()).rejects.toThrow('Failed to fetch');
    expect(session.hasRefreshToken()).toBe(true);
    expect(session.getAccessToken()).toBe('a');
  });

  it('resolves to null without asking central when there is no refresh token', async () => {
    const refresh = vi.fn();
    const session = new AuthSession(memoryStorage(), refresh);
    await expect(session.refresh()).resolves.toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });
});
