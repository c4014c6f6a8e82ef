import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWalk } from '@printbeat/printer-mib';
import { buildPayloadXml, parsePayloadXml } from '@printbeat/payload';
import { pollDevice } from '../polling/poll-device.js';
import { WalkBackedClient } from '../polling/test-support/walk-backed-client.js';
import { buildUploadPayload, toDevicePayload } from './to-payload.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/snmp');
const XEROX = parseWalk(
  'librenms/xerox.snmprec',
  readFileSync(join(FIXTURES, 'librenms/xerox.snmprec'), 'utf8'),
);

describe('toDevicePayload', () => {
  it("carries a cartridge's name, part number and chip serial from the poll into the upload XML", async () => {
    const result = await pollDevice(new WalkBackedClient({ host: '127.20.0.9', port: 161 }, XEROX));
    const device = toDevicePayload(result, new Date('2026-12-07T06:00:00Z'));
    expect(device).not.toBeNull();
    const payload = buildUploadPayload({
      uploadId: '0b9e3c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
      agentId: 'agt_test',
      createdAt: new Date('2026-12-07T06:00:01Z'),
      devices: [device!],
    });

    const xml = buildPayloadXml(payload);
    expect(xml).toContain('<serialNumber>48178080E0000481</serialNumber>');
    const supplies = parsePayloadXml(xml).devices[0]!.readings[0]!.supplies;
    expect(supplies[0]).toMatchObject({
      description: 'Black Toner',
      partNumber: '006R01509',
      serialNumber: '48178080E0000481',
    });
    // "Fuser, PN unknown;SNunknown": no serial is sent rather than a made-up one.
    expect(supplies.find((supply) => supply.description === 'Fuser')).not.toHaveProperty(
      'serialNumber',
    );
  });
});
