// net-snmp ships no type declarations; this covers the manager and notification-receiver
// surface the agent uses.
declare module 'net-snmp' {
  export type RawVarbind = { oid: string; type: number; value: unknown };

  export type ResponseCallback = (error: Error | null, varbinds?: RawVarbind[]) => void;
  export type BulkResponseCallback = (
    error: Error | null,
    varbinds?: Array<RawVarbind | RawVarbind[]>,
  ) => void;

  export type DgramLikeSocket = {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- dgram listeners take varied arguments
    on(event: string, listener: (...args: any[]) => void): unknown;
    send(
      buffer: Buffer,
      offset: number,
      length: number,
      port: number,
      address: string,
      callback: (error: Error | null, bytes?: number) => void,
    ): void;
    close(): void;
    bind(port?: number, address?: string): void;
    ref(): void;
    unref(): void;
  };

  export type SessionOptions = {
    engineID?: string | Buffer;
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
    context?: string;
    idBitsSize?: 16 | 32;
    backwardsGetNexts?: boolean;
    reportOidMismatchErrors?: boolean;
    dgramModule?: { createSocket(type: string): DgramLikeSocket };
  };

  export type V3User = {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  };

  export type Session = {
    get(oids: string[], callback: ResponseCallback): Session;
    getNext(oids: string[], callback: ResponseCallback): Session;
    getBulk(
      oids: string[],
      nonRepeaters: number,
      maxRepetitions: number,
      callback: BulkResponseCallback,
    ): Session;
    set(
      varbinds: { oid: string; type: number; value: unknown }[],
      callback: ResponseCallback,
    ): Session;
    close(): Session;
    on(event: 'error' | 'close', listener: (error?: unknown) => void): Session;
  };

  /** What the receiver's callback gets: the PDU (net-snmp's shape) and the sender. */
  export type ReceivedNotification = {
    pdu: { type: number; varbinds?: unknown[]; [field: string]: unknown };
    rinfo: { address: string; port: number; family: string; size: number };
  };

  export type ReceiverOptions = {
    port?: number;
    address?: string | null;
    transport?: 'udp4' | 'udp6';
    disableAuthorization?: boolean;
    includeAuthentication?: boolean;
    engineID?: string;
    dgramModule?: { createSocket(type: string): DgramLikeSocket };
  };

  export type Authorizer = {
    addCommunity(community: string): void;
    deleteCommunity(community: string): void;
    getCommunities(): string[];
    addUser(user: V3User): void;
    deleteUser(name: string): void;
    getUsers(): V3User[];
  };

  export type Receiver = {
    getAuthorizer(): Authorizer;
    close(callback?: () => void): void;
  };

  type NetSnmp = {
    createReceiver(
      options: ReceiverOptions,
      callback: (
        error: (Error & { rinfo?: { address: string } }) | null,
        notification?: ReceivedNotification,
      ) => void,
    ): Receiver;
    RequestFailedError: new (...args: never[]) => Error;
    ResponseInvalidError: new (...args: never[]) => Error;
    createSession(target: string, community: string, options: SessionOptions): Session;
    createV3Session(target: string, user: V3User, options: SessionOptions): Session;
    Version1: number;
    Version2c: number;
    Version3: number;
    ObjectType: Record<string, number>;
    ErrorStatus: Record<string, number>;
    SecurityLevel: Record<'noAuthNoPriv' | 'authNoPriv' | 'authPriv', number>;
    AuthProtocols: Record<'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512', number>;
    PrivProtocols: Record<'des' | 'aes' | 'aes256b' | 'aes256r', number>;
    ResponseInvalidCode: Record<string, number>;
    isVarbindError(varbind: RawVarbind): boolean;
    varbindError(varbind: RawVarbind): string;
  };

  const snmp: NetSnmp;
  export default snmp;
}
