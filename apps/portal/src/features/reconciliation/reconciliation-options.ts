/** The page's choices as kept in the URL: customer, billing day (YYYY-MM-DD), silent days. */
export type ReconciliationOptions = { customer: string; day: string; silentDays: number };

export const DEFAULT_SILENT_DAYS = 7;
/** Rows shown per section; the CSV has them all. */
export const ROWS_SHOWN = 200;

export function parseReconciliationOptions(params: URLSearchParams): ReconciliationOptions {
  const days = Number(params.get('silentDays'));
  const day = params.get('date') ?? '';
  return {
    customer: (params.get('customer') ?? '').trim(),
    day: /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : '',
    silentDays: Number.isInteger(days) && days >= 1 && days <= 365 ? days : DEFAULT_SILENT_DAYS,
  };
}

export function reconciliationSearchParams(options: ReconciliationOptions): URLSearchParams {
  const params = new URLSearchParams();
  if (options.customer) params.set('customer', options.customer);
  if (options.day) params.set('date', options.day);
  if (options.silentDays !== DEFAULT_SILENT_DAYS)
    params.set('silentDays', String(options.silentDays));
  return params;
}

/** The query's variables: the end of the chosen day (UTC) as the billing date, else now. */
export function reconciliationVariables(options: ReconciliationOptions) {
  return {
    customerId: options.customer || null,
    billingDate: options.day ? `${options.day}T23:59:59.999Z` : null,
    silentDays: options.silentDays,
  };
}
