// net-snmp ships no type declarations; these cover only the pieces this package (and its
// tests, which use the manager side as an independent client) need.
declare module 'net-snmp' {
  type Engine = { engineID: Buffer; engineBoots: number; engineTime: number };
  type Varbind = { oid: string; type: number; value: unknown };
  type Callback<T> = (error: (Error & { status?: number }) | null, result: T) => void;
  type SessionOptions = { port?: number; version?: number; timeout?: number; retries?: number };
  type Session = {
    get(oids: string[], cb: Callback<Varbind[]>): void;
    getNext(oids: string[], cb: Callback<Varbind[]>): void;
    getBulk(
      oids: string[],
      nonRepeaters: number,
      maxRepetitions: number,
      cb: Callback<(Varbind | Varbind[])[]>,
    ): void;
    set(varbinds: Varbind[], cb: Callback<Varbind[]>): void;
    subtree(
      oid: string,
      maxRepetitions: number,
      feed: (varbinds: Varbind[]) => void,
      done: (error: Error | null) => void,
    ): void;
    close(): void;
  };
  type User = {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  };
  const snmp: {
    Version1: number;
    Version2c: number;
    ObjectType: Record<string, number>;
    SecurityLevel: Record<string, number>;
    AuthProtocols: Record<string, number>;
    PrivProtocols: Record<string, number>;
    ErrorStatus: Record<string, number>;
    isVarbindError(varbind: Varbind): boolean;
    createSession(target: string, community: string, options?: SessionOptions): Session;
    createV3Session(target: string, user: User, options?: SessionOptions): Session;
    Authentication: {
      getParametersLength(authProtocol: number): number;
      calculateDigest(
        message: Buffer,
        authProtocol: number,
        authPassword: string,
        engineId: Buffer,
      ): Buffer;
    };
    Encryption: {
      encryptPdu(
        privProtocol: number,
        scopedPdu: Buffer,
        privPassword: string,
        authProtocol: number,
        engine: Engine,
      ): { encryptedPdu: Buffer; msgPrivacyParameters: Buffer };
      decryptPdu(
        privProtocol: number,
        encryptedPdu: Buffer,
        privParameters: Buffer,
        privPassword: string,
        authProtocol: number,
        engine: Engine,
      ): Buffer;
    };
  };
  export default snmp;
}
