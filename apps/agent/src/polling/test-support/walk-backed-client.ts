import type { VarBind } from '@printbeat/printer-mib';
import { compareOids, isInSubtree } from '../../snmp/oid.js';
import type { SnmpClient, SnmpClientFactory, SnmpTarget } from '../../snmp/snmp-client.js';
import { SnmpError } from '../../snmp/snmp.errors.js';

/** An in-memory SnmpClient answering from a walk, recording what was asked. */
export class WalkBackedClient implements SnmpClient {
  readonly calls: Array<{ method: 'get' | 'getNext' | 'walk' | 'walkAll'; oids: string[] }> = [];
  closed = false;
  /** Makes the n-th call (0-based) fail with this error. */
  failAt: { call: number; error: SnmpError } | undefined;

  constructor(
    readonly target: SnmpTarget,
    private readonly varBinds: readonly VarBind[],
  ) {}

  get(oids: readonly string[]): Promise<VarBind[]> {
    const wanted = new Set(oids);
    return this.answer('get', oids, () =>
      this.varBinds.filter((varBind) => wanted.has(varBind.oid)),
    );
  }

  /** The first binding after each OID, in OID order (none past the end). */
  getNext(oids: readonly string[]): Promise<VarBind[]> {
    const sorted = [...this.varBinds].sort((a, b) => compareOids(a.oid, b.oid));
    return this.answer('getNext', oids, () =>
      oids.flatMap((oid) => sorted.find((varBind) => compareOids(varBind.oid, oid) > 0) ?? []),
    );
  }

  walk(subtree: string): Promise<VarBind[]> {
    return this.answer('walk', [subtree], () =>
      this.varBinds.filter((varBind) => isInSubtree(subtree, varBind.oid)),
    );
  }

  walkAll(subtrees: readonly string[]): Promise<VarBind[]> {
    return this.answer('walkAll', subtrees, () =>
      subtrees.flatMap((subtree) =>
        this.varBinds.filter((varBind) => isInSubtree(subtree, varBind.oid)),
      ),
    );
  }

  close(): void {
    this.closed = true;
  }

  private answer(
    method: 'get' | 'getNext' | 'walk' | 'walkAll',
    oids: readonly string[],
    result: () => VarBind[],
  ): Promise<VarBind[]> {
    const index = this.calls.length;
    this.calls.push({ method, oids: [...oids] });
    if (this.failAt?.call === index) return Promise.reject(this.failAt.error);
    return Promise.resolve(result());
  }
}

/** A factory of walk-backed clients per host; hosts without a walk time out. */
export function walkBackedFactory(walks: Record<string, readonly VarBind[]>): Omit<
  SnmpClientFactory,
  'create'
> & {
  clients: WalkBackedClient[];
  create: (...args: Parameters<SnmpClientFactory['create']>) => WalkBackedClient;
} {
  const clients: WalkBackedClient[] = [];
  return {
    clients,
    create(target) {
      const walk = walks[target.host];
      const client = new WalkBackedClient(target, walk ?? []);
      if (walk === undefined) {
        client.failAt = {
          call: 0,
          error: new SnmpError('SNMP_TIMEOUT', `no answer from ${target.host}:${target.port}`),
        };
      }
      clients.push(client);
      return client;
    },
    close() {},
  };
}
