import dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import type { RateLimiter } from './rate-limiter.js';

export type SharedUdpTransportOptions = {
  /** Local address to bind (e.g. 127.0.0.1 when every target is on loopback). */
  sourceAddress?: string;
  /** Every datagram, retries and SNMPv3 discovery included, waits for a token here. */
  limiter?: RateLimiter;
  receiveBufferBytes?: number;
};

export type TransportStats = { sent: number; received: number; unrouted: number };

/**
 * One UDP socket for every SNMP session of the process. net-snmp opens a socket per
 * session; given this object's `dgramModule`, each session instead gets a light peer
 * socket, and answers are routed back by the sender's address and port. A sweep of a /16
 * thus holds one file descriptor, not 65,536.
 *
 * Delivery runs net-snmp's response handling inside a try/catch: a malformed datagram that
 * makes it throw is reported to that peer's session ('deliveryError'), never to the process.
 */
export class SharedUdpTransport {
  readonly dgramModule = { createSocket: (): PeerSocket => new PeerSocket(this) };
  private socket: dgram.Socket | undefined;
  private readonly peers = new Map<string, Set<PeerSocket>>();
  private closed = false;
  private readonly stats: TransportStats = { sent: 0, received: 0, unrouted: 0 };

  constructor(private readonly options: SharedUdpTransportOptions = {}) {}

  getStats(): TransportStats {
    return { ...this.stats };
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
    this.socket = undefined;
    for (const set of this.peers.values()) for (const peer of set) peer.close();
    this.peers.clear();
  }

  /** @internal used by PeerSocket */
  send(peer: PeerSocket, payload: Buffer, port: number, address: string, done: SendCallback): void {
    if (this.closed) {
      done(new Error('transport closed'));
      return;
    }
    const key = peerKey(address, port);
    if (peer.key !== key) {
      if (peer.key !== undefined) this.unregister(peer);
      peer.key = key;
      let set = this.peers.get(key);
      if (set === undefined) this.peers.set(key, (set = new Set()));
      set.add(peer);
    }
    const limiter = this.options.limiter;
    if (limiter === undefined) {
      this.transmit(peer, payload, port, address, done);
      return;
    }
    limiter.acquire().then(
      () => this.transmit(peer, payload, port, address, done),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /** @internal used by PeerSocket */
  unregister(peer: PeerSocket): void {
    if (peer.key === undefined) return;
    const set = this.peers.get(peer.key);
    set?.delete(peer);
    if (set?.size === 0) this.peers.delete(peer.key);
    peer.key = undefined;
  }

  private transmit(
    peer: PeerSocket,
    payload: Buffer,
    port: number,
    address: string,
    done: SendCallback,
  ): void {
    // A session closed while waiting for its token has nobody left to answer to.
    if (peer.isClosed || this.closed) return;
    const id = messageId(payload);
    if (id !== undefined) peer.sentIds.add(id);
    this.stats.sent += 1;
    this.ensureSocket().send(payload, port, address, (error) =>
      done(error ?? null, payload.length),
    );
  }

  private ensureSocket(): dgram.Socket {
    if (this.socket !== undefined) return this.socket;
    const socket = dgram.createSocket({
      type: 'udp4',
      recvBufferSize: this.options.receiveBufferBytes ?? 8 * 1024 * 1024,
      sendBufferSize: 4 * 1024 * 1024,
    });
    socket.on('message', (message, remote) => this.route(message, remote));
    // Send failures come back through each send's callback; socket-level errors (a failed
    // bind) surface on the next send. Never let them escape as an 'error' without listener.
    socket.on('error', () => undefined);
    if (this.options.sourceAddress !== undefined) socket.bind(0, this.options.sourceAddress);
    // Pending requests hold net-snmp timers, which keep the process alive; the socket need not.
    socket.unref();
    this.socket = socket;
    return socket;
  }

  private route(message: Buffer, remote: dgram.RemoteInfo): void {
    this.stats.received += 1;
    const set = this.peers.get(peerKey(remote.address, remote.port));
    if (set === undefined) {
      this.stats.unrouted += 1;
      return;
    }
    if (set.size === 1) {
      for (const peer of set) peer.deliver(message, remote);
      return;
    }
    // Several sessions talk to the same agent (e.g. one per community on an SNMP proxy):
    // hand the answer to the one that sent its request-id (msgID for SNMPv3).
    const id = messageId(message);
    for (const peer of set) {
      if (id !== undefined && peer.sentIds.delete(id)) {
        peer.deliver(message, remote);
        return;
      }
    }
    this.stats.unrouted += 1;
  }
}

type SendCallback = (error: Error | null, bytes?: number) => void;

function peerKey(address: string, port: number): string {
  return `${address}:${port}`;
}

/**
 * The request-id of a v1/v2c message or the msgID of a v3 one, read straight from the BER
 * bytes (both sit before anything encrypted). `undefined` when the bytes do not fit.
 */
export function messageId(message: Buffer): number | undefined {
  let offset = 0;
  const header = (tag: number | null): number | undefined => {
    const found = message[offset];
    if (found === undefined || (tag !== null && found !== tag)) return undefined;
    offset += 1;
    const first = message[offset++];
    if (first === undefined) return undefined;
    if (first < 0x80) return first;
    const bytes = first & 0x7f;
    if (bytes === 0 || bytes > 4) return undefined;
    let length = 0;
    for (let i = 0; i < bytes; i += 1) length = length * 256 + (message[offset++] ?? 0);
    return length;
  };
  const integer = (): number | undefined => {
    const length = header(0x02);
    if (length === undefined || length === 0 || length > 5 || offset + length > message.length)
      return undefined;
    let value = 0;
    for (let i = 0; i < length; i += 1) value = value * 256 + (message[offset++] ?? 0);
    return value;
  };
  if (header(0x30) === undefined) return undefined;
  const version = integer();
  if (version === undefined) return undefined;
  if (version === 3) {
    if (header(0x30) === undefined) return undefined;
    return integer();
  }
  const community = header(0x04);
  if (community === undefined) return undefined;
  offset += community;
  const pduTag = message[offset];
  if (pduTag === undefined || pduTag < 0xa0 || pduTag > 0xa8 || header(null) === undefined)
    return undefined;
  return integer();
}

/** The dgram.Socket subset net-snmp's Session uses, backed by the shared socket. */
export class PeerSocket extends EventEmitter {
  key: string | undefined;
  isClosed = false;
  /** Request-ids sent and not yet answered, to route answers when peers share an agent. */
  readonly sentIds = new Set<number>();

  constructor(private readonly transport: SharedUdpTransport) {
    super();
  }

  send(
    buffer: Buffer,
    offset: number,
    length: number,
    port: number,
    address: string,
    callback: SendCallback,
  ): void {
    this.transport.send(this, buffer.subarray(offset, offset + length), port, address, callback);
  }

  deliver(message: Buffer, remote: dgram.RemoteInfo): void {
    if (this.isClosed) return;
    try {
      this.emit('message', message, remote);
    } catch (error) {
      this.emit('deliveryError', error);
    }
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.transport.unregister(this);
    // No 'close' event: net-snmp would answer it by building an Error for a cancel pass over
    // its (normally empty) request table on every session. NetSnmpClient.close() fails its own
    // pending calls, and a closed peer never sends again, so net-snmp's timers die out.
  }

  bind(): void {
    // The shared socket is bound once by the transport.
  }

  ref(): void {}

  unref(): void {}
}
