import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { tenantContext } from '../tenancy/tenant-context.js';

/** One batch: the values of `keys` (for one argument set), in their order. */
export type BatchLoad<K, V, A> = (keys: readonly K[], args: A) => Promise<V[]>;

/**
 * The DataLoaders of one GraphQL request (on its context), made on first use: one per batch
 * function (a field's loader) and argument set, so a field asked for many rows costs one
 * query. A batch runs in the tenant context of the request that made the loader: row-level
 * security applies as for any other read of that request.
 */
export class RequestLoaders {
  private readonly loaders = new Map<object, Map<string, DataLoader<unknown, unknown>>>();

  /** `key` is an id, or a small object of ids (compared by its JSON). */
  load<K, V, A>(batch: BatchLoad<K, V, A>, key: K, args: A): Promise<V> {
    return this.of(batch, args).load(key);
  }

  private of<K, V, A>(batch: BatchLoad<K, V, A>, args: A): DataLoader<K, V, string> {
    const byArgs = this.loaders.get(batch) ?? new Map<string, DataLoader<unknown, unknown>>();
    this.loaders.set(batch, byArgs);
    const argsKey = JSON.stringify(args ?? null);
    const known = byArgs.get(argsKey);
    if (known) return known as DataLoader<K, V, string>;
    const context = tenantContext.get();
    const loader = new DataLoader<K, V, string>(
      (keys) => tenantContext.run(context, () => batch(keys, args)),
      { cacheKeyFn: (key) => (typeof key === 'string' ? key : JSON.stringify(key)) },
    );
    byArgs.set(argsKey, loader);
    return loader;
  }
}

/** The request's loaders, as a resolver parameter. */
export const Loaders = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestLoaders =>
    GqlExecutionContext.create(context).getContext<{ loaders: RequestLoaders }>().loaders,
);

/** Rows grouped under the keys they belong to, in key order (a key without rows gets []). */
export function groupedBy<R>(
  keys: readonly string[],
  rows: readonly R[],
  keyOf: (row: R) => string,
): R[][] {
  const groups = new Map<string, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** The row of each key, in key order (null when none). */
export function oneBy<R>(
  keys: readonly string[],
  rows: readonly R[],
  keyOf: (row: R) => string,
): (R | null)[] {
  const byKey = new Map<string, R>(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}
