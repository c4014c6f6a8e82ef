import { AgentError } from '../agent.errors.js';

export type SnmpErrorCode =
  | 'SNMP_TIMEOUT'
  | 'SNMP_AUTH_FAILED'
  | 'SNMP_MALFORMED_RESPONSE'
  | 'SNMP_REQUEST_FAILED'
  | 'SNMP_WALK_NOT_INCREASING'
  | 'SNMP_WALK_TOO_LONG'
  | 'SNMP_TRANSPORT_ERROR'
  | 'SNMP_CLIENT_CLOSED';

/** A failed SNMP exchange with one host. `status` is the SNMP error-status when there was one. */
export class SnmpError extends AgentError {
  declare readonly code: SnmpErrorCode;
  readonly status: number | undefined;

  constructor(code: SnmpErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(code, message, options);
    this.status = options?.status;
  }
}
