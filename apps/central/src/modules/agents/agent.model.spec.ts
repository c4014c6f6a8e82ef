import { readAgentFacts } from './agent.model.js';

describe('readAgentFacts', () => {
  it('reads the stored facts, with unknown ones as null', () => {
    expect(readAgentFacts({ os: 'linux 6.8', cpus: 2, lockDown: false, version: '1.0.0' })).toEqual(
      {
        os: 'linux 6.8',
        arch: null,
        releasePlatform: null,
        cpus: 2,
        memoryTotalBytes: null,
        memoryFreeBytes: null,
        diskFreeBytes: null,
        rssBytes: null,
        uptimeSeconds: null,
        spoolPendingFiles: null,
        spoolPendingBytes: null,
        spoolOldestPendingSeconds: null,
        lockDown: false,
        configVersion: null,
        collectionPrinters: null,
        collectionAnswered: null,
        collectionDurationMs: null,
        collectionAgeSeconds: null,
      },
    );
  });

  it('reads a field of the wrong type as null and no facts as null', () => {
    expect(readAgentFacts({ cpus: 'four', os: 7 })).toMatchObject({ cpus: null, os: null });
    expect(readAgentFacts(null)).toBeNull();
    expect(readAgentFacts([1])).toBeNull();
  });
});
