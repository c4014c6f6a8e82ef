import { randomBytes } from 'node:crypto';
import type { VarBind } from '@printbeat/printer-mib';
import snmp from 'net-snmp';
import type { RawVarbind, Session, SessionOptions, V3User } from 'net-snmp';
import { compareOids, isInSubtree } from './oid.js';
import { SharedUdpTransport } from './shared-udp-transport.js';
import type {
  SnmpClient,
  SnmpClientFactory,
  SnmpCredentials,
  SnmpRequestOptions,
  SnmpTarget,
} from './snmp-client.js';
import { expectedSnmpError, SnmpError } from './snmp.errors.js';
import { convertVarbind } from './varbind-conversion.js';

// SNMP error-status values (RFC 3416) the client reacts to.
const STATUS_TOO_BIG = 1;
const STATUS_NO_SUCH_NAME = 2;
const STATUS_GEN_ERR = 5;

// net-snmp ResponseInvalidCode values that mean "wrong credentials".
const INVALID_AUTH_FAILURE = 5;
const INVALID_COULD_NOT_DECRYPT = 4;

export type NetSnmpClientFactoryOptions = {
  credentials: SnmpCredentials;
  request: SnmpRequestOptions;
  /** Shared socket (and rate limit). One is created, and owned, when absent. */
  transport?: SharedUdpTransport;
};

export function createNetSnmpClientFactory(
  options: NetSnmpClientFactoryOptions,
): SnmpClientFactory {
  const ownsTransport = options.transport === undefined;
  const transport = options.transport ?? new SharedUdpTransport();
  return {
    create: (target) => new NetSnmpClient(target, options.credentials, options.request, transport),
    close: () => {
      if (ownsTransport) transport.close();
    },
  };
}

type Pending = { fail: (error: Error) => void };

// net-snmp draws a random local engine ID for every session (a crypto call each); the
// manager's own engine ID plays no part in requests, so one per process does.
const LOCAL_ENGINE_ID = `8000b98380${randomBytes(12).toString('hex')}`;

type WalkColumn = { subtree: string; cursor: string; done: boolean; values: VarBind[] };

/** SnmpClient over one net-snmp session (v1, v2c or v3 USM) on the shared UDP transport. */
export class NetSnmpClient implements SnmpClient {
  private readonly session: Session;
  private readonly pending = new Set<Pending>();
  private closed = false;

  constructor(
    readonly target: SnmpTarget,
    private readonly credentials: SnmpCredentials,
    private readonly request: SnmpRequestOptions,
    transport: SharedUdpTransport,
  ) {
    const dgramModule = {
      createSocket: () => {
        const socket = transport.dgramModule.createSocket();
        socket.on('deliveryError', (error: unknown) => this.failAll(malformed(target, error)));
        return socket;
      },
    };
    const sessionOptions: SessionOptions = {
      engineID: LOCAL_ENGINE_ID,
      port: target.port,
      timeout: request.timeoutMs,
      retries: request.retries,
      backoff: 1,
      transport: 'udp4',
      idBitsSize: 32,
      dgramModule,
    };
    this.session = createSession(target.host, credentials, sessionOptions);
    // A datagram net-snmp cannot decode is emitted as 'error'; without a listener that
    // would throw out of the socket handler and end the process.
    this.session.on('error', (error) => this.failAll(malformed(target, error)));
  }

  async get(oids: readonly string[]): Promise<VarBind[]> {
    const result: VarBind[] = [];
    for (let i = 0; i < oids.length; i += this.request.maxOidsPerGet) {
      result.push(...(await this.getChunk(oids.slice(i, i + this.request.maxOidsPerGet))));
    }
    return result;
  }

  async getNext(oids: readonly string[]): Promise<VarBind[]> {
    if (oids.length === 0) return [];
    const raw = await this.call<RawVarbind[]>((done) => this.session.getNext([...oids], done));
    return values(raw);
  }

  /** `from` resumes a walk part-way (after a failed multi-subtree GETBULK). */
  async walk(subtree: string, from: string = subtree): Promise<VarBind[]> {
    const column: WalkColumn = { subtree, cursor: from, done: false, values: [] };
    let maxRepetitions = this.request.maxRepetitions;
    while (!column.done) {
      let raw: RawVarbind[];
      try {
        raw = await this.nextBatch(column.cursor, maxRepetitions);
      } catch (error) {
        if (error instanceof SnmpError && error.status === STATUS_TOO_BIG && maxRepetitions > 1) {
          maxRepetitions = Math.max(1, Math.floor(maxRepetitions / 2));
          continue;
        }
        // SNMPv1 has no endOfMibView: walking past the last object answers noSuchName.
        if (error instanceof SnmpError && error.status === STATUS_NO_SUCH_NAME) break;
        throw error;
      }
      if (raw.length === 0 || !this.advanceColumn(column, raw)) break;
    }
    return column.values;
  }

  async walkAll(subtrees: readonly string[]): Promise<VarBind[]> {
    if (this.credentials.version === '1' || subtrees.length <= 1) {
      const result: VarBind[] = [];
      for (const subtree of subtrees) result.push(...(await this.walk(subtree)));
      return result;
    }
    const columns: WalkColumn[] = subtrees.map((subtree) => ({
      subtree,
      cursor: subtree,
      done: false,
      values: [],
    }));
    let budget = this.request.maxVarBindsPerBulk;
    // Most subtrees of a poll hold one or two rows, a few (supplies, alerts) dozens. Starting
    // at 3 repetitions and doubling each round keeps what an agent computes past the end of a
    // subtree to about the subtree's own size, for about one round trip more (measured on the
    // simulator: 140 instead of 180 bindings answered per poll, 5.8 instead of 4.9 datagrams).
    let ramp = 3;
    for (;;) {
      const open = columns
        .filter((column) => !column.done)
        .slice(0, this.request.maxColumnsPerBulk);
      if (open.length === 0) break;
      const repetitions = Math.max(2, Math.min(ramp, Math.ceil(budget / open.length)));
      ramp *= 2;
      let answer: Array<RawVarbind | RawVarbind[]>;
      try {
        answer = await this.call<Array<RawVarbind | RawVarbind[]>>((done) =>
          this.session.getBulk(
            open.map((column) => column.cursor),
            0,
            repetitions,
            done,
          ),
        );
      } catch (error) {
        if (
          error instanceof SnmpError &&
          error.status === STATUS_TOO_BIG &&
          budget > open.length * 2
        ) {
          budget = Math.max(open.length * 2, Math.floor(budget / 2));
          continue;
        }
        if (error instanceof SnmpError && error.code === 'SNMP_REQUEST_FAILED') {
          // Some agents refuse multi-variable GETBULKs: walk what is left one subtree at a time.
          for (const column of open) {
            column.values.push(...(await this.walk(column.subtree, column.cursor)));
            column.done = true;
          }
          continue;
        }
        throw error;
      }
      let progressed = false;
      open.forEach((column, position) => {
        const entry = answer[position];
        const items = entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
        if (this.advanceColumn(column, items)) progressed = true;
      });
      if (!progressed) {
        throw new SnmpError(
          'SNMP_MALFORMED_RESPONSE',
          `${describeTarget(this.target)} answered a GETBULK without any variable binding`,
        );
      }
    }
    return columns.flatMap((column) => column.values);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pending.size > 0) {
      this.failAll(
        new SnmpError('SNMP_CLIENT_CLOSED', `session to ${describeTarget(this.target)} closed`),
      );
    }
    this.session.close();
  }

  /** Takes one column's share of a GETBULK answer; true when it moved the column on. */
  private advanceColumn(column: WalkColumn, items: readonly unknown[]): boolean {
    let progressed = false;
    for (const item of items) {
      const converted = convertVarbind(item);
      if (converted.kind === 'exception') {
        column.done = true;
        return true;
      }
      const oid = converted.kind === 'value' ? converted.varBind.oid : converted.oid;
      if (!isInSubtree(column.subtree, oid)) {
        column.done = true;
        return true;
      }
      if (compareOids(oid, column.cursor) <= 0) {
        throw new SnmpError(
          'SNMP_WALK_NOT_INCREASING',
          `${describeTarget(this.target)} answered ${oid} after ${column.cursor} while walking ${column.subtree}`,
        );
      }
      column.cursor = oid;
      progressed = true;
      if (converted.kind === 'value') column.values.push(converted.varBind);
      if (column.values.length > this.request.maxWalkVarBinds) {
        throw new SnmpError(
          'SNMP_WALK_TOO_LONG',
          `walking ${column.subtree} on ${describeTarget(this.target)} gave more than ${this.request.maxWalkVarBinds} values`,
        );
      }
    }
    return progressed;
  }

  private async nextBatch(cursor: string, maxRepetitions: number): Promise<RawVarbind[]> {
    if (this.credentials.version === '1') {
      return this.call<RawVarbind[]>((done) => this.session.getNext([cursor], done));
    }
    const columns = await this.call<Array<RawVarbind | RawVarbind[]>>((done) =>
      this.session.getBulk([cursor], 0, maxRepetitions, done),
    );
    const column = columns[0];
    if (column === undefined) return [];
    return Array.isArray(column) ? column : [column];
  }

  private async getChunk(oids: readonly string[]): Promise<VarBind[]> {
    if (oids.length === 0) return [];
    try {
      const raw = await this.call<RawVarbind[]>((done) => this.session.get([...oids], done));
      return values(raw);
    } catch (error) {
      if (!(error instanceof SnmpError) || error.code !== 'SNMP_REQUEST_FAILED') throw error;
      if (error.status === STATUS_NO_SUCH_NAME) {
        // SNMPv1 refuses the whole PDU for one missing OID: drop the one it names and ask again.
        if (oids.length === 1) return [];
        const missing = /: ([\d.]+)$/.exec(error.message)?.[1];
        if (missing !== undefined && oids.includes(missing)) {
          return this.getChunk(oids.filter((oid) => oid !== missing));
        }
        return this.getEach(oids);
      }
      if ((error.status === STATUS_TOO_BIG || error.status === STATUS_GEN_ERR) && oids.length > 1) {
        const half = Math.ceil(oids.length / 2);
        return [
          ...(await this.getChunk(oids.slice(0, half))),
          ...(await this.getChunk(oids.slice(half))),
        ];
      }
      if (error.status === STATUS_GEN_ERR) return [];
      throw error;
    }
  }

  private async getEach(oids: readonly string[]): Promise<VarBind[]> {
    const result: VarBind[] = [];
    for (const oid of oids) result.push(...(await this.getChunk([oid])));
    return result;
  }

  private call<T>(start: (done: (error: Error | null, result?: T) => void) => void): Promise<T> {
    if (this.closed) {
      return Promise.reject(
        new SnmpError('SNMP_CLIENT_CLOSED', `session to ${describeTarget(this.target)} closed`),
      );
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const entry: Pending = { fail: (error) => finish(error) };
      const finish = (error: Error | null, result?: T): void => {
        if (settled) return;
        settled = true;
        this.pending.delete(entry);
        if (error !== null) reject(this.mapError(error));
        else resolve(result as T);
      };
      this.pending.add(entry);
      try {
        start(finish);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private failAll(error: Error): void {
    for (const entry of [...this.pending]) entry.fail(error);
  }

  private mapError(error: Error): SnmpError {
    if (error instanceof SnmpError) return error;
    const where = describeTarget(this.target);
    const details = error as Error & { code?: unknown; status?: unknown };
    switch (error.name) {
      case 'RequestTimedOutError':
        return expectedSnmpError(
          'SNMP_TIMEOUT',
          `no answer from ${where} within ${this.request.timeoutMs} ms (${this.request.retries} ${this.request.retries === 1 ? 'retry' : 'retries'})`,
          { cause: error },
        );
      case 'RequestFailedError':
        return new SnmpError(
          'SNMP_REQUEST_FAILED',
          `${where} refused the request: ${error.message}`,
          {
            cause: error,
            status: typeof details.status === 'number' ? details.status : undefined,
          },
        );
      case 'ResponseInvalidError':
        if (details.code === INVALID_AUTH_FAILURE || details.code === INVALID_COULD_NOT_DECRYPT) {
          return new SnmpError(
            'SNMP_AUTH_FAILED',
            `SNMPv3 security failure with ${where}: ${error.message}`,
            {
              cause: error,
            },
          );
        }
        return malformed(this.target, error);
      default:
        if (this.closed) {
          return new SnmpError('SNMP_CLIENT_CLOSED', `session to ${where} closed`, {
            cause: error,
          });
        }
        return new SnmpError(
          'SNMP_TRANSPORT_ERROR',
          `cannot exchange with ${where}: ${error.message}`,
          {
            cause: error,
          },
        );
    }
  }
}

/** Also used for the one SET the agent sends (prtGeneralReset), outside the shared socket. */
export function createSession(
  host: string,
  credentials: SnmpCredentials,
  options: SessionOptions,
): Session {
  if (credentials.version !== '3') {
    return snmp.createSession(host, credentials.community, {
      ...options,
      version: credentials.version === '1' ? snmp.Version1 : snmp.Version2c,
    });
  }
  const user: V3User = { name: credentials.user, level: snmp.SecurityLevel.noAuthNoPriv };
  if (credentials.auth !== undefined) {
    user.level = snmp.SecurityLevel.authNoPriv;
    user.authProtocol = snmp.AuthProtocols[credentials.auth.protocol];
    user.authKey = credentials.auth.key;
    if (credentials.priv !== undefined) {
      user.level = snmp.SecurityLevel.authPriv;
      user.privProtocol = snmp.PrivProtocols[credentials.priv.protocol];
      user.privKey = credentials.priv.key;
    }
  }
  return snmp.createV3Session(host, user, {
    ...options,
    version: snmp.Version3,
    ...(credentials.context === undefined ? {} : { context: credentials.context }),
  });
}

/** Real values only; exceptions and undecodable bindings are left out. */
function values(raw: readonly unknown[] | undefined): VarBind[] {
  const result: VarBind[] = [];
  for (const item of raw ?? []) {
    const converted = convertVarbind(item);
    if (converted.kind === 'value') result.push(converted.varBind);
  }
  return result;
}

function malformed(target: SnmpTarget, error: unknown): SnmpError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SnmpError(
    'SNMP_MALFORMED_RESPONSE',
    `${describeTarget(target)} sent an answer that cannot be decoded: ${reason}`,
    { cause: error },
  );
}

export function describeTarget(target: SnmpTarget): string {
  return `${target.host}:${target.port}`;
}
