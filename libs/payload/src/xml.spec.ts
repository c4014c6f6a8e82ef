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
    expect(xml).toContain('<level>-3</level>');
    expect(xml).toContain('<location>Floor 2 &lt;copy room&gt; &amp; "annex"</location>');
    expect(xml).toContain('<location>  Reception\n\tbehind the desk &#13;\n</location>');
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
