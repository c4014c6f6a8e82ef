import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { Inject, Injectable } from '@nestjs/common';
import { PkiError, verifyAgentCertificate, type AgentIdentity } from '@printbeat/pki';
import type { Request } from 'express';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CentralPki } from '../platform/pki/central-pki.js';
import { TenantPrisma } from '../platform/prisma/tenant-prisma.js';
import { tenantContext } from '../platform/tenancy/tenant-context.js';
import { AddressList, plainAddress } from '../platform/http/address-list.js';
import type { AgentPrincipal } from '../platform/auth/agent-principal.js';
import { GatewayRefusal } from './gateway.errors.js';
import { GatewayRepository } from './gateway.repository.js';

export const CLIENT_CERTIFICATE_HEADER = 'x-client-certificate';
/** lastContactAt is for people; minute precision spares a write per request. */
const TOUCH_AFTER_MS = 60_000;

/**
 * Client-certificate authentication of every gateway call but enroll. Checked on every
 * request, nothing cached: the chain to our CA, validity, then the certificate row (not
 * revoked) and its agent (ACTIVE) in the database — so a revocation holds from the next request.
 */
@Injectable()
export class AgentAuthenticator {
  private readonly trustedProxies: AddressList;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CentralPki) private readonly pki: CentralPki,
    @Inject(TenantPrisma) private readonly db: TenantPrisma,
    @Inject(GatewayRepository) private readonly repository: GatewayRepository,
  ) {
    this.trustedProxies = new AddressList(config.gatewayTrustedProxies);
  }

  /** The caller's address: the socket peer, or what a trusted proxy says it forwarded for. */
  sourceAddress(req: Request): string {
    const peer = plainAddress(req.socket.remoteAddress) ?? 'unknown';
    if (!this.trustedProxies.has(peer)) return peer;
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    return first || peer;
  }

  async authenticate(req: Request): Promise<AgentPrincipal> {
    const sourceAddress = this.sourceAddress(req);
    const { certificate, identity } = this.verifiedCertificate(req);
    const scope = {
      tenantId: identity.tenantId,
      customerId: identity.customerId,
      details: { serial: identity.serial, agentId: identity.agentId },
    };
    const context = {
      tenantId: identity.tenantId,
      customerId: identity.customerId,
      actor: { kind: 'agent' as const, agentId: identity.agentId },
    };

    const row = await tenantContext.run(context, () =>
      this.db.run(async (tx) => {
        const found = await this.repository.findCertificate(tx, identity.fingerprintSha256);
        const tenant = await this.repository.findTenant(tx, identity.tenantId);
        const now = new Date();
        if (
          found &&
          !found.revokedAt &&
          found.agent.status === 'ACTIVE' &&
          (!found.agent.lastContactAt ||
            now.getTime() - found.agent.lastContactAt.getTime() > TOUCH_AFTER_MS)
        ) {
          await this.repository.touchAgent(tx, identity.agentId, now);
        }
        return found ? { ...found, tenantDisabled: Boolean(tenant?.disabledAt) } : null;
      }),
    );
    if (!row || row.agentId !== identity.agentId) {
      throw new GatewayRefusal(
        'CERTIFICATE_REVOKED',
        'Client certificate is not known to central',
        scope,
      );
    }
    if (row.agent.status === 'REVOKED')
      throw new GatewayRefusal('AGENT_REVOKED', 'Agent revoked', scope);
    if (row.revokedAt)
      throw new GatewayRefusal('CERTIFICATE_REVOKED', 'Client certificate revoked', scope);
    if (row.agent.status === 'DISABLED' || row.tenantDisabled || row.agent.customer.archivedAt) {
      throw new GatewayRefusal('AGENT_DISABLED', 'Agent disabled', scope);
    }
    return {
      agentId: identity.agentId,
      tenantId: identity.tenantId,
      customerId: row.customerId,
      siteId: row.agent.siteId,
      certificate,
      serial: identity.serial,
      fingerprint: identity.fingerprintSha256,
      sourceAddress,
    };
  }

  /** The client certificate of the TLS session, or the one a trusted proxy forwarded; fully verified. */
  private verifiedCertificate(req: Request): {
    certificate: X509Certificate;
    identity: AgentIdentity;
  } {
    const peer = plainAddress(req.socket.remoteAddress);
    const header = req.headers[CLIENT_CERTIFICATE_HEADER];
    let certificate: X509Certificate | undefined;
    let handshakeVerified = false;
    if (
      this.trustedProxies.has(peer ?? undefined) &&
      typeof header === 'string' &&
      header.length > 0
    ) {
      certificate = parseForwarded(header);
    } else {
      const socket = req.socket as TLSSocket;
      certificate =
        typeof socket.getPeerX509Certificate === 'function'
          ? socket.getPeerX509Certificate()
          : undefined;
      handshakeVerified = socket.authorized === true;
    }
    if (!certificate)
      throw new GatewayRefusal(
        'CERTIFICATE_REQUIRED',
        'A client certificate issued by central is required',
      );
    let identity: AgentIdentity;
    try {
      identity = verifyAgentCertificate(certificate, { chainPem: this.pki.chainPem });
    } catch (error) {
      if (error instanceof PkiError) {
        if (error.code === 'CERTIFICATE_EXPIRED' || error.code === 'CERTIFICATE_NOT_YET_VALID') {
          throw new GatewayRefusal(
            'CERTIFICATE_EXPIRED',
            'Client certificate expired or not yet valid',
          );
        }
        throw new GatewayRefusal(
          'CERTIFICATE_UNTRUSTED',
          'Client certificate not issued by central',
        );
      }
      throw error;
    }
    // Directly connected clients must also have passed OpenSSL's verification of the handshake.
    if (!handshakeVerified && !this.trustedProxies.has(peer ?? undefined)) {
      throw new GatewayRefusal('CERTIFICATE_UNTRUSTED', 'Client certificate not issued by central');
    }
    return { certificate, identity };
  }
}

function parseForwarded(header: string): X509Certificate {
  try {
    return new X509Certificate(decodeURIComponent(header));
  } catch {
    throw new GatewayRefusal(
      'CERTIFICATE_UNTRUSTED',
      'Forwarded client certificate is not a certificate',
    );
  }
}
