import type { CreateApiKeyMutationVariables } from '../../generated/graphql';

export type ApiKeyScope = CreateApiKeyMutationVariables['input']['scopes'][number];

const SCOPE_LABELS: Readonly<Record<ApiKeyScope, string>> = {
  METERS_READ: 'Read meters and usage',
  SUPPLIES_READ: 'Read supplies and orders',
  SUPPLIES_WRITE: 'Update supply orders',
  DEVICES_READ: 'Read devices',
  ALERTS_READ: 'Read alerts',
  CUSTOMERS_READ: 'Read customers',
};

export const API_KEY_SCOPE_OPTIONS = (Object.keys(SCOPE_LABELS) as ApiKeyScope[]).map((scope) => ({
  scope,
  label: SCOPE_LABELS[scope],
}));
