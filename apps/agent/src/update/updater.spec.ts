import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { GatewayClient } from '../gateway-client/gateway-client.js';
import type { UpdateReportBody, UpdateTarget } from '../gateway-client/protocol.js';
import { AGENT_VERSION } from '../version.js';
import { agentPlatform } from './release-manifest.js';
import type { UpdateSettings } from './update-settings.js';
import { Updater } from './updater.js';

const offer = (over: Partial<UpdateTarget> = {}): UpdateTarget => ({
  releaseId: 'r-1',
  version: '99.1.0',
  platform: agentPlatform(),
  size: 10,
  sha256: 'a'.repeat(64),
  manifest: 'not.a.jws',
  downgrade: false,
  ...over,
});

/** An explicit fake of central's side: the offer it makes and the reports it receives. */
function fakeCentral(target: UpdateTarget | null) {
  const reports: UpdateReportBody[] = [];
  const downloads: string[] = [];
  const client = {
    fetchUpdateTarget: () => Promise.resolve({ target, reason: target ? null : 'none' }),
    reportUpdate: (report: UpdateReportBody) => {
      reports.push(report);
      return Promise.resolve({ id: String(reports.length) });
    },
    downloadArtifact: (releaseId: string) => {
      downloads.push(releaseId);
      return Promise.resolve();
    },
  } as unknown as GatewayClient;
  return { client, reports, downloads };
}

describe('Updater: what it refuses, and says why', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function updater(
    central: ReturnType<typeof fakeCentral>,
    over: { settings?: Partial<UpdateSettings>; supervised?: boolean; busy?: boolean } = {},
  ) {
    const dataDir = mkdtempSync(join(tmpdir(), 'pb-updater-'));
    dirs.push(dataDir);
    return new Updater({
      dataDir,
      settings: () => ({
        disabled: null,
        publicKeyFile: join(dataDir, 'release-key.pem'),
        rollback: { maxStarts: 3, startWindowMs: 600_000, confirmWithinMs: 300_000 },
        ...over.settings,
      }),
      client: () => central.client,
      busy: () => over.busy ?? false,
      supervised: over.supervised ?? true,
      log: pino({ level: 'silent' }),
    });
  }

  it('switched off locally: refused with UPDATES_DISABLED, reported once per offer', async () => {
    const central = fakeCentral(offer());
    const subject = updater(central, {
      settings: { disabled: { code: 'UPDATES_DISABLED', reason: 'updates are switched off' } },
    });
    expect(await subject.check()).toBe(false);
    expect(await subject.check()).toBe(false);
    expect(central.reports).toEqual([
      expect.objectContaining({
        outcome: 'REFUSED',
        fromVersion: AGENT_VERSION,
        toVersion: '99.1.0',
        code: 'UPDATES_DISABLED',
      }),
    ]);
    expect(central.downloads).toEqual([]);
  });

  it('not started by supervise: refused with NOT_SUPERVISED', async () => {
    const central = fakeCentral(offer());
    expect(await updater(central, { supervised: false }).check()).toBe(false);
    expect(central.reports.map((r) => r.code)).toEqual(['NOT_SUPERVISED']);
  });

  it('a collection or upload in flight: the update waits, nothing refused or downloaded', async () => {
    const central = fakeCentral(offer());
    expect(await updater(central, { busy: true }).check()).toBe(false);
    expect(central.reports).toEqual([]);
    expect(central.downloads).toEqual([]);
  });

  it('an older release without an explicit downgrade: WRONG_VERSION', async () => {
    const central = fakeCentral(offer({ version: '0.0.1' }));
    await updater(central).check();
    expect(central.reports.map((r) => r.code)).toEqual(['WRONG_VERSION']);
  });

  it('no pinned release key: NO_RELEASE_KEY, before any download', async () => {
    const central = fakeCentral(offer());
    await updater(central).check();
    expect(central.reports.map((r) => r.code)).toEqual(['NO_RELEASE_KEY']);
    expect(central.downloads).toEqual([]);
  });

  it('nothing offered: nothing reported', async () => {
    const central = fakeCentral(null);
    expect(await updater(central).check()).toBe(false);
    expect(central.reports).toEqual([]);
  });
});
