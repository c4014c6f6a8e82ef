import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Device } from '@prisma/client';
import {
  startSmtpSinkProcess,
  type SmtpSinkProcess,
} from '../../../../../tools/testing/smtp-sink-process.js';
import { MetersService } from '../meters/meters.service.js';
import {
  createApiKeyFor,
  inTenant,
  startDomainTestApp,
  type DomainTestApp,
  type TestDealer,
} from '../usage/test-support/domain-test-app.js';
import { ReconciliationJob } from './reconciliation.job.js';
import { ReconciliationService } from './reconciliation.service.js';

type Hook = { type: string; data: Record<string, unknown> };
type Entry = { serialNumber: string; contractReference: string | null; detail: string | null };
type Report = {
  counts: Record<string, number>;
  silentUnderContract: Entry[];
  reportingWithoutContract: Entry[];
  serialChanged: Entry[];
  awaitingReview: Entry[];
};

const ENTRY = `serialNumber contractReference detail`;
const REPORT = `query($customerId: ID, $billingDate: DateTime, $silentDays: Int) {
  reconciliation(customerId: $customerId, billingDate: $billingDate, silentDays: $silentDays) {
    counts { silentUnderContract reportingWithoutContract serialChanged awaitingReview }
    silentUnderContract { ${ENTRY} } reportingWithoutContract { ${ENTRY} }
    serialChanged { ${ENTRY} } awaitingReview { ${ENTRY} }
  }
}`;
const DAY = 86_400_000;

/**
 * The reconciliation report on PostgreSQL with row-level security: GraphQL, the CSV over HTTP,
 * and the daily change check announcing by webhook (real HTTP receiver) and e-mail (real SMTP
 * sink process).
 */
describe('reconciliation report (integration)', () => {
  let t: DomainTestApp;
  let sink: SmtpSinkProcess;
  let receiver: Server;
  let receiverUrl: string;
  const hooks: Hook[] = [];
  let a: TestDealer;
  let b: TestDealer;
  let key: string;
  const now = Date.now();
  const devices: Record<string, Device> = {};

  const gql = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
    t.client.ok<T>(query, variables, token ?? a.adminToken);
  const report = async (variables: Record<string, unknown> = {}, token?: string) =>
    (await gql<{ reconciliation: Report }>(REPORT, variables, token)).reconciliation;
  const serials = (entries: Entry[]) => entries.map((entry) => entry.serialNumber);
  const device = (serial: string): Promise<Device> =>
    t.prisma.device.create({
      data: {
        tenantId: a.tenant.id,
        customerId: a.customer.id,
        siteId: a.site.id,
        serialNumber: serial,
        manufacturer: 'Kyocera',
        model: 'ECOSYS M3655idn',
        firstSeenAt: new Date(now - 60 * DAY),
      },
    });
  const read = (d: Device, daysAgo: number, total: number) =>
    t.asTenant(a.tenant.id, (tx) =>
      t.app
        .get(MetersService)
        .recordReadings(tx, [
          { device: d, readings: [{ readAt: new Date(now - daysAgo * DAY), counters: { total } }] },
        ]),
    );
  const attach = (contractId: string, deviceIds: string[]) =>
    gql(
      `mutation($input: AttachDevicesToContractInput!) { attachDevicesToContract(input: $input) { id } }`,
      { input: { contractId, deviceIds } },
    );

  beforeAll(async () => {
    sink = await startSmtpSinkProcess();
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        hooks.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Hook);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    t = await startDomainTestApp([], {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      SMTP_FROM: 'Printbeat <no-reply@dealer.test>',
    });
    a = await t.dealer();
    b = await t.dealer();
    key = await createApiKeyFor(t.client, a.adminToken, ['METERS_READ']);

    devices['silent'] = await device('REC-SILENT');
    devices['ok'] = await device('REC-OK');
    devices['free'] = await device('=REC-FREE');
    devices['stale'] = await device('REC-STALE');
    devices['swapped'] = await device('REC-NEW-SN');
    devices['dropped'] = await device('REC-DROP');
    await read(devices['silent'], 10, 100);
    await read(devices['ok'], 1, 100);
    await read(devices['free'], 1, 100);
    await read(devices['stale'], 30, 100);
    await read(devices['swapped'], 40, 500);
    await read(devices['dropped'], 40, 1000);
    await read(devices['dropped'], 39, 5);
    await t.prisma.deviceIdentityChange.create({
      data: {
        tenantId: a.tenant.id,
        customerId: a.customer.id,
        deviceId: devices['swapped'].id,
        field: 'serialNumber',
        oldValue: 'REC-OLD-SN',
        newValue: 'REC-NEW-SN',
        changedAt: new Date(now - 3 * DAY),
      },
    });
    const contract = await gql<{ createContract: { id: string } }>(
      `mutation($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      {
        input: {
          customerId: a.customer.id,
          reference: 'K-REC',
          startDate: new Date(now - 90 * DAY).toISOString(),
        },
      },
    );
    await attach(contract.createContract.id, [
      devices['silent'].id,
      devices['ok'].id,
      devices['swapped'].id,
      devices['dropped'].id,
    ]);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('lists silent contracted devices, reporting uncontracted ones, serial changes and reads awaiting review', async () => {
    const result = await report();
    expect(serials(result.silentUnderContract)).toEqual(['REC-DROP', 'REC-NEW-SN', 'REC-SILENT']);
    expect(result.silentUnderContract.every((entry) => entry.contractReference === 'K-REC')).toBe(
      true,
    );
    expect(serials(result.reportingWithoutContract)).toEqual(['=REC-FREE']);
    expect(result.serialChanged).toEqual([
      { serialNumber: 'REC-NEW-SN', contractReference: null, detail: 'REC-OLD-SN → REC-NEW-SN' },
    ]);
    expect(result.awaitingReview).toEqual([
      { serialNumber: 'REC-DROP', contractReference: null, detail: 'total went down 1000 → 5' },
    ]);
    expect(result.counts).toEqual({
      silentUnderContract: 3,
      reportingWithoutContract: 1,
      serialChanged: 1,
      awaitingReview: 1,
    });

    // More silent days forgive the device read 10 days ago; an earlier billing date sees the
    // stale device reporting and nothing under contract yet.
    expect(serials((await report({ silentDays: 20 })).silentUnderContract)).toEqual([
      'REC-DROP',
      'REC-NEW-SN',
    ]);
    const earlier = await report({ billingDate: new Date(now - 29 * DAY).toISOString() });
    expect(earlier.silentUnderContract).toEqual([]);
    expect(serials(earlier.reportingWithoutContract)).toEqual(['REC-STALE']);

    const refused = await t.client.request(REPORT, { silentDays: 0 }, a.adminToken);
    expect(refused.errors?.[0]?.message).toContain('between 1 and 365');
  }, 60_000);

  it('serves the same report as CSV with the billing export CSV rules, for this dealer only', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/reconciliation.csv?bom=true`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'section,customer_id,customer_name,device_id,serial_number,manufacturer,model,display_name,equipment_id,contract_reference,last_read_at,last_seen_at,at,detail',
    );
    expect(lines.filter((line) => line.startsWith('SILENT_UNDER_CONTRACT,'))).toHaveLength(3);
    // A serial starting with "=" is not a spreadsheet formula.
    const free = lines.find((line) => line.startsWith('REPORTING_WITHOUT_CONTRACT,'));
    expect(free).toContain(`,${devices['free']!.id},'=REC-FREE,Kyocera,`);
    expect(lines.at(-1)).toBe('');
    // The portal's download (GraphQL) is the same text.
    const viaGraphql = await gql<{ reconciliation: { csv: string } }>(
      `{ reconciliation { csv } }`,
      {},
      key,
    );
    expect(viaGraphql.reconciliation.csv).toBe(bytes.subarray(3).toString('utf8'));

    const other = await fetch(`${t.baseUrl}/api/v1/reconciliation.csv`, {
      headers: { authorization: `Bearer ${b.adminToken}` },
    });
    expect((await other.text()).trim().split('\r\n')).toHaveLength(1);
    const bad = await fetch(`${t.baseUrl}/api/v1/reconciliation.csv?silentDays=999`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(bad.status).toBe(400);
  }, 60_000);

  it('announces a changed report once per change by webhook and e-mail from the daily job', async () => {
    await gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
      { input: { url: receiverUrl, eventTypes: ['RECONCILIATION_CHANGED'] } },
    );
    await t.prisma.notificationPolicy.create({
      data: {
        tenantId: a.tenant.id,
        name: 'billing desk',
        eventTypes: ['reconciliation.changed'],
        recipientEmails: ['billing@dealer.test'],
      },
    });
    const check = () =>
      inTenant(a.tenant.id, () => t.app.get(ReconciliationService).checkForChanges());

    // First check: the state is stored, nothing announced; unchanged: still nothing.
    expect(await t.app.get(ReconciliationJob).sweep()).toBeGreaterThanOrEqual(2);
    // The sweep queues a job for every dealer tenant of the run's shared database, hundreds by
    // now, and this tenant's may be among the last to run.
    const stored = () =>
      t.prisma.reconciliationState.findFirst({ where: { customerId: a.customer.id } });
    const deadline = Date.now() + 120_000;
    while ((await stored()) === null && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await stored()).toMatchObject({
      counts: { silentUnderContract: 3, reportingWithoutContract: 1 },
    });
    expect(await check()).toEqual([]);

    // The uncontracted device joins a contract: the report changed.
    const second = await gql<{ createContract: { id: string } }>(
      `mutation($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      {
        input: {
          customerId: a.customer.id,
          reference: 'K-REC-2',
          startDate: new Date(now - 90 * DAY).toISOString(),
        },
      },
    );
    await attach(second.createContract.id, [devices['free']!.id]);
    expect(await check()).toEqual([a.customer.id]);
    expect(await check()).toEqual([]);

    while (hooks.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      type: 'reconciliation.changed',
      data: {
        customerId: a.customer.id,
        silentUnderContract: 3,
        reportingWithoutContract: 0,
        serialChanged: 1,
        awaitingReview: 1,
      },
    });
    const mail = await sink.waitForMessage((m) => m.to.includes('billing@dealer.test'));
    expect(mail.subject).toContain('Reconciliation changed for');
    expect(mail.subject).toContain('0 reporting without contract');
  }, 180_000);
});
