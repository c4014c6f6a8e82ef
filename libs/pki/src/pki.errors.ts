export type PkiErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_KEY'
  | 'WEAK_KEY'
  | 'WRONG_PASSPHRASE'
  | 'INVALID_CSR'
  | 'CSR_SIGNATURE_INVALID'
  | 'INVALID_CERTIFICATE'
  | 'NOT_ISSUED_BY_CA'
  | 'NOT_AN_AGENT_CERTIFICATE'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_NOT_YET_VALID';

export class PkiError extends Error {
  override readonly name = 'PkiError';

  constructor(
    readonly code: PkiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
