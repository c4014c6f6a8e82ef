import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSnapshot, isPrinter, parseWalk } from '@printbeat/printer-mib';
import {
  buildPayloadXml,
  identityFrom,
  parsePayloadXml,
  PAYLOAD_VERSION,
  readingFrom,
  type DevicePayload,
  type UploadPayload,
} from './index.js';

// The real printer walks (fixtures/snmp at the repository root), decoded by the agent's own decoder.
const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/snmp');

function fixtureWalks(): { name: string; text: string }[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'licenses')
    .flatMap((directory) =>
      readdirSync(join(FIXTURES_DIR, directory.name))
        .filter((file) => /\.(snmprec|walk|json)$/.test(file))
        .map((file) => ({
          name: `${directory.name}/${file}`,
          text: readFileSync(join(FIXTURES_DIR, directory.name, file), 'utf8'),
        })),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe('payload from real device snapshots', () => {
  it('carries every fixture printer through build and parse unchanged', () => {
    const devices: DevicePayload[] = [];
    for (const [index, walk] of fixtureWalks().entries()) {
      const varBinds = parseWalk(walk.name, walk.text);
      if (!isPrinter(varBinds)) continue;
      const snapshot = decodeSnapshot(varBinds);
      const address = `127.0.${Math.floor(index / 250)}.${(index % 250) + 1}`;
      devices.push({
        address,
        identity: identityFrom(snapshot.identity, { ip: address }),
        readings: [readingFrom(snapshot, new Date(Date.UTC(2026, 2, 1, 12, 0, index)))],
      });
    }
    expect(devices.length).toBeGreaterThan(20);
    const payload: UploadPayload = {
      version: PAYLOAD_VERSION,
      uploadId: '0b9e3c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
      agentId: 'agt_fixtures',
      agentVersion: '0.1.0',
      createdAt: '2026-03-01T12:30:00.000Z',
      devices,
    };
    const parsed = parsePayloadXml(buildPayloadXml(payload));
    expect(parsed).toStrictEqual(payload);
    // Something real went through: counters, supplies and identity from the walks.
    expect(
      parsed.devices.filter((device) => device.readings[0]!.counters.total !== undefined).length,
    ).toBeGreaterThan(10);
    expect(parsed.devices.flatMap((device) => device.readings[0]!.supplies).length).toBeGreaterThan(
      50,
    );
    expect(
      parsed.devices.filter((device) => device.identity.serial !== null).length,
    ).toBeGreaterThan(10);
    // The Xerox walk's toner "Black Toner, PN 006R01509;SN48178080E0000481" keeps its chip serial.
    expect(
      parsed.devices
        .flatMap((device) => device.readings[0]!.supplies)
        .find((supply) => supply.serialNumber === '48178080E0000481'),
    ).toMatchObject({ description: 'Black Toner', partNumber: '006R01509' });
    // The alert tables' prtAlertTrainingLevel (the Kyocera walks carry one per row).
    expect(
      parsed.devices.flatMap((device) =>
        device.readings[0]!.alerts.filter((alert) => alert.trainingLevel),
      ).length,
    ).toBeGreaterThan(0);
  });

  it('copies only reading fields, so the snapshot identity does not leak into a reading', () => {
    const reading = readingFrom(
      {
        counters: { total: 1, extra: {} },
        supplies: [],
        status: { printer: 'idle', device: 'running', errors: [] },
        alerts: [],
        console: null,
        ...{ identity: { serial: 'X' } },
      },
      '2026-03-01T12:00:00Z',
    );
    expect(Object.keys(reading).sort()).toEqual([
      'alerts',
      'console',
      'counters',
      'status',
      'supplies',
      'takenAt',
    ]);
  });
});
