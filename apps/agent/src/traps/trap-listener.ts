import dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import snmp, { type DgramLikeSocket, type Receiver, type V3User } from 'net-snmp';
import type { Logger } from 'pino';
import type { SnmpCredentials } from '../snmp/snmp-client.js';
import { decodeTrap, type DecodedTrap, type ReceivedPdu } from './decoded-trap.js';
import { SenderLimiter, type SenderLimiterOptions } from './sender-limiter.js';
import type { TrapScope } from './trap-scope.js';

export type TrapCredentials = {
  /** SNMPv1/v2c communities accepted; none: every v1/v2c notification is refused. */
  communities: readonly string[];
  /** The SNMPv3 user (with its keys) notifications must come from; null: v3 is refused. */
  v3: Extract<SnmpCredentials, { version: '3' }> | null;
};

export type TrapListenerOptions = {
  port: number;
  /** Address to bind, e.g. `0.0.0.0` (every IPv4 interface) or `127.0.0.1`. */
  address: string;
  credentials: TrapCredentials;
  /** Asked for every datagram: the printers in scope right now. */
  scope: () => TrapScope;
  limits: SenderLimiterOptions;
  onPrinterTrap: (address: string, trap: DecodedTrap) => void;
  /** Called after any counter changed (e.g. to persist them for `status`). */
  onStatsChange?: () => void;
  log: Logger;
};

export type TrapStats = {
  /** `address:port` while listening. */
  listening: string | null;
  /** Why the listener is not listening. */
  error: string | null;
  accepted: number;
  /** From senders not in scope (not a known printer nor in the discovery targets). */
  outOfScope: number;
  /** Over a sender's (or everyone's) rate. */
  rateLimited: number;
  /** Wrong community, unknown v3 user, wrong digest, undecryptable. */
  badCredentials: number;
  /** Not a notification the agent can read. */
  malformed: number;
  lastAcceptedAt: string | null;
  lastAcceptedFrom: string | null;
};

/** Distinct dropped senders logged by name; past that only the counters say it. */
const LOGGED_DROPS = 256;

/**
 * Receives SNMP notifications (v1/v2c traps, v2c/v3 traps and informs) with net-snmp's
 * Receiver, which checks communities and USM. Before a datagram reaches it, the sender must be
 * in scope and within its rate; whatever fails a check is counted and dropped.
 */
export class TrapListener {
  private readonly counters: TrapStats = {
    listening: null,
    error: null,
    accepted: 0,
    outOfScope: 0,
    rateLimited: 0,
    badCredentials: 0,
    malformed: 0,
    lastAcceptedAt: null,
    lastAcceptedFrom: null,
  };
  private readonly limiter: SenderLimiter;
  private readonly loggedDrops = new Set<string>();
  private socket: dgram.Socket | null = null;
  private receiver: Receiver | null = null;

  constructor(private readonly options: TrapListenerOptions) {
    this.limiter = new SenderLimiter(options.limits);
  }

  get stats(): TrapStats {
    return { ...this.counters };
  }

  /** Binds and listens; false (logged once, in `stats.error`) when the port cannot be bound. */
  async start(): Promise<boolean> {
    const { port, address } = this.options;
    const socket = dgram.createSocket('udp4');
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind({ port, address, exclusive: true }, () => {
          socket.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      socket.close();
      const code = (error as NodeJS.ErrnoException).code;
      this.counters.error =
        code === 'EACCES'
          ? `cannot bind udp ${address}:${port} (EACCES: ports below 1024 need root or CAP_NET_BIND_SERVICE; set traps.port)`
          : `cannot bind udp ${address}:${port} (${code ?? (error as Error).message})`;
      this.options.log.error({ port, address, code }, `trap listener off: ${this.counters.error}`);
      this.options.onStatsChange?.();
      return false;
    }
    socket.on('error', (error) =>
      this.options.log.warn({ err: error.message }, 'trap listener socket error'),
    );
    const gated = new GatedSocket(socket, (sender) => this.admit(sender));
    this.receiver = snmp.createReceiver(
      {
        port,
        address,
        includeAuthentication: true,
        disableAuthorization: false,
        dgramModule: { createSocket: () => gated },
      },
      (error, notification) => {
        if (error) this.refused(error);
        else if (notification) this.received(notification.rinfo.address, notification.pdu);
      },
    );
    this.socket = socket;
    this.setCredentials(this.options.credentials);
    const bound = socket.address();
    this.counters.listening = `${bound.address}:${bound.port}`;
    this.counters.error = null;
    this.options.log.info({ listening: this.counters.listening }, 'trap listener started');
    this.options.onStatsChange?.();
    return true;
  }

  /** Replaces the accepted communities and v3 user (e.g. after new remote settings). */
  setCredentials(credentials: TrapCredentials): void {
    const authorizer = this.receiver?.getAuthorizer();
    if (!authorizer) return;
    for (const community of authorizer.getCommunities()) authorizer.deleteCommunity(community);
    for (const user of authorizer.getUsers()) authorizer.deleteUser(user.name);
    for (const community of credentials.communities) authorizer.addCommunity(community);
    if (credentials.v3) authorizer.addUser(v3User(credentials.v3));
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.receiver = null;
    this.counters.listening = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private admit(sender: string): boolean {
    if (!this.options.scope().has(sender)) return this.drop('outOfScope', sender);
    if (!this.limiter.admit(sender)) return this.drop('rateLimited', sender);
    return true;
  }

  private received(sender: string, pdu: ReceivedPdu): void {
    let trap: DecodedTrap;
    try {
      trap = decodeTrap(pdu);
    } catch (error) {
      this.drop('malformed', sender, (error as Error).message);
      return;
    }
    this.counters.accepted++;
    this.counters.lastAcceptedAt = new Date().toISOString();
    this.counters.lastAcceptedFrom = sender;
    this.options.log.info(
      {
        from: sender,
        version: trap.version,
        notification: trap.notificationOid,
        ...(trap.printerAlert
          ? { alert: `${trap.printerAlert.severity} ${trap.printerAlert.code}` }
          : {}),
      },
      'trap received',
    );
    this.options.onStatsChange?.();
    try {
      this.options.onPrinterTrap(sender, trap);
    } catch (error) {
      this.options.log.error(
        { from: sender, err: (error as Error).message },
        'trap handler failed',
      );
    }
  }

  private refused(error: Error & { rinfo?: { address: string } }): void {
    const sender = error.rinfo?.address ?? 'unknown';
    const credentials = [snmp.RequestFailedError, snmp.ResponseInvalidError].some(
      (type) => error instanceof type,
    );
    this.drop(credentials ? 'badCredentials' : 'malformed', sender, error.message);
  }

  private drop(
    reason: 'outOfScope' | 'rateLimited' | 'badCredentials' | 'malformed',
    sender: string,
    detail?: string,
  ): false {
    this.counters[reason]++;
    const key = `${reason} ${sender}`;
    if (this.loggedDrops.size < LOGGED_DROPS && !this.loggedDrops.has(key)) {
      this.loggedDrops.add(key);
      // The detail of a credentials failure is net-snmp's text: it names no community.
      this.options.log.warn(
        { from: sender, reason, ...(detail && reason === 'malformed' ? { detail } : {}) },
        'trap dropped (further drops from this sender are only counted)',
      );
    }
    this.options.onStatsChange?.();
    return false;
  }
}

function v3User(credentials: Extract<SnmpCredentials, { version: '3' }>): V3User {
  const user: V3User = { name: credentials.user, level: snmp.SecurityLevel.noAuthNoPriv };
  if (credentials.auth) {
    user.level = snmp.SecurityLevel.authNoPriv;
    user.authProtocol = snmp.AuthProtocols[credentials.auth.protocol];
    user.authKey = credentials.auth.key;
    if (credentials.priv) {
      user.level = snmp.SecurityLevel.authPriv;
      user.privProtocol = snmp.PrivProtocols[credentials.priv.protocol];
      user.privKey = credentials.priv.key;
    }
  }
  return user;
}

/**
 * The socket net-snmp's Receiver sees: the agent binds the real one itself (to report a failed
 * bind) and passes on only the datagrams `admit` lets through; answers to informs go out as is.
 */
class GatedSocket extends EventEmitter implements DgramLikeSocket {
  constructor(
    private readonly real: dgram.Socket,
    admit: (sender: string) => boolean,
  ) {
    super();
    real.on('message', (message: Buffer, rinfo: dgram.RemoteInfo) => {
      if (admit(rinfo.address)) this.emit('message', message, rinfo);
    });
  }

  bind(): void {
    // Already bound by TrapListener.start.
  }

  send(
    buffer: Buffer,
    offset: number,
    length: number,
    port: number,
    address: string,
    callback: (error: Error | null, bytes?: number) => void,
  ): void {
    this.real.send(buffer, offset, length, port, address, callback);
  }

  close(): void {
    // Closed by TrapListener.stop.
  }

  address(): { address: string; port: number } {
    return this.real.address();
  }

  ref(): void {
    this.real.ref();
  }

  unref(): void {
    this.real.unref();
  }
}
