import type { DevicePayload, Reading, SupplyReading } from '@printbeat/payload';

function supply(
  index: string,
  colour: string,
  percent: number | null,
  state: SupplyReading['state'] = 'ok',
): SupplyReading {
  return {
    index,
    description: `TK-5270${colour[0]?.toUpperCase() ?? ''} ${colour} toner`,
    type: 'toner',
    color: colour,
    level: percent,
    maxCapacity: percent === null ? null : 100,
    percent,
    state,
    partNumber: `TK-5270${colour[0]?.toUpperCase() ?? ''}`,
  };
}

/** One day's reading of a colour MFP: counters grow, toner goes down; magenta only says "some remaining". */
export function colourReading(takenAt: string, total: number, black: number): Reading {
  return {
    takenAt,
    counters: {
      total,
      mono: Math.round(total * 0.7),
      color: total - Math.round(total * 0.7),
      extra: {},
    },
    supplies: [
      supply('1.1', 'black', black),
      supply('1.2', 'cyan', 64),
      supply('1.3', 'magenta', null, 'someRemaining'),
      supply('1.4', 'yellow', 8),
      {
        ...supply('1.5', 'waste', null, 'unknown'),
        type: 'wasteToner',
        color: null,
        description: 'Waste toner box',
      },
    ],
    status: { printer: 'idle', device: 'running', errors: [] },
    alerts: [],
    console: 'Ready to print.',
  };
}

export function mfp(
  serial: string,
  address: string,
  mac: string,
  readings: Reading[],
): DevicePayload {
  return {
    address,
    identity: {
      manufacturer: 'Kyocera',
      model: 'ECOSYS M6630cidn',
      serial,
      mac,
      ip: address,
      hostname: null,
      firmware: '2V9_2F00.001.001',
      location: 'Reception',
      contact: null,
      assetTag: null,
      sysObjectId: '1.3.6.1.4.1.1347.41',
      sysDescr: null,
      uptimeSeconds: 86_400,
    },
    readings,
  };
}
