import { buildPayloadXml, parsePayloadXml, PayloadError, type UploadPayload } from './index.js';
import { samplePayload } from './test-support/sample-payload.js';

function expectPayloadError(run: () => unknown, code: string, path?: string): PayloadError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PayloadError);
  expect((caught as PayloadError).code).toBe(code);
  if (path !== undefined) expect((caught as PayloadError).path).toBe(path);
  return caught as PayloadError;
}

describe('payload XML round trip', () => {
  it('parses back exactly what was built', () => {
    const payload = samplePayload();
    const xml = buildPayloadXml(payload);
    const parsed = parsePayloadXml(xml);
    expect(parsed).toStrictEqual(payload);
    expect(parsePayloadXml(new TextEncoder().encode(xml))).toStrictEqual(payload);
    // Built output is itself stable.
    expect(buildPayloadXml(parsed)).toBe(xml);
  });

  it('writes counters and levels as exact decimal text', () => {
    const xml = buildPayloadXml(samplePayload());
    expect(xml).toContain('<counter name="total">5000000123</counter>');
    expect(xml).toContain('<extra name="ricoh.developmentCount">9007199254740991</extra>');
    // RFC 3805 special values travel as states, with no level.
    expect(xml).toContain(
      [
        '<supply index="1.2" type="wasteToner" state="someRemaining">',
        '              <description>Waste Toner Box</description>',
        '            </supply>',
      ].join('\n'),
    );
    expect(xml).toContain('<percent>30.5</percent>');
    expect(xml).toContain('<location>Floor 2 &lt;copy room&gt; &amp; "annex"</location>');
    expect(xml).toContain('<location>  Reception\n\tbehind the desk &#13;\n</location>');
  });

  it("reads version 2's cartridge serial, and refuses it in a version 1 upload", () => {
    const payload = samplePayload();
    payload.version = 2;
    const toner = payload.devices[0]!.readings[0]!.supplies[0]!;
    toner.serialNumber = '48178080E0000481';
    const xml = buildPayloadXml(payload);
    expect(xml).toContain('<serialNumber>48178080E0000481</serialNumber>');
    expect(parsePayloadXml(xml)).toStrictEqual(payload);

    expectPayloadError(
      () => parsePayloadXml(xml.replace('version="2"', 'version="1"')),
      'SCHEMA_VIOLATION',
    );
    expectPayloadError(
      () => buildPayloadXml({ ...payload, version: 1 }),
      'SCHEMA_VIOLATION',
      'devices[0].readings[0].supplies[0].serialNumber',
    );
  });

  it("reads version 2's alert training level, and refuses it in a version 1 upload", () => {
    const payload = samplePayload();
    payload.version = 2;
    const reading = payload.devices[0]!.readings[0]!;
    reading.alerts = [
      {
        index: '1.5',
        severity: 'critical',
        group: 'marker',
        code: 'markerFuserOverTemperature',
        description: '',
        trainingLevel: 'fieldService',
      },
    ];
    const xml = buildPayloadXml(payload);
    expect(xml).toContain('trainingLevel="fieldService"');
    expect(parsePayloadXml(xml)).toStrictEqual(payload);

    expectPayloadError(
      () => parsePayloadXml(xml.replace('version="2"', 'version="1"')),
      'SCHEMA_VIOLATION',
    );
    expectPayloadError(
      () => parsePayloadXml(xml.replace('"fieldService"', '"janitor"')),
      'SCHEMA_VIOLATION',
      'devices[0].readings[0].alerts[0].trainingLevel',
    );
  });

  it("reads version 2's event kind and unreachable printers, and refuses them in version 1", () => {
    const payload: UploadPayload = {
      ...samplePayload(),
      version: 2,
      kind: 'event',
      unreachable: [{ address: '127.0.10.12', since: '2026-03-01T22:01:00.000Z' }],
    };
    const reading = payload.devices[0]!.readings[0]!;
    reading.counters = { extra: {} };
    const xml = buildPayloadXml(payload);
    expect(xml).toContain('<upload xmlns="urn:printbeat:upload" version="2" kind="event">');
    expect(xml).toContain('<printer address="127.0.10.12" since="2026-03-01T22:01:00.000Z"/>');
    expect(xml).toContain('<counters/>');
    expect(parsePayloadXml(xml)).toStrictEqual(payload);

    expectPayloadError(
      () => parsePayloadXml(xml.replace('version="2"', 'version="1"')),
      'SCHEMA_VIOLATION',
      'kind',
    );
    const { kind: _kind, ...withoutKind } = payload;
    expectPayloadError(
      () => buildPayloadXml({ ...withoutKind, version: 1 }),
      'SCHEMA_VIOLATION',
      'unreachable',
    );
    expectPayloadError(
      () => parsePayloadXml(xml.replace('kind="event"', 'kind="daily"')),
      'SCHEMA_VIOLATION',
      'kind',
    );
    expectPayloadError(
      () => parsePayloadXml(xml.replace('since="2026-03-01T22:01:00.000Z"', 'since="yesterday"')),
      'SCHEMA_VIOLATION',
      'unreachable[0].since',
    );
    const address = payload.devices[0]!.address;
    expectPayloadError(
      () => buildPayloadXml({ ...payload, unreachable: [{ address, since: reading.takenAt }] }),
      'SCHEMA_VIOLATION',
      'unreachable[0].address',
    );
  });

  it('keeps optional sections absent or empty as given', () => {
    const payload: UploadPayload = { ...samplePayload(), devices: [] };
    delete payload.discovery;
    payload.commandResults = [];
    const parsed = parsePayloadXml(buildPayloadXml(payload));
    expect(parsed).toStrictEqual(payload);
    expect('discovery' in parsed).toBe(false);
  });
});

describe('payload XML refusals', () => {
  const valid = () => buildPayloadXml(samplePayload());

  it('refuses an external entity (XXE) before any parser sees it', () => {
    const xxe = valid()
      .replace('<upload ', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<upload ')
      .replace('<agentVersion>0.3.1</agentVersion>', '<agentVersion>&e;</agentVersion>');
    expectPayloadError(() => parsePayloadXml(xxe), 'XML_DOCTYPE_FORBIDDEN');
  });

  it('refuses billion laughs', () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let level = 1; level <= 9; level += 1) {
      entities.push(`<!ENTITY lol${level} "${`&lol${level === 1 ? '' : level - 1};`.repeat(10)}">`);
    }
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${entities.join('\n')}\n]>\n<upload version="1"><agentVersion>&lol9;</agentVersion></upload>`;
    expectPayloadError(() => parsePayloadXml(bomb), 'XML_DOCTYPE_FORBIDDEN');
    // Lower-case or spaced-out declarations are declarations all the same.
    expectPayloadError(
      () => parsePayloadXml('<!doctype upload><upload version="1"/>'),
      'XML_DOCTYPE_FORBIDDEN',
    );
  });

  it('refuses entity references nobody declared, instead of leaving them as text', () => {
    const xml = valid().replace(
      '<agentVersion>0.3.1</agentVersion>',
      '<agentVersion>&e;</agentVersion>',
    );
    expectPayloadError(() => parsePayloadXml(xml), 'XML_MALFORMED', 'upload/agentVersion');
  });

  it('decodes predefined entities and character references, and refuses illegal ones', () => {
    const xml = valid().replace(
      '<agentVersion>0.3.1</agentVersion>',
      '<agentVersion>&#x30;.&#51;&apos;&quot;</agentVersion>',
    );
    expect(parsePayloadXml(xml).agentVersion).toBe('0.3\'"');
    const nul = valid().replace(
      '<agentVersion>0.3.1</agentVersion>',
      '<agentVersion>&#0;</agentVersion>',
    );
    expectPayloadError(() => parsePayloadXml(nul), 'XML_MALFORMED');
  });

  it('refuses documents that are not well-formed', () => {
    expectPayloadError(
      () => parsePayloadXml(valid().replace('</devices>', '</device>')),
      'XML_MALFORMED',
    );
    expectPayloadError(() => parsePayloadXml(valid().slice(0, 500)), 'XML_MALFORMED');
    expectPayloadError(() => parsePayloadXml('not xml at all'), 'XML_MALFORMED');
    expectPayloadError(() => parsePayloadXml(`${valid()}<upload version="1"/>`), 'XML_MALFORMED');
    expectPayloadError(
      () => parsePayloadXml(valid().replace('Ready.', 'Ready\u0001')),
      'XML_MALFORMED',
    );
    expectPayloadError(
      () => parsePayloadXml(new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0x3e])),
      'XML_MALFORMED',
    );
  });

  it('refuses unknown versions', () => {
    expectPayloadError(
      () => parsePayloadXml(valid().replace('version="1"', 'version="3"')),
      'UNSUPPORTED_VERSION',
      'version',
    );
    expectPayloadError(
      () => parsePayloadXml(valid().replace(' version="1"', '')),
      'UNSUPPORTED_VERSION',
    );
    // Devices are read while the document streams by; the root is judged before any of them,
    // so a newer agent's upload is reported as a version to support, not as broken devices.
    expectPayloadError(
      () =>
        parsePayloadXml(
          valid()
            .replace('version="1"', 'version="3"')
            .replace('<counter name="total">', '<counter name="pages">'),
        ),
      'UNSUPPORTED_VERSION',
      'version',
    );
  });

  it('reads each device as the document streams, with the same result as a whole-tree read', () => {
    const payload = samplePayload();
    const parsed = parsePayloadXml(buildPayloadXml(payload));
    expect(parsed.devices).toHaveLength(payload.devices.length);
    expect(parsed.devices.map((device) => device.address)).toEqual(
      payload.devices.map((device) => device.address),
    );
    // A <device> anywhere but directly under <devices> is still an unexpected element.
    expectPayloadError(
      () =>
        parsePayloadXml(
          valid().replace('<discovery>', '<discovery><device address="127.0.0.9"></device>'),
        ),
      'SCHEMA_VIOLATION',
      'discovery',
    );
  });

  it('reports schema violations with the path of the offending field', () => {
    const cases: [string, string, string, string][] = [
      [
        '<counter name="total">5000000123</counter>',
        '<counter name="total">-5</counter>',
        'SCHEMA_VIOLATION',
        'devices[1].readings[0].counters.total',
      ],
      [
        '<counter name="total">5000000123</counter>',
        '<counter name="total">12.5</counter>',
        'SCHEMA_VIOLATION',
        'devices[1].readings[0].counters.total',
      ],
      [
        '<counter name="total">5000000123</counter>',
        '<counter name="total">9007199254740992</counter>',
        'SCHEMA_VIOLATION',
        'devices[1].readings[0].counters.total',
      ],
      [
        '<counter name="total">5000000123</counter>',
        '<counter name="total"> 5</counter>',
        'SCHEMA_VIOLATION',
        'devices[1].readings[0].counters.total',
      ],
      [
        '<counter name="total">5000000123</counter>',
        '<counter name="totl">5</counter>',
        'SCHEMA_VIOLATION',
        'devices[1].readings[0].counters.totl',
      ],
      [
        '<counter name="mono">48213</counter>',
        '<counter name="total">48213</counter>',
        'SCHEMA_VIOLATION',
        'devices[0].readings[0].counters.total',
      ],
      [
        'type="wasteToner"',
        'type="glitter"',
        'SCHEMA_VIOLATION',
        'devices[0].readings[0].supplies[1].type',
      ],
      [
        'state="someRemaining"',
        'state="plenty"',
        'SCHEMA_VIOLATION',
        'devices[0].readings[0].supplies[1].state',
      ],
      [
        '<level>41</level>',
        '<level>-3</level>',
        'SCHEMA_VIOLATION',
        'devices[0].readings[0].supplies[0].level',
      ],
      [
        '<percent>41</percent>',
        '<percent>100.5</percent>',
        'SCHEMA_VIOLATION',
        'devices[0].readings[0].supplies[0].percent',
      ],
      [
        '<percent>41</percent>',
        '<percent>4l</percent>',
        'SCHEMA_VIOLATION',
        'devices[0].readings[0].supplies[0].percent',
      ],
      [
        'device="running"',
        'device="sleeping"',
        'SCHEMA_VIOLATION',
        'devices[0].readings[0].status.device',
      ],
      [
        '<error>lowPaper</error>',
        '<error>onFire</error>',
        'SCHEMA_VIOLATION',
        'devices[1].readings[0].status.errors[1]',
      ],
      [
        'severity="critical"',
        'severity="doom"',
        'SCHEMA_VIOLATION',
        'devices[2].readings[0].alerts[0].severity',
      ],
      [
        '<uploadId>3f6c2a4e-8d1b-4c7a-9e5f-0a1b2c3d4e5f</uploadId>',
        '<uploadId>42</uploadId>',
        'SCHEMA_VIOLATION',
        'uploadId',
      ],
      [
        '<createdAt>2026-03-01T23:00:04.512Z</createdAt>',
        '<createdAt>yesterday</createdAt>',
        'SCHEMA_VIOLATION',
        'createdAt',
      ],
      ['<agentId>agt_01HZX4</agentId>', '', 'SCHEMA_VIOLATION', 'agentId'],
      [
        '<mac>00:17:c8:12:34:56</mac>',
        '<mac>not-a-mac</mac>',
        'SCHEMA_VIOLATION',
        'devices[0].identity.mac',
      ],
      [
        '<model>ECOSYS P3145dn</model>',
        '<model>A</model><model>B</model>',
        'SCHEMA_VIOLATION',
        'devices[0].identity.model',
      ],
      [
        '<model>ECOSYS P3145dn</model>',
        '<model>A</model><colour>B</colour>',
        'SCHEMA_VIOLATION',
        'devices[0].identity',
      ],
      [
        '<device address="127.0.10.40">',
        '<device address="127.0.10.40" evil="1">',
        'SCHEMA_VIOLATION',
        'devices[2]',
      ],
      [
        '<device address="127.0.10.40">',
        '<device address="127.0.10.11">',
        'SCHEMA_VIOLATION',
        'devices[2].address',
      ],
      [
        '<console>Ready.</console>',
        '<console>Ready<b>!</b></console>',
        'SCHEMA_VIOLATION',
        'devices[0].readings[0].console',
      ],
      ['<discovery>', '<discovery>stray text', 'SCHEMA_VIOLATION', 'discovery'],
      ['printer="false"', 'printer="maybe"', 'SCHEMA_VIOLATION', 'discovery[1].isPrinter'],
      ['status="REFUSED"', 'status="IGNORED"', 'SCHEMA_VIOLATION', 'commandResults[1].status'],
    ];
    for (const [from, to, code, path] of cases) {
      const xml = valid();
      expect(xml).toContain(from);
      const error = expectPayloadError(() => parsePayloadXml(xml.replace(from, to)), code);
      expect({ to, path: error.path }).toEqual({ to, path });
    }
  });

  it('reports a long string with its path', () => {
    const xml = valid().replace(
      '<console>Ready.</console>',
      `<console>${'x'.repeat(4097)}</console>`,
    );
    expectPayloadError(
      () => parsePayloadXml(xml),
      'SCHEMA_VIOLATION',
      'devices[0].readings[0].console',
    );
  });

  it('enforces count limits', () => {
    const payload = samplePayload();
    const xml = buildPayloadXml(payload);
    expectPayloadError(
      () => parsePayloadXml(xml, { limits: { maxDevices: 2 } }),
      'LIMIT_EXCEEDED',
      'devices',
    );
    expectPayloadError(
      () => parsePayloadXml(xml, { limits: { maxReadingsPerDevice: 1 } }),
      'LIMIT_EXCEEDED',
      'devices[0].readings',
    );
    expectPayloadError(
      () => parsePayloadXml(xml, { limits: { maxSuppliesPerReading: 3 } }),
      'LIMIT_EXCEEDED',
      'devices[1].readings[0].supplies',
    );
    expectPayloadError(
      () => parsePayloadXml(xml, { limits: { maxExtraCounters: 1 } }),
      'LIMIT_EXCEEDED',
      'devices[1].readings[0].counters.extra',
    );
    // The builder applies the same limits, so the agent cannot spool what central will refuse.
    expectPayloadError(
      () => buildPayloadXml(payload, { limits: { maxDevices: 2 } }),
      'LIMIT_EXCEEDED',
      'devices',
    );
  });

  it('has the builder refuse invalid payloads and replace characters XML cannot carry', () => {
    const payload = samplePayload();
    payload.devices[1]!.readings[0]!.counters.total = 2 ** 53;
    expectPayloadError(
      () => buildPayloadXml(payload),
      'SCHEMA_VIOLATION',
      'devices[1].readings[0].counters.total',
    );

    const withControl = samplePayload();
    withControl.devices[0]!.identity.location = 'Room\u0000 1\u001b';
    expect(parsePayloadXml(buildPayloadXml(withControl)).devices[0]!.identity.location).toBe(
      'Room\uFFFD 1\uFFFD',
    );

    const missingField = samplePayload();
    delete (
      missingField.devices[0]!.identity as Partial<(typeof missingField.devices)[0]['identity']>
    ).assetTag;
    expectPayloadError(
      () => buildPayloadXml(missingField),
      'SCHEMA_VIOLATION',
      'devices[0].identity.assetTag',
    );
  });
});

describe('payload XML round trip, randomised', () => {
  // Small seeded PRNG (mulberry32) so a failure is reproducible.
  function random(seed: number) {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('holds for generated payloads with awkward text and large counters', () => {
    const alphabet = [
      'a',
      'Z',
      '0',
      ' ',
      '  ',
      '&',
      '<',
      '>',
      '"',
      "'",
      '\t',
      '\n',
      '\r',
      '\r\n',
      ']]>',
      '&amp;',
      'é',
      '€',
      '😀',
      '中',
      '\u00a0',
      '-->',
      '<!--',
    ];
    for (let seed = 1; seed <= 40; seed += 1) {
      const next = random(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const text = (max: number) =>
        Array.from({ length: Math.floor(next() * max) }, () => pick(alphabet)).join('');
      const maybe = (max: number) => (next() < 0.3 ? null : text(max));
      const counter = () =>
        pick([0, 1, 4294967295, 4294967296, Number.MAX_SAFE_INTEGER, Math.floor(next() * 1e12)]);
      const base = samplePayload();
      const payload: UploadPayload = {
        ...base,
        agentVersion: `v${text(10)}`.slice(0, 64),
        devices: Array.from({ length: 1 + Math.floor(next() * 4) }, (_, index) => ({
          address: `127.0.0.${index + 1}`,
          identity: {
            ...base.devices[0]!.identity,
            model: maybe(20),
            location: maybe(40),
            contact: maybe(10),
            assetTag: maybe(5),
          },
          readings: Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
            ...base.devices[1]!.readings[0]!,
            counters: { total: counter(), color: counter(), extra: { 'vendor.x': counter() } },
            console: maybe(60),
            alerts: [
              {
                index: '1',
                severity: 'warning' as const,
                group: 'input',
                code: 'other',
                description: text(30),
              },
            ],
          })),
        })),
      };
      const xml = buildPayloadXml(payload);
      expect({ seed, parsed: parsePayloadXml(xml) }).toStrictEqual({ seed, parsed: payload });
    }
  });
});
