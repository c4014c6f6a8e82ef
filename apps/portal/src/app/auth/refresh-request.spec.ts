// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { RefreshRefusedError } from './auth-session';
import { createRefreshRequest } from './refresh-request';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('createRefreshRequest', () => {
  it('posts the RefreshSession mutation and returns the rotated tokens', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(
      jsonResponse(200, {
        data: { refreshSession: { __typename: 'Session', accessToken: 'a2', refreshToken: 'r2' } },
      }),
    );
    const tokens = await createRefreshRequest('/graphql', fetchImpl)('r1');

    expect(tokens).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
    const [uri, init] = fetchImpl.mock.calls[0] ?? [];
    expect(uri).toBe('/graphql');
    const body = JSON.parse(init?.body as string) as { query: string; variables: unknown };
    expect(body.query).toContain('refreshSession(refreshToken: $refreshToken)');
    expect(body.variables).toEqual({ refreshToken: 'r1' });
  });

  it('treats UNAUTHENTICATED as a refusal', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(
      jsonResponse(200, {
        data: null,
        errors: [{ message: 'Refresh token revoked', extensions: { code: 'UNAUTHENTICATED' } }],
      }),
    );
    await expect(createRefreshRequest('/graphql', fetchImpl)('r1')).rejects.toBeInstanceOf(
      RefreshRefusedError,
    );
  });

  it('treats a server failure as transient, not a refusal', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(
      jsonResponse(500, {
        errors: [
          { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ],
      }),
    );
    const attempt = createRefreshRequest('/graphql', fetchImpl)('r1');
    await expect(attempt).rejects.toThrow('Session refresh failed (HTTP 500)');
    await expect(attempt).rejects.not.toBeInstanceOf(RefreshRefusedError);
  });
});
