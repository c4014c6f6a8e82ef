import { tenantContext, type TenantContext } from '../tenancy/tenant-context.js';
import { groupedBy, oneBy, RequestLoaders } from './request-loaders.js';

const tenantA: TenantContext = {
  tenantId: 'tenant-a',
  customerId: null,
  actor: { kind: 'user', userId: 'user-a', role: 'DEALER_ADMIN' },
};

describe('RequestLoaders', () => {
  it('batches the keys of one tick into one call per argument set', async () => {
    const calls: { keys: readonly string[]; args: { first: number } }[] = [];
    const batch = (keys: readonly string[], args: { first: number }) => {
      calls.push({ keys, args });
      return Promise.resolve(keys.map((key) => `${key}/${args.first}`));
    };
    const loaders = new RequestLoaders();
    const values = await tenantContext.run(tenantA, () =>
      Promise.all([
        loaders.load(batch, 'd1', { first: 2 }),
        loaders.load(batch, 'd2', { first: 2 }),
        loaders.load(batch, 'd1', { first: 5 }),
        loaders.load(batch, 'd1', { first: 2 }),
      ]),
    );
    expect(values).toEqual(['d1/2', 'd2/2', 'd1/5', 'd1/2']);
    expect(calls).toEqual([
      { keys: ['d1', 'd2'], args: { first: 2 } },
      { keys: ['d1'], args: { first: 5 } },
    ]);
  });

  it('runs a batch in the tenant context of the request that made the loader', async () => {
    const seen: (string | undefined)[] = [];
    const batch = (keys: readonly string[]) => {
      seen.push(tenantContext.tryGet()?.tenantId);
      return Promise.resolve([...keys]);
    };
    const loaders = new RequestLoaders();
    await tenantContext.run(tenantA, () => loaders.load(batch, 'd1', undefined));
    // A later field of the same request, resolved outside any async scope of the guard.
    await expect(loaders.load(batch, 'd2', undefined)).resolves.toBe('d2');
    expect(seen).toEqual(['tenant-a', 'tenant-a']);
  });

  it('refuses to make a loader outside a tenant context', () => {
    const loaders = new RequestLoaders();
    expect(() => loaders.load(() => Promise.resolve([]), 'd1', undefined)).toThrow(
      'Tenant context not set',
    );
  });

  it('compares object keys by value', async () => {
    let batches = 0;
    const batch = (keys: readonly { id: string }[]) => {
      batches += 1;
      return Promise.resolve(keys.map((key) => key.id));
    };
    const loaders = new RequestLoaders();
    await tenantContext.run(tenantA, async () => {
      await loaders.load(batch, { id: 's1' }, undefined);
      await loaders.load(batch, { id: 's1' }, undefined);
    });
    expect(batches).toBe(1);
  });

  it('aligns rows to keys', () => {
    const rows = [
      { deviceId: 'b', n: 1 },
      { deviceId: 'a', n: 2 },
      { deviceId: 'b', n: 3 },
      { deviceId: 'z', n: 4 },
    ];
    expect(groupedBy(['a', 'b', 'c'], rows, (row) => row.deviceId)).toEqual([
      [{ deviceId: 'a', n: 2 }],
      [
        { deviceId: 'b', n: 1 },
        { deviceId: 'b', n: 3 },
      ],
      [],
    ]);
    expect(oneBy(['a', 'c'], rows, (row) => row.deviceId)).toEqual([{ deviceId: 'a', n: 2 }, null]);
  });
});
