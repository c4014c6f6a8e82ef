import type { UploadPayload } from '@printbeat/payload';
import { formatPayload } from './show.command.js';

const payload = {
  version: 1,
  uploadId: '11111111-2222-4333-8444-555555555555',
  agentId: 'agent-7',
  agentVersion: '0.1.0',
  createdAt: '2026-11-21T10:00:00.000Z',
  devices: [
    {
      address: '127.0.0.10',
      identity: {
        manufacturer: 'Kyocera',
        model: 'ECOSYS P2040dn',
        serial: 'VCF9192281',
        mac: '00:17:c8:aa:bb:cc',
        ip: '127.0.0.10',
        hostname: null,
        firmware: null,
        location: null,
        contact: null,
        assetTag: null,
        sysObjectId: null,
        sysDescr: null,
        uptimeSeconds: 120,
      },
      readings: [
        {
          takenAt: '2026-11-21T09:59:00.000Z',
          counters: { total: 12345, mono: 12000, extra: { 'kyocera.copyTotal': 345 } },
          supplies: [
            {
              index: '1',
              description: 'TK-1160',
              type: 'toner',
              color: 'black',
              level: 3600,
              maxCapacity: 7200,
              percent: 50,
              state: 'ok',
              partNumber: 'TK-1160',
            },
          ],
          status: { printer: 'idle', device: 'warning', errors: ['lowToner', 'doorOpen'] },
          alerts: [
            {
              index: '3',
              severity: 'warning',
              group: 'marker',
              code: 'markerTonerAlmostEmpty',
              description: 'Toner low',
            },
          ],
          console: 'Ready',
        },
      ],
    },
    {
      address: '127.0.0.11',
      identity: {
        manufacturer: null,
        model: null,
        serial: null,
        mac: null,
        ip: null,
        hostname: null,
        firmware: null,
        location: null,
        contact: null,
        assetTag: null,
        sysObjectId: null,
        sysDescr: null,
        uptimeSeconds: null,
      },
      readings: [
        {
          takenAt: '2026-11-21T09:59:01.000Z',
          counters: { extra: {} },
          supplies: [],
          status: { printer: null, device: null, errors: [] },
          alerts: [],
          console: null,
        },
      ],
    },
  ],
  discovery: [],
  commandResults: [
    {
      commandId: 'cmd-1',
      status: 'REFUSED',
      finishedAt: '2026-11-21T09:58:00.000Z',
      message: 'Action REBOOT is disabled on this agent',
    },
  ],
} as unknown as UploadPayload;

describe('formatPayload', () => {
  it('shows every device, counter, supply, error, alert and command result that leaves the network', () => {
    const lines = formatPayload(payload).split('\n');
    expect(lines[0]).toBe(
      'Upload 11111111-2222-4333-8444-555555555555 — agent agent-7 (v0.1.0), created 2026-11-21T10:00:00.000Z',
    );
    expect(lines[1]).toBe('2 device(s), 0 discovery result(s), 1 command result(s)');
    expect(lines).toContain(
      '127.0.0.10  Kyocera ECOSYS P2040dn  serial VCF9192281  mac 00:17:c8:aa:bb:cc  ip 127.0.0.10',
    );
    expect(lines).toContain('  reading 2026-11-21T09:59:00.000Z: total=12345 mono=12000');
    expect(lines).toContain('    extra: kyocera.copyTotal=345');
    expect(lines.find((l) => l.includes('TK-1160'))).toMatch(/TK-1160.*50 %/);
    expect(lines).toContain('    status: printer idle, device warning');
    expect(lines).toContain('    errors: lowToner, doorOpen');
    expect(lines).toContain('    console: Ready');
    expect(lines).toContain('    alert warning marker/markerTonerAlmostEmpty: Toner low');
    expect(lines).toContain('127.0.0.11  ?   serial —  mac —  ip —');
    expect(lines).toContain('  reading 2026-11-21T09:59:01.000Z: no counters');
    expect(lines).toContain('command cmd-1: REFUSED Action REBOOT is disabled on this agent');
    expect(lines.at(-1)).toBe('');
  });

  it('shows masked values as they are sent: tokens instead of addresses', () => {
    const [first] = payload.devices;
    const masked = {
      ...payload,
      devices: [
        {
          ...first!,
          address: 'ip-0123456789abcdef',
          identity: {
            ...first!.identity,
            ip: null,
            mac: null,
            ipHash: 'ip-0123456789abcdef',
            macHash: 'mac-fedcba9876543210',
            hostname: 'host-00112233aabbccdd',
          },
        },
      ],
    } as UploadPayload;
    const text = formatPayload(masked);
    expect(text).toContain(
      'ip-0123456789abcdef  Kyocera ECOSYS P2040dn  serial VCF9192281  mac mac-fedcba9876543210  ip ip-0123456789abcdef',
    );
    expect(text).toContain('  host host-00112233aabbccdd  location —  contact —');
    expect(text).not.toContain('127.0.0.10');
  });

  it("lists an event upload's unreachable printers by the address sent", () => {
    const text = formatPayload({
      ...payload,
      kind: 'event',
      unreachable: [{ address: 'ip-00112233aabbccdd', since: '2026-11-21T09:58:00.000Z' }],
    });
    expect(text.split('\n')[0]).toMatch(/^Event upload /);
    expect(text).toContain('unreachable ip-00112233aabbccdd since 2026-11-21T09:58:00.000Z');
  });
});
