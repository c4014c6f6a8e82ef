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

  constructor(
    code: SnmpErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(code, message, options);
    this.status = options?.status;
  }
}

/**
 * An SnmpError without a stack trace, for expected outcomes such as a silent address during
 * a sweep: capturing tens of thousands of stacks costs more than the sweep's own work.
 */
export function expectedSnmpError(
  code: SnmpErrorCode,
  message: string,
  options?: { cause?: unknown },
): SnmpError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new SnmpError(code, message, options);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
