import { createRequire } from 'node:module';

// net-snmp ships no type declarations. It is loaded through require with a local type rather
// than an ambient `declare module`, which would clash with other packages' declarations of the
// same module in a combined program (the lint project type-checks every package together).

export type Engine = { engineID: Buffer; engineBoots: number; engineTime: number };
export type Varbind = { oid: string; type: number; value: unknown };
export type Callback<T> = (error: (Error & { status?: number }) | null, result: T) => void;
export type SessionOptions = {
  port?: number;
  version?: number;
  timeout?: number;
  retries?: number;
};
export type Session = {
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
export type User = {
  name: string;
  level: number;
  authProtocol?: number;
  authKey?: string;
  privProtocol?: number;
  privKey?: string;
};
export type NetSnmp = {
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

export const netSnmp = createRequire(import.meta.url)('net-snmp') as NetSnmp;
