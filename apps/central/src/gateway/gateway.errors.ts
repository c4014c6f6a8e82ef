/** Codes of docs/agent-protocol.md that are the gateway's own (payload codes come from @printbeat/payload). */
export type GatewayErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_CSR'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CERTIFICATE_REQUIRED'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_UNTRUSTED'
  | 'CERTIFICATE_REVOKED'
  | 'AGENT_REVOKED'
  | 'AGENT_DISABLED'
  | 'REGISTRATION_KEY_INVALID'
  | 'REGISTRATION_KEY_EXPIRED'
  | 'REGISTRATION_KEY_USED_UP'
  | 'RATE_LIMITED'
  | 'COMMAND_NOT_FOUND'
  | 'COMMAND_FINAL'
  | 'TOO_LARGE'
  | 'INTERNAL_ERROR';

/** The tenant a refusal belongs to, when known (e.g. an expired key of that tenant): audited there. */
export type RefusalScope = {
  tenantId: string;
  customerId: string | null;
  details?: Record<string, string>;
};

/** A refusal the gateway answers with `{ error: { code, message, requestId } }` and `status`. */
export class GatewayHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: GatewayErrorCode,
    message: string,
    readonly options: { headers?: Readonly<Record<string, string>>; scope?: RefusalScope } = {},
  ) {
    super(message);
    this.name = 'GatewayHttpError';
  }
}
