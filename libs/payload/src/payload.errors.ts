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
  // Hard limits of the XML reader (one code per limit) and of the parsing worker
  | 'XML_TOO_MANY_ELEMENTS'
  | 'XML_TOO_DEEP'
  | 'XML_TOO_MANY_ATTRIBUTES'
  | 'XML_NAME_TOO_LONG'
  | 'XML_ATTRIBUTE_TOO_LONG'
  | 'XML_TEXT_TOO_LONG'
  | 'XML_PARSE_TIMEOUT'
  | 'UPLOAD_TOO_COMPLEX'
  // Caller mistakes on the building side (bad key, bad options)
  | 'INVALID_ARGUMENT';

/** Input quoted in an error message is cut to this many characters. */
export const MAX_EXCERPT_LENGTH = 64;
const MAX_PATH_LENGTH = 160;
const MAX_MESSAGE_LENGTH = 400;

/** A short excerpt of untrusted input for a message: a refusal must not echo a flood back. */
export function excerpt(text: string, max = MAX_EXCERPT_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export class PayloadError extends Error {
  override readonly name = 'PayloadError';
  /** Where in the payload, e.g. `devices[3].readings[0].counters.total`; null for archive-level errors. */
  readonly path: string | null;

  constructor(
    readonly code: PayloadErrorCode,
    message: string,
    path: string | null = null,
    options?: { cause?: unknown },
  ) {
    // The last wall against echoing input: every site excerpts what it quotes, this bounds the rest.
    const boundedPath = path === null ? null : excerpt(path, MAX_PATH_LENGTH);
    const boundedMessage = excerpt(message, MAX_MESSAGE_LENGTH);
    super(boundedPath === null ? boundedMessage : `${boundedPath}: ${boundedMessage}`, options);
    this.path = boundedPath;
  }
}

/**
 * HTTP status for a refused upload: 400 for a body that is not a well-formed archive or XML
 * document, 413 for size limits and the hard limits of parsing (elements, depth, attributes,
 * names, text, time, the worker's memory), 422 for a well-formed upload whose content is refused.
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
    case 'XML_TOO_MANY_ELEMENTS':
    case 'XML_TOO_DEEP':
    case 'XML_TOO_MANY_ATTRIBUTES':
    case 'XML_NAME_TOO_LONG':
    case 'XML_ATTRIBUTE_TOO_LONG':
    case 'XML_TEXT_TOO_LONG':
    case 'XML_PARSE_TIMEOUT':
    case 'UPLOAD_TOO_COMPLEX':
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
