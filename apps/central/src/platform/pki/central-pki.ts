import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import {
  caChainPem,
  generateKeyPair,
  issueServerCertificate,
  signAgentCsr,
  type CertificateAuthority,
  type IssuedCertificate,
} from '@printbeat/pki';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/config.js';
import { loadOrCreateCertificateAuthority } from './ca-store.js';

export type GatewayTlsMaterial = {
  /** Server certificate followed by the issuing and root CA (when self-issued). */
  certPem: string;
  keyPem: string;
  source: 'self-issued' | 'files';
};

/**
 * Central's PKI at run time: the CA (keys decrypted in memory only), the chain agents get at
 * enrollment and that the gateway trusts for client certificates, and the gateway's own TLS
 * certificate.
 */
export class CentralPki {
  private constructor(
    private readonly ca: CertificateAuthority,
    readonly chainPem: string[],
    readonly gatewayTls: GatewayTlsMaterial,
    private readonly agentCertValidityDays: number,
  ) {}

  static async load(config: AppConfig, log: Logger): Promise<CentralPki> {
    const ca = await loadOrCreateCertificateAuthority({
      pkiDir: join(config.dataDir, 'pki'),
      passphrase: config.caKeyPassphrase.reveal(),
      log,
      // Every integration test app makes a fresh CA: smaller keys keep that quick.
      ...(config.nodeEnv === 'test' ? { modulusLength: 2048 as const } : {}),
    });
    const gatewayTls = await gatewayTlsMaterial(config, ca);
    log.info(
      {
        source: gatewayTls.source,
        subject: new X509Certificate(gatewayTls.certPem).subjectAltName,
      },
      'gateway TLS certificate ready',
    );
    return new CentralPki(ca, caChainPem(ca), gatewayTls, config.agentCertValidityDays);
  }

  /**
   * SHA-256 fingerprint (`AB:CD:…`) of the root an agent pins at its first enrollment
   * (`--ca-fingerprint`): central's own root when the gateway certificate is self-issued, the
   * self-signed root in the configured certificate file otherwise, null when the file has none
   * (a public CA's certificate, which agents trust through the system store).
   */
  get caFingerprint(): string | null {
    const certificates = this.gatewayTls.certPem.match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
    );
    const root = (certificates ?? [])
      .map((pem) => new X509Certificate(pem))
      .find((certificate) => certificate.ca && certificate.issuer === certificate.subject);
    return root?.fingerprint256 ?? null;
  }

  /** Issues an agent's client certificate from its CSR (throws PkiError INVALID_CSR …). */
  signAgentCsr(input: {
    csrPem: string;
    agentId: string;
    tenantId: string;
    customerId: string;
  }): IssuedCertificate {
    return signAgentCsr({ ca: this.ca, ...input, validityDays: this.agentCertValidityDays });
  }
}

/**
 * Production supplies a certificate and key (e.g. from a public CA or cert-manager); without
 * them the gateway gets a certificate from central's own CA for localhost/127.0.0.1 (and the
 * configured gateway host), which agents trust through the CA chain they got at enrollment
 * (`--ca-file` for the first contact).
 */
async function gatewayTlsMaterial(
  config: AppConfig,
  ca: CertificateAuthority,
): Promise<GatewayTlsMaterial> {
  if (config.gatewayTlsCertFile && config.gatewayTlsKeyFile) {
    return {
      certPem: readFileSync(config.gatewayTlsCertFile, 'utf8'),
      keyPem: readFileSync(config.gatewayTlsKeyFile, 'utf8'),
      source: 'files',
    };
  }
  const hostnames = ['localhost', '127.0.0.1'];
  const host = config.gatewayHost;
  if (
    !hostnames.includes(host) &&
    host !== '0.0.0.0' &&
    host !== '::' &&
    (isIP(host) !== 0 || /^[A-Za-z0-9.-]+$/.test(host))
  ) {
    hostnames.push(host);
  }
  const keys = await generateKeyPair({ modulusLength: 2048 });
  const issued = issueServerCertificate({
    ca,
    hostnames,
    validityDays: 90,
    publicKeyPem: keys.publicKeyPem,
  });
  return {
    // The root travels too, so a first-time agent can pin it by the fingerprint the portal shows.
    certPem: `${issued.certPem.trim()}\n${ca.issuing.certPem.trim()}\n${ca.root.certPem.trim()}\n`,
    keyPem: keys.privateKeyPem,
    source: 'self-issued',
  };
}
