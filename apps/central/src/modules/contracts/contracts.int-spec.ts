import type { Device } from '@prisma/client';
import { MetersService } from '../meters/meters.service.js';
import {
  DOMAIN_TEST_PASSWORD,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';

const CONTRACT_FIELDS = `id customerId reference startDate endDate billingCycle billedMeters
  allowances { meter pages } status endedAt
  devices(includeDetached: true) { deviceId serialNumber attachedAt detachedAt
    startMeter { readAt counters } endMeter { readAt counters } }`;

type Meter = { readAt: string; counters: Record<string, number> } | null;
type ContractNode = {
  id: string;
  reference: string;
  billedMeters: string[];
  allowances: { meter: string; pages: number }[];
  status: string;
  endedAt: string | null;
  devices: {
    deviceId: string;
    serialNumber: string | null;
    detachedAt: string | null;
    startMeter: Meter;
    endMeter: Meter;
  }[];
};

const CREATE = `mutation($input: CreateContractInput!) { createContract(input: $input) { ${CONTRACT_FIELDS} } }`;
const ATTACH = `mutation($input: AttachDevicesToContractInput!) {
  attachDevicesToContract(input: $input) { deviceId startMeter { readAt counters } } }`;
const DETACH = `mutation($input: DetachDeviceFromContractInput!) {
  detachDeviceFromContract(input: $input) { deviceId detachedAt endMeter { readAt counters } } }`;
const DEVICE_CONTRACT = `query($id: ID!) { device(id: $id) { id contract { id reference }
  contractMembership { startMeter { counters } } } }`;

/** Contracts through GraphQL on PostgreSQL with row-level security; reads via MetersService. */
describe('contracts (integration)', () => {
  let t: DomainTestApp;
  let a: TestDealer;
  let b: TestDealer;
  let customerToken: string;
  const base = Date.now() - 48 * 3_600_000;
  const hour = (n: number) => new Date(base + n * 3_600_000);

  const gql = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
    t.client.ok<T>(query, variables, token ?? a.adminToken);
  const failure = async (
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<{ message: string; code: string | undefined }> => {
    const result = await t.client.request(query, variables, token ?? a.adminToken);
    expect(result.errors?.length).toBeGreaterThan(0);
    return {
      message: result.errors![0]!.message,
      code: result.errors![0]!.extensions?.code,
    };
  };
  const device = (serial: string, customerId = a.customer.id): Promise<Device> =>
    t.prisma.device.create({
      data: {
        tenantId: a.tenant.id,
        customerId,
        siteId: customerId === a.customer.id ? a.site.id : null,
        serialNumber: serial,
        manufacturer: 'Kyocera',
        model: 'TASKalfa 2554ci',
      },
    });
  const read = (d: Device, at: Date, counters: Record<string, number>) =>
    t.asTenant(a.tenant.id, (tx) =>
      t.app
        .get(MetersService)
        .recordReadings(tx, [{ device: d, readings: [{ readAt: at, counters }] }]),
    );
  const create = async (input: Record<string, unknown>) =>
    (await gql<{ createContract: ContractNode }>(CREATE, { input })).createContract;
  const contract = async (id: string) =>
    (
      await gql<{ contract: ContractNode }>(
        `query($id: ID!) { contract(id: $id) { ${CONTRACT_FIELDS} } }`,
        { id },
      )
    ).contract;

  beforeAll(async () => {
    t = await startDomainTestApp([]);
    a = await t.dealer();
    b = await t.dealer();
    const signIn = await t.client.ok<{ signIn: { accessToken: string } }>(
      `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }`,
      { email: a.users!.customerAdmin.email, password: DOMAIN_TEST_PASSWORD },
    );
    customerToken = signIn.signIn.accessToken;
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses bad terms with sentences naming the limit', async () => {
    const base = { customerId: a.customer.id, startDate: '2026-01-01T00:00:00Z' };
    expect(await failure(CREATE, { input: { ...base, reference: 'R'.repeat(65) } })).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Reference must be at most 64 characters (it has 65).',
    });
    expect(
      await failure(CREATE, {
        input: { ...base, reference: 'K-1', endDate: '2025-12-31T00:00:00Z' },
      }),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'The end date must not be before the start date.',
    });
    expect(
      (
        await failure(CREATE, {
          input: {
            ...base,
            reference: 'K-1',
            billedMeters: ['total'],
            allowances: [{ meter: 'color', pages: 100 }],
          },
        })
      ).message,
    ).toBe('An allowance for "color" needs that meter among the billed meters.');
    expect(
      (await failure(CREATE, { input: { ...base, reference: 'K-1', billedMeters: ['=cmd'] } }))
        .message,
    ).toContain('is not a meter name');
    expect(await t.prisma.contract.count({ where: { tenantId: a.tenant.id } })).toBe(0);
  }, 60_000);

  it('attaches devices with their start meters, one contract per device, and ends with end meters', async () => {
    const mfp = await device('CON-MFP');
    const silent = await device('CON-SILENT');
    await read(mfp, hour(1), { total: 1000, mono: 700, color: 300, scanTotal: 50 });
    await read(mfp, hour(2), { total: 1100, mono: 760, color: 340, scanTotal: 55 });

    const k = await create({
      customerId: a.customer.id,
      reference: 'K-2026-001',
      startDate: '2026-01-01T00:00:00Z',
      billingCycle: 'QUARTERLY',
      billedMeters: ['mono', 'color', 'scanTotal'],
      allowances: [{ meter: 'mono', pages: 5000 }],
    });
    expect(k).toMatchObject({
      reference: 'K-2026-001',
      billedMeters: ['mono', 'color', 'scanTotal'],
      allowances: [{ meter: 'mono', pages: 5000 }],
      status: 'ACTIVE',
      devices: [],
    });
    expect(
      (
        await failure(CREATE, {
          input: {
            customerId: a.customer.id,
            reference: 'K-2026-001',
            startDate: '2026-02-01T00:00:00Z',
          },
        })
      ).code,
    ).toBe('CONFLICT');

    const attached = await gql<{
      attachDevicesToContract: { deviceId: string; startMeter: Meter }[];
    }>(ATTACH, { input: { contractId: k.id, deviceIds: [mfp.id, silent.id] } });
    const byDevice = new Map(attached.attachDevicesToContract.map((row) => [row.deviceId, row]));
    expect(byDevice.get(mfp.id)?.startMeter).toEqual({
      readAt: hour(2).toISOString(),
      counters: { mono: 760, color: 340, scanTotal: 55 },
    });
    expect(byDevice.get(silent.id)?.startMeter).toBeNull();
    // Again: left as it is, no second membership.
    await gql(ATTACH, { input: { contractId: k.id, deviceIds: [mfp.id] } });
    expect(await t.prisma.contractDevice.count({ where: { deviceId: mfp.id } })).toBe(1);

    const seen = await gql<{
      device: { contract: { reference: string } | null; contractMembership: { startMeter: Meter } };
    }>(DEVICE_CONTRACT, { id: mfp.id });
    expect(seen.device.contract?.reference).toBe('K-2026-001');
    expect(seen.device.contractMembership.startMeter?.counters).toEqual({
      mono: 760,
      color: 340,
      scanTotal: 55,
    });

    // One contract at a time.
    const other = await create({
      customerId: a.customer.id,
      reference: 'K-2026-002',
      startDate: '2026-01-01T00:00:00Z',
    });
    const conflict = await failure(ATTACH, {
      input: { contractId: other.id, deviceIds: [mfp.id] },
    });
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.message).toContain('already under contract K-2026-001');

    // Detach records the end meters from the newest read at that moment.
    await read(mfp, hour(3), { total: 1300, mono: 900, color: 400, scanTotal: 60 });
    const detached = await gql<{
      detachDeviceFromContract: { detachedAt: string; endMeter: Meter };
    }>(DETACH, { input: { contractId: k.id, deviceId: mfp.id } });
    expect(detached.detachDeviceFromContract.endMeter).toEqual({
      readAt: hour(3).toISOString(),
      counters: { mono: 900, color: 400, scanTotal: 60 },
    });
    expect((await failure(DETACH, { input: { contractId: k.id, deviceId: mfp.id } })).code).toBe(
      'CONFLICT',
    );
    // Now free for the other contract.
    await gql(ATTACH, { input: { contractId: other.id, deviceIds: [mfp.id] } });
    expect(
      (await gql<{ device: { contract: { reference: string } } }>(DEVICE_CONTRACT, { id: mfp.id }))
        .device.contract.reference,
    ).toBe('K-2026-002');

    // Ending a contract detaches everything under it.
    const ended = (
      await gql<{ endContract: ContractNode }>(
        `mutation($id: ID!) { endContract(id: $id) { ${CONTRACT_FIELDS} } }`,
        { id: k.id },
      )
    ).endContract;
    expect(ended.status).toBe('ENDED');
    expect(ended.devices.map((row) => [row.serialNumber, row.detachedAt !== null]).sort()).toEqual([
      ['CON-MFP', true],
      ['CON-SILENT', true],
    ]);
    expect(ended.devices.find((row) => row.serialNumber === 'CON-SILENT')?.endMeter).toBeNull();
    expect(
      (await failure(ATTACH, { input: { contractId: k.id, deviceIds: [silent.id] } })).code,
    ).toBe('CONFLICT');

    const actions = (
      await t.prisma.auditEvent.findMany({
        where: { tenantId: a.tenant.id, targetType: 'Contract' },
        orderBy: { at: 'asc' },
      })
    ).map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'contract.create',
        'contract.device.attach',
        'contract.device.detach',
        'contract.end',
      ]),
    );
  }, 90_000);

  it('retiring a device ends its contract membership with its end meters', async () => {
    const d = await device('CON-RETIRE');
    await read(d, hour(4), { total: 10, mono: 10 });
    const k = await create({
      customerId: a.customer.id,
      reference: 'K-RET',
      startDate: '2026-01-01T00:00:00Z',
    });
    await gql(ATTACH, { input: { contractId: k.id, deviceIds: [d.id] } });
    await read(d, hour(5), { total: 25, mono: 25 });
    await gql(`mutation($id: ID!) { retireDevice(id: $id) { id } }`, { id: d.id });
    const after = await contract(k.id);
    expect(after.devices).toHaveLength(1);
    expect(after.devices[0]!.detachedAt).not.toBeNull();
    expect(after.devices[0]!.endMeter).toEqual({
      readAt: hour(5).toISOString(),
      counters: { total: 25, mono: 25 },
    });
    const refused = await failure(ATTACH, { input: { contractId: k.id, deviceIds: [d.id] } });
    expect(refused.message).toContain('is retired');
  }, 60_000);

  it('lets customer users read their own contracts only and write none; other dealers see nothing', async () => {
    const k = await create({
      customerId: a.customer.id,
      reference: 'K-READ',
      startDate: '2026-01-01T00:00:00Z',
    });
    const list = `{ contracts(first: 100) { edges { node { reference } } } }`;
    const own = await gql<{ contracts: { edges: { node: { reference: string } }[] } }>(
      list,
      {},
      customerToken,
    );
    expect(own.contracts.edges.map((edge) => edge.node.reference)).toContain('K-READ');
    expect(
      (
        await failure(
          `mutation($id: ID!) { endContract(id: $id) { id } }`,
          { id: k.id },
          customerToken,
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (await gql<{ contracts: { edges: unknown[] } }>(list, {}, b.adminToken)).contracts.edges,
    ).toEqual([]);
    expect(
      (await failure(`query($id: ID!) { contract(id: $id) { id } }`, { id: k.id }, b.adminToken))
        .code,
    ).toBe('NOT_FOUND');
    // Another customer's device cannot join.
    const { createTestCustomer } = await import('../../../../../tools/testing/factories.js');
    const elsewhere = await createTestCustomer(t.prisma, a.tenant.id);
    const foreign = await device('CON-FOREIGN', elsewhere.customer.id);
    expect(
      (await failure(ATTACH, { input: { contractId: k.id, deviceIds: [foreign.id] } })).code,
    ).toBe('BAD_USER_INPUT');
  }, 60_000);
  it('bills a contracted device with its contract reference and billed meters, others with the defaults; the fleet filters by contract', async () => {
    const { createTestCustomer } = await import('../../../../../tools/testing/factories.js');
    const billed = await createTestCustomer(t.prisma, a.tenant.id);
    const underContract = await device('BILL-K', billed.customer.id);
    const free = await device('BILL-FREE', billed.customer.id);
    await t.prisma.device.updateMany({
      where: { id: underContract.id },
      data: { equipmentId: 'EQ-77' },
    });
    for (const [d, start, end] of [
      [underContract, 100, 180],
      [free, 10, 30],
    ] as const) {
      await read(d, hour(10), { total: start, mono: start, scanTotal: start * 2 });
      await read(d, hour(20), { total: end, mono: end, scanTotal: end * 2 });
    }
    const k = await create({
      customerId: billed.customer.id,
      reference: 'K-BILL',
      startDate: '2026-01-01T00:00:00Z',
      billedMeters: ['mono', 'scanTotal'],
    });
    await gql(ATTACH, { input: { contractId: k.id, deviceIds: [underContract.id] } });

    const exported = await gql<{
      billingExport: {
        rows: {
          serialNumber: string;
          contractReference: string | null;
          equipmentId: string | null;
          meter: string;
          delta: number | null;
        }[];
        customerTotals: { counters: { counter: string; pages: number; devices: number }[] }[];
      };
    }>(
      `query($from: DateTime!, $to: DateTime!, $customerId: ID) {
        billingExport(from: $from, to: $to, customerId: $customerId, first: 100) {
          rows { serialNumber contractReference equipmentId meter delta }
          customerTotals { counters { counter pages devices } }
        }
      }`,
      // The period ends after the attachment: the device was under the contract in it.
      { from: hour(9).toISOString(), to: new Date().toISOString(), customerId: billed.customer.id },
    );
    const rows = exported.billingExport.rows.map((row) =>
      [row.serialNumber, row.contractReference, row.equipmentId, row.meter, row.delta].join(' '),
    );
    expect(rows.sort()).toEqual([
      'BILL-FREE   mono 20',
      'BILL-FREE   total 20',
      'BILL-K K-BILL EQ-77 mono 80',
      'BILL-K K-BILL EQ-77 scanTotal 160',
    ]);
    expect(exported.billingExport.customerTotals[0]!.counters).toEqual([
      { counter: 'total', pages: 20, devices: 1 },
      { counter: 'mono', pages: 100, devices: 2 },
      { counter: 'scanTotal', pages: 160, devices: 1 },
    ]);

    const fleet = async (underContractFilter: boolean) =>
      (
        await gql<{ devices: { edges: { node: { serialNumber: string } }[] } }>(
          `query($customerId: ID, $underContract: Boolean) {
            devices(customerId: $customerId, underContract: $underContract, first: 100) { edges { node { serialNumber } } }
          }`,
          { customerId: billed.customer.id, underContract: underContractFilter },
        )
      ).devices.edges.map((edge) => edge.node.serialNumber);
    expect(await fleet(true)).toEqual(['BILL-K']);
    expect(await fleet(false)).toEqual(['BILL-FREE']);
  }, 60_000);
});
