import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { LOGGER } from '../platform/logging/logger.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { CentralPki } from '../platform/pki/central-pki.js';
import { AgentsService } from '../modules/agents/agents.service.js';
import { ReleasesService } from '../modules/releases/releases.service.js';
import { CommandsService } from '../modules/commands/commands.service.js';
import { EnrollmentService } from '../modules/enrollment/enrollment.service.js';
import { UploadsService } from '../modules/uploads/uploads.service.js';
import { AgentAuthenticator } from './agent-authenticator.js';
import { createGatewayApp } from './gateway-app.js';
import { GatewayAuditor } from './gateway-auditor.js';

/** TLS 1.2 suites: forward secrecy and AEAD only. TLS 1.3 keeps Node's (all modern) defaults. */
export const GATEWAY_CIPHERS = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
].join(':');

/**
 * The agent gateway: a second HTTPS listener in the same process as the web port, sharing
 * Nest's services. It asks every client for a certificate but lets the handshake finish
 * without one (enroll needs none); each route then decides, with the checks of
 * AgentAuthenticator.
 */
@Injectable()
export class GatewayServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CentralPki) private readonly pki: CentralPki,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(AgentAuthenticator) private readonly authenticator: AgentAuthenticator,
    @Inject(EnrollmentService) private readonly enrollment: EnrollmentService,
    @Inject(UploadsService) private readonly uploads: UploadsService,
    @Inject(CommandsService) private readonly commands: CommandsService,
    @Inject(AgentsService) private readonly agents: AgentsService,
    @Inject(ReleasesService) private readonly releases: ReleasesService,
    @Inject(GatewayAuditor) private readonly auditor: GatewayAuditor,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log = this.logger.child({ component: 'gateway' });
    const app = createGatewayApp({
      authenticator: this.authenticator,
      enrollment: this.enrollment,
      uploads: this.uploads,
      commands: this.commands,
      agents: this.agents,
      releases: this.releases,
      auditor: this.auditor,
      metrics: this.metrics,
      logger: log,
      uploadMaxBytes: this.config.uploadMaxBytes,
    });
    const server = createServer(
      {
        cert: this.pki.gatewayTls.certPem,
        key: this.pki.gatewayTls.keyPem,
        ca: this.pki.chainPem,
        requestCert: true,
        rejectUnauthorized: false,
        minVersion: 'TLSv1.2',
        ciphers: GATEWAY_CIPHERS,
        honorCipherOrder: true,
      },
      app,
    );
    server.headersTimeout = 30_000;
    server.requestTimeout = 120_000;
    server.keepAliveTimeout = 30_000;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    // Plaintext, TLS 1.0/1.1 and failed handshakes end here; debug only (scanners are noisy).
    server.on('tlsClientError', (error: Error & { code?: string }) =>
      log.debug({ code: error.code }, 'TLS handshake refused'),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.gatewayPort, this.config.gatewayHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    log.info({ url: this.url() }, 'agent gateway listening');
  }

  /** Before the database clients close, so uploads in flight can still be stored. */
  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // In-flight requests get a moment; then whatever is left is cut.
    const timer = setTimeout(() => {
      for (const socket of this.sockets) socket.destroy();
    }, 5_000);
    timer.unref();
    await closed;
    clearTimeout(timer);
  }

  address(): AddressInfo {
    const address = this.server?.address();
    if (!address || typeof address === 'string')
      throw new Error('The agent gateway is not listening');
    return address;
  }

  url(): string {
    const { port } = this.address();
    const host =
      this.config.gatewayHost === '0.0.0.0' || this.config.gatewayHost === '::'
        ? '127.0.0.1'
        : this.config.gatewayHost;
    return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }
}
