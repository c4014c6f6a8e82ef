import type { DevicePayload, Reading, UploadPayload } from '../payload.types.js';

/** Realistic upload: three printers (mono A4, colour MFP with vendor counters, an offline one), discovery and command results. */
export function samplePayload(): UploadPayload {
  return {
    version: 1,
    uploadId: '3f6c2a4e-8d1b-4c7a-9e5f-0a1b2c3d4e5f',
    agentId: 'agt_01HZX4',
    agentVersion: '0.3.1',
    createdAt: '2026-03-01T23:00:04.512Z',
    devices: [kyoceraMono(), ricohColour(), offlineHp()],
    discovery: [
      {
        address: '127.0.10.11',
        discoveredAt: '2026-03-01T09:00:01.000Z',
        isPrinter: true,
        sysObjectId: '1.3.6.1.4.1.1347.41',
        sysDescr: 'KYOCERA Document Solutions Printing System',
        manufacturer: 'Kyocera',
        model: 'ECOSYS P3145dn',
        serial: 'VCF9Z01234',
        mac: '00:17:c8:12:34:56',
      },
      {
        address: '127.0.10.99',
        discoveredAt: '2026-03-01T09:00:02.250Z',
        isPrinter: false,
        sysObjectId: '1.3.6.1.4.1.8072.3.2.10',
        sysDescr: 'Linux fileserver 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC',
        manufacturer: null,
        model: null,
        serial: null,
        mac: null,
      },
    ],
    commandResults: [
      {
        commandId: 'cmd_7',
        status: 'SUCCEEDED',
        finishedAt: '2026-03-01T10:15:00.000+01:00',
        message: 'Test page sent (1432 bytes)',
      },
      { commandId: 'cmd_8', status: 'REFUSED', finishedAt: '2026-03-01T10:16:00Z', message: null },
    ],
  };
}

function kyoceraMono(): DevicePayload {
  const reading = (takenAt: string, total: number, level: number): Reading => ({
    takenAt,
    counters: {
      total,
      mono: total,
      printTotal: total - 120,
      copyTotal: 120,
      duplex: 4410,
      extra: { 'kyocera.printerBlackA3': 17 },
    },
    supplies: [
      {
        index: '1.1',
        description: 'TK-3160',
        type: 'toner',
        color: 'black',
        level,
        maxCapacity: 100,
        percent: level,
        state: 'ok',
        partNumber: 'TK-3160',
      },
      {
        index: '1.2',
        description: 'Waste Toner Box',
        type: 'wasteToner',
        color: null,
        level: null,
        maxCapacity: null,
        percent: null,
        state: 'someRemaining',
        partNumber: null,
      },
    ],
    status: { printer: 'idle', device: 'running', errors: [] },
    alerts: [],
    console: 'Ready.',
  });
  return {
    address: '127.0.10.11',
    identity: {
      manufacturer: 'Kyocera',
      model: 'ECOSYS P3145dn',
      serial: 'VCF9Z01234',
      mac: '00:17:c8:12:34:56',
      ip: '127.0.10.11',
      hostname: 'KM-P3145',
      firmware: '2TX_2000.003.204',
      location: 'Floor 2 <copy room> & "annex"',
      contact: '',
      assetTag: 'INV-00412',
      sysObjectId: '1.3.6.1.4.1.1347.41',
      sysDescr: 'KYOCERA Document Solutions Printing System',
      uptimeSeconds: 864012,
    },
    readings: [
      reading('2026-03-01T21:00:00.000Z', 48213, 41),
      reading('2026-03-01T22:00:00.000Z', 48260, 40),
    ],
  };
}

function ricohColour(): DevicePayload {
  return {
    address: 'mfp-3.customer.example',
    identity: {
      manufacturer: 'Ricoh',
      model: 'IM C3000',
      serial: '3100R812345',
      mac: '00:26:73:aa:bb:cc',
      ip: null,
      hostname: 'RNP002673AABBCC',
      firmware: '1.05',
      location: '  Reception\n\tbehind the desk \r\n',
      contact: 'it@customer.example',
      assetTag: null,
      sysObjectId: '1.3.6.1.4.1.367.1.1',
      sysDescr:
        'RICOH IM C3000 1.05 / RICOH Network Printer C model / RICOH Network Scanner C model',
      uptimeSeconds: 0,
    },
    readings: [
      {
        takenAt: '2026-03-01T22:00:00.000Z',
        counters: {
          // Lifetime counters beyond 2^32 (and one at the exact safe-integer limit) must survive exactly.
          total: 5_000_000_123,
          mono: 4_294_967_297,
          color: 705_032_826,
          printTotal: 3_000_000_000,
          printMono: 2_500_000_000,
          printColor: 500_000_000,
          copyTotal: 2_000_000_123,
          copyMono: 1_794_967_297,
          copyColor: 205_032_826,
          faxTotal: 0,
          scanTotal: 912_345,
          large: 12,
          extra: { 'ricoh.developmentCount': Number.MAX_SAFE_INTEGER, 'ricoh.a3Color': 4455 },
        },
        supplies: (['black', 'cyan', 'magenta', 'yellow'] as const).map((color, index) => ({
          index: `1.${index + 1}`,
          description: `Print Cartridge ${color[0]!.toUpperCase()}${color.slice(1)} IM C3000`,
          type: 'toner' as const,
          color,
          level: index === 3 ? null : 10 * (index + 1),
          maxCapacity: 100,
          percent: index === 3 ? null : 10 * (index + 1) + 0.5,
          state: index === 3 ? ('unknown' as const) : ('ok' as const),
          partNumber: index === 0 ? '842311' : null,
        })),
        status: { printer: 'printing', device: 'warning', errors: ['lowToner', 'lowPaper'] },
        alerts: [
          {
            index: '3',
            severity: 'warning',
            group: 'markerSupplies',
            code: 'markerTonerAlmostEmpty',
            description: 'Toner almost empty: Cyan',
          },
          {
            index: '7',
            severity: 'other',
            group: 'input',
            code: 'other',
            description: 'Tray 2 paper low (A4 ▯)',
          },
        ],
        console: 'Printing...\nToner low: C',
      },
    ],
  };
}

function offlineHp(): DevicePayload {
  return {
    address: '127.0.10.40',
    identity: {
      manufacturer: 'HP',
      model: null,
      serial: null,
      mac: null,
      ip: '127.0.10.40',
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
        takenAt: '2026-03-01T22:00:00.000Z',
        counters: { extra: {} },
        supplies: [],
        status: { printer: null, device: 'down', errors: ['doorOpen', 'jammed', 'offline'] },
        alerts: [
          { index: '1', severity: 'critical', group: 'cover', code: 'coverOpen', description: '' },
        ],
        console: null,
      },
    ],
  };
}
