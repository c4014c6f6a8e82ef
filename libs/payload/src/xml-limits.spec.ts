import { zipSync } from 'fflate';
import { generateKeyPairSync } from 'node:crypto';
import {
  buildPayloadXml,
  DEFAULT_PAYLOAD_LIMITS,
  MAX_EXCERPT_LENGTH,
  parsePayloadXml,
  PayloadError,
  unpackUpload,
  type PayloadLimits,
} from './index.js';
import { largePayload } from './test-support/large-payload.js';
import { samplePayload } from './test-support/sample-payload.js';

function refusal(run: () => unknown): PayloadError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PayloadError);
    return error as PayloadError;
  }
  throw new Error('expected a PayloadError');
}

/** The longest run of one character: how much of a flood a message echoes back. */
function longestRun(text: string, character: string): number {
  let longest = 0;
  let current = 0;
  for (const each of text) {
    current = each === character ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

function expectBounded(error: PayloadError, flood: string): void {
  expect(error.message.length).toBeLessThanOrEqual(400);
  expect(longestRun(error.message, flood)).toBeLessThanOrEqual(MAX_EXCERPT_LENGTH);
}

const valid = () => buildPayloadXml(samplePayload());

/** Parses with `limit` at `value` (passes) and at one below (refused with the limit named). */
function expectRefusedJustPast(
  key: keyof PayloadLimits,
  value: number,
  code: string,
  xml = valid(),
): PayloadError {
  expect(() => parsePayloadXml(xml, { limits: { [key]: value } })).not.toThrow();
  const error = refusal(() => parsePayloadXml(xml, { limits: { [key]: value - 1 } }));
  expect(error.code).toBe(code);
  expect(error.message).toContain(`exceeds ${value - 1} (limit ${key})`);
  return error;
}

describe('hard limits of the XML reader', () => {
  it('counts every element, and refuses at the first one past the limit', () => {
    const xml = valid();
    const elements = (xml.match(/<[A-Za-z]/g) ?? []).length;
    const error = expectRefusedJustPast('maxXmlElements', elements, 'XML_TOO_MANY_ELEMENTS', xml);
    expect(error.message).toBe(`XML element count exceeds ${elements - 1} (limit maxXmlElements)`);
  });

  it('refuses an unknown element as it opens: a flood of them costs one element', () => {
    // Every size limit of the archive lets 30 MB of <x/> through; the first <x/> stops it.
    const xml = valid().replace('<devices>', `<devices>${'<x/>'.repeat(1_200_000)}`);
    const error = refusal(() => parsePayloadXml(xml, { limits: { maxXmlElements: 10 } }));
    expect([error.code, error.path, error.message]).toEqual([
      'SCHEMA_VIOLATION',
      'devices',
      'devices: unexpected element <x> in <devices>',
    ]);
  });

  it('refuses a flood of known elements at the element limit, as it streams', () => {
    // Structurally legal: many devices of many minimal readings, each device dropped once read.
    const minimal = '<reading takenAt="t"><counters/><supplies/><status/><alerts/></reading>';
    const deviceXml = (index: number) =>
      `<device address="d${index}"><identity/><readings>${minimal.repeat(1_000)}</readings></device>`;
    const xml = valid().replace(
      '<devices>',
      `<devices>${Array.from({ length: 250 }, (_, index) => deviceXml(index)).join('')}`,
    );
    const error = refusal(() => parsePayloadXml(xml));
    expect(error.code).toBe('XML_TOO_MANY_ELEMENTS');
    expect(error.message).toBe(
      `XML element count exceeds ${DEFAULT_PAYLOAD_LIMITS.maxXmlElements} (limit maxXmlElements)`,
    );
  });

  it('holds every container to the number of children the format allows', () => {
    const supplies = valid().replace(
      '<supplies>',
      `<supplies>${'<supply/>'.repeat(DEFAULT_PAYLOAD_LIMITS.maxSuppliesPerReading + 1)}`,
    );
    const list = refusal(() => parsePayloadXml(supplies));
    expect([list.code, list.path]).toEqual(['LIMIT_EXCEEDED', 'devices[0].readings[0].supplies']);
    const identity = valid().replace('<identity>', `<identity>${'<model/>'.repeat(20)}`);
    const fields = refusal(() => parsePayloadXml(identity));
    expect([fields.code, fields.path]).toEqual(['SCHEMA_VIOLATION', 'devices[0].identity.model']);
  });

  it('limits depth', () => {
    // upload/devices/device/readings/reading/supplies/supply/description
    expectRefusedJustPast('maxXmlDepth', 8, 'XML_TOO_DEEP');
  });

  it('limits attributes per element', () => {
    // <alert index severity group code>
    expectRefusedJustPast('maxXmlAttributesPerElement', 4, 'XML_TOO_MANY_ATTRIBUTES');
    const many = Array.from({ length: 1_000 }, (_, index) => `a${index}="1"`).join(' ');
    const xml = valid().replace('<upload ', `<upload ${many} `);
    expect(refusal(() => parsePayloadXml(xml)).code).toBe('XML_TOO_MANY_ATTRIBUTES');
  });

  it('limits names and never echoes more than an excerpt of one', () => {
    const longest = 'commandResults'.length;
    const error = refusal(() =>
      parsePayloadXml(valid(), { limits: { maxXmlNameLength: longest - 1 } }),
    );
    expect(error.code).toBe('XML_NAME_TOO_LONG');
    expect(error.message).toContain(
      `longer than ${longest - 1} characters (limit maxXmlNameLength)`,
    );
    expect(() => parsePayloadXml(valid(), { limits: { maxXmlNameLength: longest } })).not.toThrow();

    const attributeName = 'a'.repeat(10_000_000);
    const flood = refusal(() =>
      parsePayloadXml(valid().replace('<upload ', `<upload ${attributeName}="1" `)),
    );
    expect(flood.code).toBe('XML_NAME_TOO_LONG');
    expectBounded(flood, 'a');
    const element = refusal(() =>
      parsePayloadXml(valid().replace('<devices>', `<devices><${'b'.repeat(100_000)}/>`)),
    );
    expect(element.code).toBe('XML_NAME_TOO_LONG');
    expectBounded(element, 'b');
  });

  it('limits attribute values', () => {
    const xml = valid().replace('<upload ', `<upload a="${'v'.repeat(100_000)}" `);
    const error = refusal(() => parsePayloadXml(xml));
    expect(error.code).toBe('XML_ATTRIBUTE_TOO_LONG');
    expect(error.message).toBe(
      `XML attribute value length exceeds ${DEFAULT_PAYLOAD_LIMITS.maxXmlAttributeValueLength} (limit maxXmlAttributeValueLength)`,
    );
    const longest = Math.max(...[...valid().matchAll(/="([^"&]*)"/g)].map((m) => m[1]!.length));
    expectRefusedJustPast('maxXmlAttributeValueLength', longest, 'XML_ATTRIBUTE_TOO_LONG');
  });

  it('limits text, including a run that has not ended yet', () => {
    const console = valid().replace('Ready.', 't'.repeat(20_000));
    const error = refusal(() => parsePayloadXml(console));
    expect(error.code).toBe('XML_TEXT_TOO_LONG');
    expect(error.message).toContain('(limit maxXmlTextLength)');
    expectBounded(error, 't');
    // A text run that never ends is refused while saxes still collects it.
    const unended = `<upload version="1"><uploadId>${'u'.repeat(5_000_000)}`;
    expect(refusal(() => parsePayloadXml(unended)).code).toBe('XML_TEXT_TOO_LONG');
    // Text split by comments still adds up within one element.
    const split = valid().replace('Ready.', `${'t'.repeat(9_000)}<!---->${'t'.repeat(9_000)}`);
    expect(refusal(() => parsePayloadXml(split)).code).toBe('XML_TEXT_TOO_LONG');
  });

  it('limits the parse time', () => {
    const xml = buildPayloadXml(largePayload(200));
    const error = refusal(() => parsePayloadXml(xml, { limits: { maxParseMilliseconds: 1 } }));
    expect([error.code, error.message]).toEqual([
      'XML_PARSE_TIMEOUT',
      'XML parse time in milliseconds exceeds 1 (limit maxParseMilliseconds)',
    ]);
  });

  it('lets the largest legitimate upload through: 5,000 devices', () => {
    const payload = largePayload(DEFAULT_PAYLOAD_LIMITS.maxDevices);
    const xml = buildPayloadXml(payload);
    expect(xml.length).toBeGreaterThan(14_000_000);
    const parsed = parsePayloadXml(xml);
    expect(parsed.devices).toHaveLength(5_000);
    expect(parsed.devices[4_999]).toEqual(payload.devices[4_999]);
  }, 120_000);
});

describe('refusals echo at most a short excerpt of the input', () => {
  it('cuts names quoted from a parser error', () => {
    // A duplicate attribute is saxes' own error; it quotes the name.
    const name = 'd'.repeat(10_000);
    const xml = valid().replace('<upload ', `<upload ${name}="1" ${name}="2" `);
    const error = refusal(() => parsePayloadXml(xml, { limits: { maxXmlNameLength: 20_000 } }));
    expect(error.code).toBe('XML_MALFORMED');
    expect(error.message).toContain('duplicate attribute');
    expectBounded(error, 'd');
  });

  it('cuts versions, counter names and archive entry names', async () => {
    const version = refusal(() =>
      parsePayloadXml(valid().replace('version="1"', `version="${'9'.repeat(1_000)}"`)),
    );
    expect(version.code).toBe('UNSUPPORTED_VERSION');
    expectBounded(version, '9');
    const counter = refusal(() =>
      parsePayloadXml(
        valid().replace('name="kyocera.printerBlackA3"', `name="${'k'.repeat(1_000)}"`),
      ),
    );
    expect(counter.code).toBe('SCHEMA_VIOLATION');
    expectBounded(counter, 'k');

    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const zip = zipSync({ ['z'.repeat(60_000)]: new Uint8Array([1]) });
    const entry = await unpackUpload(zip, { verifyKey: publicKey }).then(
      () => null,
      (error: unknown) => error as PayloadError,
    );
    expect(entry?.code).toBe('UNEXPECTED_ENTRY');
    expectBounded(entry!, 'z');
  });
});
