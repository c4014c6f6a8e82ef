/** The slice of configuration auth needs, so it does not depend on the whole AppConfig. */
export type AuthSettings = {
  refreshTokenTtlSeconds: number;
};

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
