/** Every scope an API key can hold. Add new ones here; the GraphQL enum follows. */
export const API_KEY_SCOPES = [
  'meters:read',
  'supplies:read',
  'supplies:write',
  'devices:read',
  'alerts:read',
  'customers:read',
] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}
