import { AGENT_VERSION } from '../version.js';
import {
  AGENT_FACTS_MAX_BYTES,
  buildAgentFacts,
  cachedFacts,
  encodeAgentFacts,
  type HostSnapshot,
} from './agent-facts.js';

const host: HostSnapshot = {
  platform: 'linux',
  release: '6.8.0-45-generic',
  arch: 'x64',
  releasePlatform: 'linux-x64-sea',
  cpus: 4,
  memoryTotalBytes: 8_000_000_000,
  memoryFreeBytes: 2_000_000_000,
  diskFreeBytes: 50_000_000_000,
  rssBytes: 90_000_000,
  uptimeSeconds: 3600.7,
};
const now = new Date('2026-12-07T10:00:00Z');

describe('buildAgentFacts', () => {
  it('reports host, spool backlog and settings', () => {
    const facts = buildAgentFacts(
      host,
      { pendingCount: 3, pendingBytes: 12_000, oldestPendingAt: new Date('2026-12-07T09:45:00Z') },
      { lockDown: true, configVersion: 7 },
      now,
    );
    expect(facts).toEqual({
      version: AGENT_VERSION,
      os: 'linux 6.8.0-45-generic',
      arch: 'x64',
      releasePlatform: 'linux-x64-sea',
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
    });
  });

  it('leaves out what it could not read', () => {
    const facts = buildAgentFacts(
      { ...host, diskFreeBytes: null },
      null,
      { lockDown: false, configVersion: null },
      now,
    );
    expect(facts).not.toHaveProperty('diskFreeBytes');
    expect(facts).not.toHaveProperty('spoolPendingFiles');
    expect(facts).not.toHaveProperty('spoolOldestPendingSeconds');
    expect(facts.configVersion).toBeNull();
  });

  it('reports the last full collection: printers, answered, duration and age', () => {
    const facts = buildAgentFacts(host, null, { lockDown: false, configVersion: 1 }, now, {
      at: new Date('2026-12-07T09:58:20Z'),
      printers: 12,
      answered: 9,
      durationMs: 1834.4,
    });
    expect(facts).toMatchObject({
      collectionPrinters: 12,
      collectionAnswered: 9,
      collectionDurationMs: 1834,
      collectionAgeSeconds: 100,
    });
    expect(
      buildAgentFacts(host, null, { lockDown: false, configVersion: 1 }, now),
    ).not.toHaveProperty('collectionPrinters');
  });

  it('has no oldest age for an empty spool', () => {
    const facts = buildAgentFacts(
      host,
      { pendingCount: 0, pendingBytes: 0, oldestPendingAt: null },
      { lockDown: false, configVersion: 1 },
      now,
    );
    expect(facts.spoolPendingFiles).toBe(0);
    expect(facts).not.toHaveProperty('spoolOldestPendingSeconds');
  });
});

describe('encodeAgentFacts', () => {
  const facts = buildAgentFacts(host, null, { lockDown: false, configVersion: 2 }, now);

  it('is JSON central can parse back', () => {
    expect(JSON.parse(encodeAgentFacts(facts)!)).toEqual(facts);
  });

  it('keeps the header printable ASCII', () => {
    const value = encodeAgentFacts({ ...facts, os: 'Windows Server — é' })!;
    expect(value).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(value).os).toBe('Windows Server ? ?');
  });

  it('sends nothing rather than an oversize header', () => {
    expect(encodeAgentFacts({ ...facts, os: 'x'.repeat(AGENT_FACTS_MAX_BYTES) })).toBeNull();
  });
});

describe('cachedFacts', () => {
  it('gathers once per period and survives a failed gathering', async () => {
    let clock = 0;
    let calls = 0;
    const facts = cachedFacts(
      () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('statfs failed')) : Promise.resolve('{}');
      },
      1000,
      () => clock,
    );
    await expect(facts()).resolves.toBeNull();
    clock = 999;
    await expect(facts()).resolves.toBeNull();
    expect(calls).toBe(1);
    clock = 1000;
    await expect(facts()).resolves.toBe('{}');
    expect(calls).toBe(2);
  });
});
