import { AGENT_FACTS_MAX_BYTES, parseAgentFacts } from './agent-facts.js';

describe('parseAgentFacts', () => {
  const facts = {
    version: '1.4.0',
    os: 'linux 6.8.0',
    arch: 'x64',
    cpus: 4,
    memoryTotalBytes: 8_000_000_000,
    memoryFreeBytes: 2_000_000_000,
    diskFreeBytes: 50_000_000_000,
    rssBytes: 90_000_000,
    uptimeSeconds: 3600,
    spoolPendingFiles: 3,
    spoolPendingBytes: 12_000,
    spoolOldestPendingSeconds: 900,
    lockDown: true,
    configVersion: 7,
  };

  it('reads a complete report', () => {
    expect(parseAgentFacts(JSON.stringify(facts))).toEqual(facts);
  });

  it('reads a partial report', () => {
    expect(parseAgentFacts('{"version":"1.0.0","configVersion":null}')).toEqual({
      version: '1.0.0',
      configVersion: null,
    });
  });

  it('drops unknown fields', () => {
    expect(parseAgentFacts('{"version":"1.0.0","secret":"x"}')).toEqual({ version: '1.0.0' });
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['repeated', ['{}', '{}']],
    ['not JSON', '{version:'],
    ['not an object', '[1,2]'],
    ['a wrong type', '{"cpus":"four"}'],
    ['a negative count', '{"diskFreeBytes":-1}'],
    ['an overlong string', JSON.stringify({ os: 'x'.repeat(201) })],
  ])('ignores a header that is %s', (_case, header) => {
    expect(parseAgentFacts(header)).toBeNull();
  });

  it('ignores an oversize header without reading it', () => {
    const header = JSON.stringify({ version: '1', os: 'y'.repeat(AGENT_FACTS_MAX_BYTES) });
    expect(parseAgentFacts(header)).toBeNull();
  });
});
