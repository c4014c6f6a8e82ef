import type { VarBind } from '@printbeat/printer-mib';
import { errorCode } from '../agent.errors.js';
import type { SnmpClient, SnmpClientFactory, SnmpCredentials, SnmpTarget } from './snmp-client.js';

/**
 * Wrong credentials look like this: SNMPv3 answers a report (unknown user, wrong digest,
 * undecryptable), v1/v2c drop a wrong community in silence. Any other outcome means the
 * device answered these credentials.
 */
const WRONG_CREDENTIALS = new Set(['SNMP_AUTH_FAILED', 'SNMP_TIMEOUT']);

/** Opens a client for one target with one set of credentials. */
export type ClientOpener = (target: SnmpTarget, credentials: SnmpCredentials) => SnmpClient;

/**
 * Clients that try an ordered list of credentials: the target's own list when it has one,
 * else the batch's. A list of one is a plain client. See FallbackSnmpClient.
 */
export function createFallbackClientFactory(options: {
  credentials: readonly SnmpCredentials[];
  open: ClientOpener;
  close(): void;
}): SnmpClientFactory {
  return {
    create: (target) => {
      const list = target.credentials?.length ? target.credentials : options.credentials;
      const [first, ...rest] = list;
      if (first === undefined) throw new Error('no SNMP credentials to try');
      return rest.length === 0
        ? options.open(target, first)
        : new FallbackSnmpClient(target, list, options.open);
    },
    close: () => options.close(),
  };
}

/**
 * Sends the first request with each set of credentials in turn until the device answers (a
 * wrong v3 user or community does not stop there: the next one is tried), then keeps the
 * credentials that answered for every later request. When none answers, the outcome is the
 * first refusal if there was one (a device is there, with other credentials), else the last
 * timeout. One request at a time, as every client of a device is used.
 */
export class FallbackSnmpClient implements SnmpClient {
  private chosen: SnmpClient | null = null;
  private closed = false;

  constructor(
    readonly target: SnmpTarget,
    private readonly credentials: readonly SnmpCredentials[],
    private readonly open: ClientOpener,
  ) {}

  /** Position in the list of the credentials that answered; null before the first answer. */
  chosenIndex: number | null = null;

  get(oids: readonly string[]): Promise<VarBind[]> {
    return this.run((client) => client.get(oids));
  }

  getNext(oids: readonly string[]): Promise<VarBind[]> {
    return this.run((client) => client.getNext(oids));
  }

  walk(subtree: string): Promise<VarBind[]> {
    return this.run((client) => client.walk(subtree));
  }

  walkAll(subtrees: readonly string[]): Promise<VarBind[]> {
    return this.run((client) => client.walkAll(subtrees));
  }

  close(): void {
    this.closed = true;
    this.chosen?.close();
  }

  private async run(request: (client: SnmpClient) => Promise<VarBind[]>): Promise<VarBind[]> {
    if (this.chosen !== null) return request(this.chosen);
    let refusal: unknown = null;
    for (const [index, credentials] of this.credentials.entries()) {
      const client = this.open(this.target, credentials);
      try {
        const result = await request(client);
        this.choose(client, index);
        return result;
      } catch (error) {
        const code = errorCode(error);
        const last = index === this.credentials.length - 1;
        if (last || this.closed || !WRONG_CREDENTIALS.has(code)) {
          this.choose(client, index);
          throw WRONG_CREDENTIALS.has(code) && refusal !== null ? refusal : error;
        }
        if (code !== 'SNMP_TIMEOUT') refusal ??= error;
        client.close();
      }
    }
    throw new Error('no SNMP credentials to try');
  }

  private choose(client: SnmpClient, index: number): void {
    this.chosen = client;
    this.chosenIndex = index;
    if (this.closed) client.close();
  }
}
