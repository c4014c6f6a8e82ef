import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWalk } from '@printbeat/printer-mib';
import { buildPayloadXml, parsePayloadXml, type UploadPayload } from '@printbeat/payload';
import { buildUploadPayload, toDevicePayload } from '../collection/to-payload.js';
import { pollDevice } from '../polling/poll-device.js';
import { WalkBackedClient } from '../polling/test-support/walk-backed-client.js';
import { maskPayload } from './mask-payload.js';
import { Masker } from './masker.js';
import { effectiveMasking, type MaskingPolicy } from './masking-policy.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/snmp');
const XEROX = parseWalk(
  'librenms/xerox.snmprec',
  readFileSync(join(FIXTURES, 'librenms/xerox.snmprec'), 'utf8'),
);
const KEY = Buffer.alloc(32, 9).toString('base64');
const OTHER_KEY = Buffer.alloc(32, 10).toString('base64');
const ADDRESS = '127.20.0.9';

function masker(policy: Partial<MaskingPolicy>, key: string | null = KEY): Masker {
  return new Masker(effectiveMasking({ remote: { ...policy, key }, local: {}, lockDown: false }), [
    'agent-box.example',
  ]);
}

async function upload(): Promise<UploadPayload> {
  const result = await pollDevice(new WalkBackedClient({ host: ADDRESS, port: 161 }, XEROX));
  const device = toDevicePayload(result, new Date('2026-12-07T06:00:00Z'))!;
  device.identity = {
    ...device.identity,
    mac: '9c:93:4e:12:34:56',
    hostname: 'XRX-COPYROOM',
    location: 'Floor 2 copy room',
    contact: 'it@example.com',
  };
  device.readings[0]!.console = `Ready. IP ${ADDRESS} XRX-copyroom`;
  return buildUploadPayload({
    uploadId: '0b9e3c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
    agentId: 'agt_test',
    createdAt: new Date('2026-12-07T06:00:01Z'),
    devices: [device],
    discovery: [
      {
        address: '127.20.0.50',
        discoveredAt: '2026-12-07T05:00:00.000Z',
        isPrinter: false,
        sysObjectId: null,
        sysDescr: 'Linux fileserver 127.20.0.50 fe80::1 00-11-22-33-44-55',
        manufacturer: null,
        model: null,
        serial: null,
        mac: '00:11:22:33:44:55',
      },
    ],
    commandResults: [
      {
        commandId: 'cmd-1',
        status: 'SUCCEEDED',
        finishedAt: '2026-12-07T06:00:00.000Z',
        message: `pinged ${ADDRESS} on agent-box.example`,
      },
    ],
  });
}

describe('maskPayload', () => {
  it('leaves the payload untouched when everything is sent', async () => {
    const payload = await upload();
    expect(maskPayload(payload, masker({}))).toBe(payload);
  });

  it('withholds every IP, MAC, host name and contact/location, in fields and free text', async () => {
    const payload = await upload();
    const mac = payload.devices[0]!.identity.mac;
    expect(mac).toMatch(/^[0-9a-f:]{17}$/);
    const masked = maskPayload(
      payload,
      masker({
        ip: 'withhold',
        mac: 'withhold',
        hostname: 'withhold',
        contactLocation: 'withhold',
      }),
    );
    const xml = buildPayloadXml(masked);
    for (const secret of [ADDRESS, '127.20.0.50', mac!, '00:11:22:33:44:55', '00-11-22-33-44-55'])
      expect(xml).not.toContain(secret);
    for (const secret of ['XRX-COPYROOM', 'Floor 2', 'it@example.com', 'agent-box', 'fe80::1'])
      expect(xml.toLowerCase()).not.toContain(secret.toLowerCase());
    const device = parsePayloadXml(xml).devices[0]!;
    expect(device.address).toBe('withheld-1');
    expect(device.identity).toMatchObject({ ip: null, mac: null, hostname: null, location: null });
    expect(device.identity.ipHash).toBeUndefined();
    expect(device.identity.serial).toBe(payload.devices[0]!.identity.serial);
    expect(device.readings[0]!.console).toBe('Ready. IP [ip withheld] [host withheld]');
    expect(masked.discovery![0]!.address).toBe('withheld-2');
    expect(masked.commandResults![0]!.message).toBe('pinged [ip withheld] on [host withheld]');
  });

  it('hashes into stable keyed tokens that survive the XML and differ per key', async () => {
    const policy = { ip: 'hash', mac: 'hash', hostname: 'hash', contactLocation: 'hash' } as const;
    const once = maskPayload(await upload(), masker(policy));
    const again = maskPayload(await upload(), masker(policy));
    const other = maskPayload(await upload(), masker(policy, OTHER_KEY));
    const parsed = parsePayloadXml(buildPayloadXml(once)).devices[0]!;
    expect(parsed.address).toMatch(/^ip-[0-9a-f]{16}$/);
    expect(parsed.identity.ipHash).toBe(parsed.address);
    expect(parsed.identity.ip).toBeNull();
    expect(parsed.identity.macHash).toMatch(/^mac-[0-9a-f]{16}$/);
    expect(parsed.identity.mac).toBeNull();
    expect(parsed.identity.hostname).toMatch(/^host-[0-9a-f]{16}$/);
    expect(parsed.identity.location).toMatch(/^location-[0-9a-f]{16}$/);
    expect(parsed.identity.contact).toMatch(/^contact-[0-9a-f]{16}$/);
    expect(parsed.readings[0]!.console).toBe(
      `Ready. IP ${parsed.identity.ipHash} ${parsed.identity.hostname}`,
    );
    expect(again.devices[0]!.identity).toEqual(once.devices[0]!.identity);
    expect(other.devices[0]!.identity.ipHash).not.toBe(once.devices[0]!.identity.ipHash);
    expect(once.discovery![0]!.macHash).toMatch(/^mac-[0-9a-f]{16}$/);
    expect(once.discovery![0]!.sysDescr).not.toContain('127.20.0.50');
  });

  it("masks an event upload's unreachable printers like the devices' addresses", async () => {
    const payload = {
      ...(await upload()),
      kind: 'event' as const,
      unreachable: [{ address: '127.20.0.77', since: '2026-12-07T05:59:00.000Z' }],
    };
    const hashed = maskPayload(payload, masker({ ip: 'hash' }));
    const device = masker({ ip: 'hash' }).address('127.20.0.77');
    expect(hashed.kind).toBe('event');
    expect(hashed.unreachable).toEqual([{ address: device, since: '2026-12-07T05:59:00.000Z' }]);
    expect(device).toMatch(/^ip-[0-9a-f]{16}$/);
    const withheld = parsePayloadXml(
      buildPayloadXml(maskPayload(payload, masker({ ip: 'withhold' }))),
    );
    expect(withheld.unreachable!.map((printer) => printer.address)).toEqual(['withheld-3']);
    expect(buildPayloadXml(withheld)).not.toContain('127.20.0.77');
  });

  it('keeps what is not masked and leaves times that look like addresses alone', async () => {
    const payload = await upload();
    payload.devices[0]!.readings[0]!.console = 'Job done 10:15:00 at 127.20.0.9';
    const masked = maskPayload(payload, masker({ ip: 'withhold' }));
    const device = masked.devices[0]!;
    expect(device.identity.mac).toBe(payload.devices[0]!.identity.mac);
    expect(device.identity.hostname).toBe('XRX-COPYROOM');
    expect(device.readings[0]!.console).toBe('Job done 10:15:00 at [ip withheld]');
  });

  it('numbers withheld addresses around names already used in the upload', async () => {
    const payload = await upload();
    payload.devices.push({ ...payload.devices[0]!, address: 'withheld-1' });
    const masked = maskPayload(payload, masker({ ip: 'withhold' }));
    expect(masked.devices.map((device) => device.address)).toEqual(['withheld-2', 'withheld-1']);
    expect(() => buildPayloadXml(masked)).not.toThrow();
  });
});

describe('Masker.deep', () => {
  it('masks every string in a command report or the facts, keeping numbers and keys', () => {
    const report = {
      status: 'SUCCEEDED',
      message: 'reachable at 127.0.0.5',
      result: { steps: [{ step: 'snmp', address: '127.0.0.5', ms: 12 }] },
    };
    expect(masker({ ip: 'withhold' }).deep(report)).toEqual({
      status: 'SUCCEEDED',
      message: 'reachable at [ip withheld]',
      result: { steps: [{ step: 'snmp', address: '[ip withheld]', ms: 12 }] },
    });
  });
});
