import { createHash, X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import type { TLSSocket, DetailedPeerCertificate } from 'node:tls';
import { HttpsProxyAgent } from 'hpagent';
import { AgentError } from '../agent.errors.js';
import { bypassesProxy, noProxyFromEnvironment } from './no-proxy.js';

/** `AB:CD:…` or `abcd…`, with or without a `sha256:` prefix, as one lower-case hex string. */
export function normaliseFingerprint(text: string): string {
  const hex = text
    .trim()
    .replace(/^sha-?256:/i, '')
    .replace(/[:\s]/g, '')
    .toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new AgentError(
      'INVALID_FINGERPRINT',
      'The CA fingerprint must be a SHA-256 fingerprint: 64 hex digits, colons allowed',
    );
  return hex;
}

export function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

/**
 * The certificates central's gateway presents (leaf first), read without trusting them: only
 * for finding the one whose fingerprint the dealer's portal showed. Nothing is sent but a GET.
 */
export async function readServerChain(options: {
  centralUrl: string;
  proxyUrl?: string | undefined;
  timeoutMs?: number;
}): Promise<Buffer[]> {
  const url = new URL('/health', options.centralUrl);
  const proxyUrl =
    options.proxyUrl && !bypassesProxy(options.centralUrl, noProxyFromEnvironment())
      ? options.proxyUrl
      : undefined;
  return new Promise((resolve, reject) => {
    const probe = request(url, {
      method: 'GET',
      rejectUnauthorized: false,
      timeout: options.timeoutMs ?? 15_000,
      ...(proxyUrl
        ? { agent: new HttpsProxyAgent({ proxy: proxyUrl, rejectUnauthorized: false }) }
        : {}),
    });
    probe.once('response', (response) => {
      const socket = response.socket as TLSSocket;
      const chain: Buffer[] = [];
      let certificate: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
      while (certificate?.raw && !chain.some((der) => der.equals(certificate!.raw))) {
        chain.push(certificate.raw);
        certificate = certificate.issuerCertificate;
      }
      response.resume();
      probe.destroy();
      resolve(chain);
    });
    probe.once('timeout', () => probe.destroy(new Error('timed out')));
    probe.once('error', (error) =>
      reject(
        new AgentError(
          'CENTRAL_UNREACHABLE',
          `Central at ${url.origin} unreachable (${error.message})`,
        ),
      ),
    );
    probe.end();
  });
}

/** The PEM of the presented certificate with this fingerprint, or a refusal naming what was seen. */
export function pinnedCertificate(chain: readonly Buffer[], fingerprint: string): string {
  const wanted = normaliseFingerprint(fingerprint);
  const match = chain.find((der) => fingerprintOf(der) === wanted);
  if (match === undefined) {
    const seen = chain.map((der) => `${new X509Certificate(der).subject.replace(/\n/g, ', ')}`);
    throw new AgentError(
      'CA_FINGERPRINT_MISMATCH',
      `No certificate central presented has the fingerprint ${wanted} (it presented: ${seen.join(' | ') || 'none'}) — check the address, or a proxy that intercepts TLS`,
    );
  }
  return new X509Certificate(match).toString();
}
