import type { VarBind } from '@printbeat/printer-mib';

export type AuthProtocol = 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
export type PrivProtocol = 'des' | 'aes' | 'aes256b' | 'aes256r';

export const AUTH_PROTOCOLS: readonly AuthProtocol[] = [
  'md5',
  'sha',
  'sha224',
  'sha256',
  'sha384',
  'sha512',
];
export const PRIV_PROTOCOLS: readonly PrivProtocol[] = ['des', 'aes', 'aes256b', 'aes256r'];

export type SnmpCredentials =
  | { version: '1' | '2c'; community: string }
  | {
      version: '3';
      user: string;
      /** Absent: noAuthNoPriv. */
      auth?: { protocol: AuthProtocol; key: string };
      /** Only with auth: authPriv. */
      priv?: { protocol: PrivProtocol; key: string };
      context?: string;
    };

export type SnmpRequestOptions = {
  /** Milliseconds to wait for each answer before resending. */
  timeoutMs: number;
  /** Resends after the first attempt. */
  retries: number;
  /** GETBULK max-repetitions used by walks (v2c/v3). */
  maxRepetitions: number;
  /**
   * Variable bindings asked for in one GETBULK when several subtrees are walked side by side
   * (repetitions = this / subtrees still open, at least 2).
   */
  maxVarBindsPerBulk: number;
  /** Most subtrees walked side by side in one GETBULK. */
  maxColumnsPerBulk: number;
  /** Most OIDs put in one GET; bigger lists are split (and split again on tooBig). */
  maxOidsPerGet: number;
  /** A walk returning more variable bindings than this is cut off with an error. */
  maxWalkVarBinds: number;
};

export const DEFAULT_REQUEST_OPTIONS: SnmpRequestOptions = {
  timeoutMs: 2000,
  retries: 1,
  maxRepetitions: 25,
  maxVarBindsPerBulk: 64,
  maxColumnsPerBulk: 24,
  maxOidsPerGet: 32,
  maxWalkVarBinds: 20_000,
};

export type SnmpTarget = {
  host: string;
  port: number;
  /** Tried in order until one answers; absent: the batch's credentials. */
  credentials?: readonly SnmpCredentials[];
};

/**
 * One SNMP peer. Methods return only real values: noSuchObject / noSuchInstance /
 * endOfMibView are dropped (a GET of a missing OID simply yields nothing for it).
 * Failures reject with SnmpError.
 */
export type SnmpClient = {
  readonly target: SnmpTarget;
  get(oids: readonly string[]): Promise<VarBind[]>;
  getNext(oids: readonly string[]): Promise<VarBind[]>;
  /** Every binding under `subtree` (exclusive of the subtree OID itself), in OID order. */
  walk(subtree: string): Promise<VarBind[]>;
  /**
   * Several walks at once: with v2c/v3 one GETBULK carries every subtree still open, so a
   * full poll takes a handful of round trips instead of one walk per column. Results are
   * grouped by subtree, in the order given.
   */
  walkAll(subtrees: readonly string[]): Promise<VarBind[]>;
  close(): void;
};

export type SnmpClientFactory = {
  create(target: SnmpTarget): SnmpClient;
  /** Closes the shared transport; clients must not be used afterwards. */
  close(): void;
};
