export type PayloadErrorCode =
  // The archive
  | 'NOT_A_ZIP'
  | 'ZIP_CORRUPT'
  | 'UNSUPPORTED_ZIP'
  | 'TOO_LARGE'
  | 'UNEXPECTED_ENTRY'
  | 'MISSING_ENTRY'
  | 'DUPLICATE_ENTRY'
  | 'UNSAFE_ENTRY_NAME'
  // The manifest and its signature
  | 'MANIFEST_INVALID'
  | 'MANIFEST_MISMATCH'
  | 'DIGEST_MISMATCH'
  | 'BAD_SIGNATURE'
  | 'AGENT_MISMATCH'
  // The XML
  | 'XML_MALFORMED'
  | 'XML_DOCTYPE_FORBIDDEN'
  | 'UNSUPPORTED_VERSION'
  | 'SCHEMA_VIOLATION'
  | 'LIMIT_EXCEEDED'
  // Caller mistakes on the building side (bad key, bad options)
  | 'INVALID_ARGUMENT';

export class PayloadError extends Error {
  override readonly name = 'PayloadError';

  constructor(
    readonly code: PayloadErrorCode,
    message: string,
    /** Where in the payload, e.g. `devices[3].readings[0].counters.total`; null for archive-level errors. */
    readonly path: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(path === null ? message : `${path}: ${message}`, options);
  }
}

/**
 * HTTP status for a refused upload: 400 for a body that is not a well-formed archive or XML
 * document, 413 for size limits, 422 for a well-formed upload whose content is refused.
 */
export function httpStatusFor(code: PayloadErrorCode): 400 | 413 | 422 | 500 {
  switch (code) {
    case 'NOT_A_ZIP':
    case 'ZIP_CORRUPT':
    case 'UNSUPPORTED_ZIP':
    case 'UNEXPECTED_ENTRY':
    case 'MISSING_ENTRY':
    case 'DUPLICATE_ENTRY':
    case 'UNSAFE_ENTRY_NAME':
    case 'XML_MALFORMED':
    case 'XML_DOCTYPE_FORBIDDEN':
      return 400;
    case 'TOO_LARGE':
      return 413;
    case 'MANIFEST_INVALID':
    case 'MANIFEST_MISMATCH':
    case 'DIGEST_MISMATCH':
    case 'BAD_SIGNATURE':
    case 'AGENT_MISMATCH':
    case 'UNSUPPORTED_VERSION':
    case 'SCHEMA_VIOLATION':
    case 'LIMIT_EXCEEDED':
      return 422;
    case 'INVALID_ARGUMENT':
      return 500;
    default:
      return assertUnreachable(code);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled payload error code: ${String(value)}`);
}
