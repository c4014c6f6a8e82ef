export * from './pki.errors.js';
export * from './keys.js';
export {
  caChainPem,
  createCertificateAuthority,
  type CertificateAndKey,
  type CertificateAuthority,
  type CreateCertificateAuthorityOptions,
  type SigningAuthority,
} from './certificate-authority.js';
export { createCsr, type CreateCsrOptions } from './csr.js';
export {
  AGENT_URN_PREFIX,
  CUSTOMER_URN_PREFIX,
  TENANT_URN_PREFIX,
  issueServerCertificate,
  signAgentCsr,
  type IssueServerCertificateOptions,
  type IssuedCertificate,
  type SignAgentCsrOptions,
} from './issuance.js';
export {
  certificateFingerprint,
  isIssuedBy,
  normalizeFingerprint,
  readAgentIdentity,
  verifyAgentCertificate,
  verifyIssuedBy,
  type AgentIdentity,
  type VerifyAgentCertificateOptions,
} from './certificate-inspection.js';
export type { CertificateInput } from './forge-support.js';
