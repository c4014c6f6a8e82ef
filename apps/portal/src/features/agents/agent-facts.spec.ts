// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatBytes, summarizeAgentFacts } from './agent-facts';

describe('summarizeAgentFacts', () => {
  it('shows host, resources and spool backlog', () => {
    expect(
      summarizeAgentFacts({
        os: 'linux 6.8.0',
        arch: 'x64',
        cpus: 4,
        memoryTotalBytes: 8_000_000_000,
        memoryFreeBytes: 2_500_000_000,
        diskFreeBytes: 64_000_000_000,
        spoolPendingFiles: 3,
        spoolPendingBytes: 12_345,
        spoolOldestPendingSeconds: 900,
        collectionPrinters: 9,
        collectionAnswered: 8,
        collectionDurationMs: 12_400,
        collectionAgeSeconds: 300,
      }),
    ).toEqual([
      'linux 6.8.0 · x64 · 4 CPU',
      'disk 64 GB free · memory 2.5 GB of 8 GB free',
      'spool 3 waiting, 12 KB, oldest 15 min',
      'last collection: 8 of 9 printers answered, 12 s, 5 min ago',
    ]);
  });

  it('leaves out what the agent did not report', () => {
    expect(summarizeAgentFacts({ os: 'win32 10.0', spoolPendingFiles: 0 })).toEqual([
      'win32 10.0',
      'spool empty',
    ]);
    expect(summarizeAgentFacts({})).toEqual([]);
  });
});

describe('formatBytes', () => {
  it('uses the largest decimal unit', () => {
    expect([formatBytes(512), formatBytes(1_500_000), formatBytes(64_000_000_000)]).toEqual([
      '512 B',
      '1.5 MB',
      '64 GB',
    ]);
  });
});
