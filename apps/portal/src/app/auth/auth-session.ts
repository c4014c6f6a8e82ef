export type SessionTokens = {
  accessToken: string;
  refreshToken: string;
};

/** Thrown by a RefreshRequest when central refuses the refresh token (expired, revoked, reused). */
export class RefreshRefusedError extends Error {
  readonly code = 'REFRESH_REFUSED';
  constructor(message = 'The session has ended') {
    super(message);
    this.name = 'RefreshRefusedError';
  }
}

/**
 * Exchanges a refresh token for a new token pair. Rejects with RefreshRefusedError when central
 * refuses it; any other rejection is taken as transient (network down) and keeps the session.
 */
export type RefreshRequest = (refreshToken: string) => Promise<SessionTokens>;

export type SessionListener = (signedIn: boolean) => void;

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const REFRESH_TOKEN_STORAGE_KEY = 'printbeat.refreshToken';

/**
 * Holds the session tokens of the signed-in user.
 *
 * The access token lives only in memory: it is what every request carries, so keeping it out of
 * storage means an injected script that reads storage later does not get a working bearer token,
 * and nothing is left behind on a shared machine. The refresh token goes to sessionStorage (the
 * app passes `window.sessionStorage`): it survives a page reload within the tab, but dies with the
 * tab, so a dealer's shared office PC does not stay signed in for the next person, and it is not
 * shared with other tabs that could rotate it under us. Central rotates the refresh token on every
 * refresh, so a stolen old one is worthless.
 */
export class AuthSession {
  private accessToken: string | null = null;
  private inflightRefresh: Promise<string | null> | null = null;
  private readonly listeners = new Set<SessionListener>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly refreshRequest: RefreshRequest,
  ) {}

  getAccessToken(): string | null {
    return this.accessToken;
  }

  hasRefreshToken(): boolean {
    return this.storage.getItem(REFRESH_TOKEN_STORAGE_KEY) !== null;
  }

  getRefreshToken(): string | null {
    return this.storage.getItem(REFRESH_TOKEN_STORAGE_KEY);
  }

  start(tokens: SessionTokens): void {
    this.accessToken = tokens.accessToken;
    this.storage.setItem(REFRESH_TOKEN_STORAGE_KEY, tokens.refreshToken);
    this.emit(true);
  }

  clear(): void {
    const wasSignedIn = this.accessToken !== null || this.hasRefreshToken();
    this.accessToken = null;
    this.storage.removeItem(REFRESH_TOKEN_STORAGE_KEY);
    if (wasSignedIn) this.emit(false);
  }

  /**
   * Gets a fresh access token. Concurrent callers share one request: several queries failing with
   * UNAUTHENTICATED at the same moment must not each spend the (single-use) refresh token.
   * Resolves to null, and ends the session, when the refresh token is missing or refused; rejects
   * (session kept) when central could not be reached.
   */
  refresh(): Promise<string | null> {
    if (this.inflightRefresh) return this.inflightRefresh;
    const refreshToken = this.storage.getItem(REFRESH_TOKEN_STORAGE_KEY);
    if (refreshToken === null) {
      this.clear();
      return Promise.resolve(null);
    }
    const attempt = this.refreshRequest(refreshToken).then(
      (tokens) => {
        this.accessToken = tokens.accessToken;
        this.storage.setItem(REFRESH_TOKEN_STORAGE_KEY, tokens.refreshToken);
        return tokens.accessToken;
      },
      (error: unknown) => {
        if (!(error instanceof RefreshRefusedError)) throw error;
        this.clear();
        return null;
      },
    );
    this.inflightRefresh = attempt.finally(() => {
      this.inflightRefresh = null;
    });
    return this.inflightRefresh;
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(signedIn: boolean): void {
    for (const listener of this.listeners) listener(signedIn);
  }
}
