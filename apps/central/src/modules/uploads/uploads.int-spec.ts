import { buildPayloadXml } from '@printbeat/payload';
import { craftArchive, randomBody } from '../../gateway/test-support/crafted-archive.js';
import {
  agentKeys,
  device,
  enrolledAgentOf,
  pack,
  payloadOf,
  reading,
  startChannel,
  upload,
  type AgentIdentity,
  type Channel,
  type DealerSite,
} from '../../gateway/test-support/agent-channel.js';

const MAX_BYTES = 512 * 1024;

const DEVICES_QUERY = `query($c: ID) { devices(customerId: $c) { edges { node {
  id serialNumber ipAddress macAddress model printerStatus detectedErrors lastMeterReadAt
  latestMeterRead { readAt lastSeenAt counters }
  supplies { supplyKey description type color level maxCapacity percent state partNumber }
  openAlerts { code severity source }
} } } }`;

describe('uploads (POST /agent/v1/uploads)', () => {
  let channel: Channel;
  let fleet: DealerSite & { agent: AgentIdentity };

  beforeAll(async () => {
    channel = await startChannel({ UPLOAD_MAX_BYTES: String(MAX_BYTES) });
    fleet = await enrolledAgentOf(channel, 'uploads');
  }, 120_000);
  afterAll(() => channel?.t.close());

  async function counts(tenantId: string) {
    const p = channel.t.prisma;
    const where = { tenantId };
    return {
      uploads: await p.upload.count({ where }),
      blobs: await p.uploadBlob.count({ where }),
      devices: await p.device.count({ where }),
      meterReads: await p.meterRead.count({ where }),
      supplies: await p.supply.count({ where }),
      levels: await p.supplyLevel.count({ where }),
      alerts: await p.alert.count({ where }),
    };
  }

  it('stores the raw zip and normalises devices, counters, supplies and alerts in one go', async () => {
    const { agent } = fleet;
    const payload = payloadOf(agent.agentId, [
      device(
        'VCF9Z01234',
        '127.10.0.4',
        [
          reading('2026-03-01T10:00:00.000Z', 5000, 40),
          // Same counters an hour later: no new meter read, its lastSeenAt advances.
          reading('2026-03-01T11:00:00.000Z', 5000, 39),
          reading('2026-03-01T12:00:00.000Z', 5100, 38, ['jammed', 'lowPaper']),
        ],
        '00:17:c8:12:34:56',
      ),
    ]);
    const zip = await pack(agent, payload);
    const response = await upload(channel, agent, zip, payload.uploadId);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      uploadId: payload.uploadId,
      status: 'accepted',
      devices: 1,
      readings: 3,
    });

    const p = channel.t.prisma;
    const tenantId = fleet.dealer.tenantId;
    const stored = await p.upload.findFirstOrThrow({
      where: { tenantId, uploadId: payload.uploadId },
      include: { blob: true },
    });
    expect(stored).toMatchObject({
      agentId: agent.agentId,
      outcome: 'ACCEPTED',
      sizeBytes: zip.length,
      deviceCount: 1,
    });
    expect(Buffer.from(stored.blob!.data).equals(zip)).toBe(true);
    const reads = await p.meterRead.findMany({ where: { tenantId }, orderBy: { readAt: 'asc' } });
    expect(
      reads.map((r) => [r.readAt.toISOString(), r.lastSeenAt.toISOString(), r.counters]),
    ).toEqual([
      [
        '2026-03-01T10:00:00.000Z',
        '2026-03-01T11:00:00.000Z',
        { total: 5000, mono: 4900, color: 100, 'vendor:kyocera.printerBlackA3': 17 },
      ],
      [
        '2026-03-01T12:00:00.000Z',
        '2026-03-01T12:00:00.000Z',
        { total: 5100, mono: 5000, color: 100, 'vendor:kyocera.printerBlackA3': 17 },
      ],
    ]);
    expect(await p.supplyLevel.count({ where: { tenantId } })).toBe(3);

    const data = await channel.t.client.ok(
      DEVICES_QUERY,
      { c: fleet.customerId },
      fleet.dealer.adminToken,
    );
    expect(data['devices'].edges).toEqual([
      {
        node: {
          id: expect.any(String),
          serialNumber: 'VCF9Z01234',
          ipAddress: '127.10.0.4',
          macAddress: '00:17:c8:12:34:56',
          model: 'ECOSYS P3145dn',
          printerStatus: 'other',
          detectedErrors: ['jammed', 'lowPaper'],
          lastMeterReadAt: '2026-03-01T12:00:00.000Z',
          latestMeterRead: {
            readAt: '2026-03-01T12:00:00.000Z',
            lastSeenAt: '2026-03-01T12:00:00.000Z',
            counters: { total: 5100, mono: 5000, color: 100, 'vendor:kyocera.printerBlackA3': 17 },
          },
          supplies: [
            {
              supplyKey: '1.1|TK-3160',
              description: 'TK-3160',
              type: 'toner',
              color: 'black',
              level: 38,
              maxCapacity: 100,
              percent: 38,
              state: 'OK',
              partNumber: 'TK-3160',
            },
          ],
          // Both opened at the same instant: their order is not defined.
          openAlerts: expect.arrayContaining([
            { code: 'JAM', severity: 'CRITICAL', source: 'DEVICE_STATUS' },
            { code: 'PAPER_LOW', severity: 'WARNING', source: 'DEVICE_STATUS' },
          ]),
        },
      },
    ]);
    const audit = await p.auditEvent.findFirstOrThrow({
      where: { tenantId, action: 'upload.accept' },
    });
    expect(data['devices'].edges[0].node.openAlerts).toHaveLength(2);
    expect(audit).toMatchObject({
      actorKind: 'AGENT',
      actorId: agent.agentId,
      targetId: stored.id,
    });

    // The next upload: the printer moved to another IP and its jam is cleared. Same device.
    const next = payloadOf(agent.agentId, [
      device(
        'VCF9Z01234',
        '127.10.0.5',
        [reading('2026-03-01T13:00:00.000Z', 5150, 37, ['lowPaper'])],
        '00:17:c8:12:34:56',
      ),
    ]);
    expect((await upload(channel, agent, await pack(agent, next))).body.status).toBe('accepted');
    const after = await channel.t.client.ok(
      DEVICES_QUERY,
      { c: fleet.customerId },
      fleet.dealer.adminToken,
    );
    expect(after['devices'].edges).toHaveLength(1);
    expect(after['devices'].edges[0].node).toMatchObject({
      ipAddress: '127.10.0.5',
      openAlerts: [{ code: 'PAPER_LOW', severity: 'WARNING', source: 'DEVICE_STATUS' }],
    });
    const change = await p.deviceIdentityChange.findFirstOrThrow({
      where: { tenantId, field: 'ipAddress' },
    });
    expect(change).toMatchObject({ oldValue: '127.10.0.4', newValue: '127.10.0.5' });
    const closed = await p.alert.findFirstOrThrow({ where: { tenantId, code: 'JAM' } });
    expect(closed.closedAt?.toISOString()).toBe('2026-03-01T13:00:00.000Z');
    expect(closed.openKey).toBeNull();
  }, 90_000);

  it('merges readings that arrive out of order (late spool files) without duplicates', async () => {
    const { agent } = fleet;
    const tenantId = fleet.dealer.tenantId;
    const at = (hhmm: string) => `2026-03-05T${hhmm}:00.000Z`;
    const send = async (readings: ReturnType<typeof reading>[]) =>
      (
        await upload(
          channel,
          agent,
          await pack(agent, payloadOf(agent.agentId, [device('LATE0001', '127.10.4.4', readings)])),
        )
      ).body as { status: string; readings: number };

    expect(await send([reading(at('14:00'), 7000, 60)])).toMatchObject({
      status: 'accepted',
      readings: 1,
    });
    // An older file arrives afterwards: two new reads before 14:00, one repeat, and 14:00 itself again.
    expect(
      await send([
        reading(at('12:00'), 6900, 62),
        reading(at('13:00'), 6950, 61),
        reading(at('13:30'), 6950, 61),
        reading(at('14:00'), 7000, 60),
      ]),
    ).toMatchObject({ status: 'accepted', readings: 4 });
    // A later identical reading only moves the last read's lastSeenAt.
    expect(await send([reading(at('15:00'), 7000, 59)])).toMatchObject({ status: 'accepted' });

    const deviceRow = await channel.t.prisma.device.findFirstOrThrow({
      where: { tenantId, serialNumber: 'LATE0001' },
    });
    const reads = await channel.t.prisma.meterRead.findMany({
      where: { tenantId, deviceId: deviceRow.id },
      orderBy: { readAt: 'asc' },
    });
    expect(
      reads.map((r) => [
        r.readAt.toISOString(),
        r.lastSeenAt.toISOString(),
        (r.counters as { total: number }).total,
      ]),
    ).toEqual([
      [at('12:00'), at('12:00'), 6900],
      [at('13:00'), at('13:30'), 6950],
      [at('14:00'), at('15:00'), 7000],
    ]);
    expect(deviceRow.lastMeterReadAt?.toISOString()).toBe(at('14:00'));
    const supply = await channel.t.prisma.supply.findFirstOrThrow({
      where: { tenantId, deviceId: deviceRow.id },
    });
    expect([supply.percent, supply.readAt?.toISOString()]).toEqual([59, at('15:00')]);
    // Levels too, one row per change: 13:30 repeats 13:00, the second 14:00 is already stored.
    const levels = await channel.t.prisma.supplyLevel.findMany({
      where: { tenantId, deviceId: deviceRow.id },
      orderBy: { readAt: 'asc' },
    });
    expect(
      levels.map((l) => [l.readAt.toISOString(), l.lastSeenAt?.toISOString() ?? null, l.percent]),
    ).toEqual([
      [at('12:00'), null, 62],
      [at('13:00'), at('13:30'), 61],
      [at('14:00'), null, 60],
      [at('15:00'), null, 59],
    ]);
  }, 90_000);

  it('stores an upload posted three times concurrently once', async () => {
    const other = await enrolledAgentOf(channel, 'uploads-dup');
    const payload = payloadOf(other.agent.agentId, [
      device('DUP0001', '127.10.1.4', [reading('2026-03-02T10:00:00.000Z', 100, 80)]),
    ]);
    const zip = await pack(other.agent, payload);
    const responses = await Promise.all(
      [1, 2, 3].map(() => upload(channel, other.agent, zip, payload.uploadId)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(responses.map((r) => r.body.status as string).sort()).toEqual([
      'accepted',
      'duplicate',
      'duplicate',
    ]);
    expect(await counts(other.dealer.tenantId)).toEqual({
      uploads: 1,
      blobs: 1,
      devices: 1,
      meterReads: 1,
      supplies: 1,
      levels: 1,
      alerts: 0,
    });
    // A later retry is acknowledged the same way.
    expect((await upload(channel, other.agent, zip)).body).toEqual({
      uploadId: payload.uploadId,
      status: 'duplicate',
    });
  }, 90_000);

  it('refuses every bad archive with its code, stores nothing, and keeps serving', async () => {
    const bad = await enrolledAgentOf(channel, 'uploads-bad');
    const { agent } = bad;
    const tenantId = bad.dealer.tenantId;
    const good = () =>
      payloadOf(agent.agentId, [
        device('BAD0001', '127.10.2.4', [reading('2026-03-03T10:00:00.000Z', 100, 80)]),
      ]);
    const stranger = await agentKeys();
    const xmlOf = (payload = good()) => buildPayloadXml(payload);
    const bomb = new Uint8Array(40 * 1024 * 1024).fill(0x20);

    const cases: [string, () => Promise<Buffer>, number, string][] = [
      [
        'not a zip',
        () => Promise.resolve(Buffer.from('this is not a zip file at all')),
        400,
        'NOT_A_ZIP',
      ],
      [
        'compressed size over the limit',
        () => Promise.resolve(randomBody(MAX_BYTES + 1)),
        413,
        'TOO_LARGE',
      ],
      [
        'zip bomb',
        async () =>
          craftArchive({ payload: good(), signingKeyPem: agent.privateKeyPem, xml: bomb }),
        413,
        'TOO_LARGE',
      ],
      [
        'unexpected entry',
        async () =>
          craftArchive({
            payload: good(),
            signingKeyPem: agent.privateKeyPem,
            entries: ({ xml, manifest, jws }) => ({
              'payload.xml': xml,
              'manifest.json': manifest,
              'manifest.jws': jws,
              'evil.sh': new TextEncoder().encode('rm -rf /'),
            }),
          }),
        400,
        'UNEXPECTED_ENTRY',
      ],
      [
        'signed by another key',
        async () => craftArchive({ payload: good(), signingKeyPem: stranger.privateKeyPem }),
        422,
        'BAD_SIGNATURE',
      ],
      [
        'digest mismatch',
        async () =>
          craftArchive({
            payload: good(),
            signingKeyPem: agent.privateKeyPem,
            manifest: { sha256: '0'.repeat(64) },
          }),
        422,
        'DIGEST_MISMATCH',
      ],
      [
        'malformed XML',
        async () =>
          craftArchive({
            payload: good(),
            signingKeyPem: agent.privateKeyPem,
            xml: xmlOf().replace('</upload>', '</uploa'),
          }),
        400,
        'XML_MALFORMED',
      ],
      [
        'entity expansion / XXE',
        async () =>
          craftArchive({
            payload: good(),
            signingKeyPem: agent.privateKeyPem,
            xml: xmlOf().replace(
              '<upload ',
              '<!DOCTYPE upload [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">]>\n<upload ',
            ),
          }),
        400,
        'XML_DOCTYPE_FORBIDDEN',
      ],
      [
        'schema violation',
        async () =>
          craftArchive({
            payload: good(),
            signingKeyPem: agent.privateKeyPem,
            xml: xmlOf().replace(
              /<counter name="total">\d+<\/counter>/,
              '<counter name="total">-5</counter>',
            ),
          }),
        422,
        'SCHEMA_VIOLATION',
      ],
      [
        "another agent's id in the payload",
        async () => {
          const payload = { ...good(), agentId: fleet.agent.agentId };
          return craftArchive({ payload, signingKeyPem: agent.privateKeyPem });
        },
        422,
        'AGENT_MISMATCH',
      ],
    ];

    const before = await counts(tenantId);
    for (const [name, build, status, code] of cases) {
      const response = await upload(channel, agent, await build());
      expect({ name, status: response.status, code: response.body?.error?.code }).toEqual({
        name,
        status,
        code,
      });
      expect(await counts(tenantId)).toEqual(before);
    }
    const refusals = await channel.t.prisma.auditEvent.findMany({
      where: { tenantId, action: 'gateway.refused' },
    });
    expect(refusals.map((event) => (event.details as { code: string }).code).sort()).toEqual(
      cases.map(([, , , code]) => code).sort(),
    );

    // The server is still up and takes a good upload from the same agent.
    const fine = good();
    expect((await upload(channel, agent, await pack(agent, fine))).body).toMatchObject({
      status: 'accepted',
      devices: 1,
    });
    // Nothing of the other tenant's agent was touched by the mismatched upload.
    expect(
      await channel.t.prisma.device.count({
        where: { tenantId: fleet.dealer.tenantId, serialNumber: 'BAD0001' },
      }),
    ).toBe(0);
  }, 120_000);

  it('refuses an X-Upload-Id that differs from the manifest', async () => {
    const payload = payloadOf(fleet.agent.agentId, [
      device('HDR0001', '127.10.3.4', [reading('2026-03-04T10:00:00.000Z', 1000, 1)]),
    ]);
    const response = await upload(
      channel,
      fleet.agent,
      await pack(fleet.agent, payload),
      '00000000-0000-4000-8000-000000000000',
    );
    expect([response.status, response.body.error.code]).toEqual([422, 'MANIFEST_MISMATCH']);
  }, 60_000);
});
