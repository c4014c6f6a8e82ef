import type { DevicePayload, UploadPayload } from '../payload.types.js';

const COLORS = ['black', 'cyan', 'magenta', 'yellow'] as const;

/** One colour MFP with every identity field, one reading: 6 counters, 4 toners, an alert. */
function device(index: number): DevicePayload {
  const suffix = String(index).padStart(6, '0');
  const address = `127.70.${Math.floor(index / 250)}.${(index % 250) + 1}`;
  const total = 100_000 + index * 7;
  return {
    address,
    identity: {
      manufacturer: 'Kyocera',
      model: 'TASKalfa 2554ci',
      serial: `LARGE${suffix}`,
      mac: `00:17:c8:${suffix.slice(0, 2)}:${suffix.slice(2, 4)}:${suffix.slice(4, 6)}`,
      ip: address,
      hostname: `printer-${suffix}.branch.customer.example`,
      firmware: '2XD_S000.002.215',
      location: 'Floor 2, copy room next to the kitchen',
      contact: 'facilities@customer.example',
      assetTag: `INV-${suffix}`,
      sysObjectId: '1.3.6.1.4.1.1347.41',
      sysDescr: 'KYOCERA Document Solutions Printing System',
      uptimeSeconds: 86_400 + index,
    },
    readings: [
      {
        takenAt: '2026-03-01T22:00:00.000Z',
        counters: {
          total,
          mono: Math.floor(total * 0.7),
          color: total - Math.floor(total * 0.7),
          printTotal: total - 1000,
          copyTotal: 1000,
          extra: { 'kyocera.printerBlackA3': 17, 'kyocera.copyFullColorA3': 4 },
        },
        supplies: COLORS.map((color, supply) => ({
          index: `1.${supply + 1}`,
          description: `TK-8345${color[0]!.toUpperCase()} ${color} toner cartridge`,
          type: 'toner',
          color,
          level: 80 - supply * 5,
          maxCapacity: 100,
          percent: 80 - supply * 5,
          state: 'ok',
          partNumber: `TK-8345${color[0]!.toUpperCase()}`,
        })),
        status: { printer: 'idle', device: 'warning', errors: ['lowPaper'] },
        alerts: [
          {
            index: '3',
            severity: 'warning',
            group: 'input',
            code: 'other',
            description: 'Paper low in tray 2',
          },
        ],
        console: 'Ready to print. Add paper to tray 2.',
      },
    ],
  };
}

/** The largest upload the limits allow in devices (5,000 by default): what every parsing limit must let through. */
export function largePayload(deviceCount: number, agentId = 'agt_large'): UploadPayload {
  return {
    version: 1,
    uploadId: '0f6c2a4e-8d1b-4c7a-9e5f-0a1b2c3d4e5f',
    agentId,
    agentVersion: '0.3.1',
    createdAt: '2026-03-01T23:00:04.512Z',
    devices: Array.from({ length: deviceCount }, (_, index) => device(index)),
  };
}
