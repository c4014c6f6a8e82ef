import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { errorCode, errorMessage } from '../agent.errors.js';
import type { GatewayClient } from '../gateway-client/gateway-client.js';
import type { UpdateTarget } from '../gateway-client/protocol.js';
import { AGENT_VERSION } from '../version.js';
import { installationKind } from './installation.js';
import { agentPlatform, checkArtifact, UpdateRefused, verifyManifest } from './release-manifest.js';
import {
  downloadPath,
  fileDigest,
  installRelease,
  pruneReleases,
  switchCurrent,
} from './release-install.js';
import { readReleaseKey, type UpdateSettings } from './update-settings.js';
import {
  readUpdateState,
  writeUpdateState,
  type UpdateReport,
  type UpdateState,
} from './update-state.js';
import { compareVersions } from '@printbeat/domain';

export type UpdaterOptions = {
  dataDir: string;
  settings: () => UpdateSettings;
  client: () => GatewayClient;
  /** A collection or upload is in flight: no update starts now. */
  busy: () => boolean;
  /** Started by `supervise`, which starts a new release and rolls it back. */
  supervised: boolean;
  log: Logger;
};

/**
 * The agent's side of self-update, run with each command poll: report earlier outcomes,
 * confirm this release if it is the one being tried, then fetch, verify and install the
 * target central names. Returns true when a new release is in place and the agent must restart.
 */
export class Updater {
  /** Offers refused in this process (version@sha256), reported once and not tried again. */
  private readonly refused = new Set<string>();
  /** Central's last reason for offering nothing, logged when it changes. */
  private lastReason: string | null = null;

  constructor(private readonly options: UpdaterOptions) {}

  async check(): Promise<boolean> {
    let state = await readUpdateState(this.options.dataDir);
    if (state.pending?.version === AGENT_VERSION) state = await this.confirm(state);
    await this.reportOutcomes();
    const answer = await this.options.client().fetchUpdateTarget(agentPlatform(), AGENT_VERSION);
    const target = answer.target;
    if (!target || target.version === AGENT_VERSION) {
      if (answer.reason !== this.lastReason) {
        this.options.log.info({ reason: answer.reason }, 'no update to install');
        this.lastReason = answer.reason;
      }
      return false;
    }
    this.lastReason = null;
    const offer = `${target.version}@${target.sha256}`;
    if (this.refused.has(offer) || state.failedVersions.includes(target.version)) return false;
    const settings = this.options.settings();
    try {
      if (settings.disabled)
        throw new UpdateRefused(settings.disabled.code, settings.disabled.reason);
      if (!this.options.supervised) {
        throw new UpdateRefused(
          'NOT_SUPERVISED',
          'updates need the agent started by `printbeat-agent supervise` (which starts the new release and rolls it back if it fails)',
        );
      }
      if (this.options.busy()) {
        this.options.log.info(
          { version: target.version },
          'update waits: a collection or upload is in flight',
        );
        return false;
      }
      await this.install(target, settings);
    } catch (error) {
      if (!(error instanceof UpdateRefused)) throw error;
      this.refused.add(offer);
      this.options.log.error(
        { version: target.version, code: error.code, reason: error.message },
        'update refused',
      );
      await this.record({
        outcome: 'REFUSED',
        fromVersion: AGENT_VERSION,
        toVersion: target.version,
        code: error.code,
        reason: error.message,
        at: new Date().toISOString(),
      });
      await this.reportOutcomes();
      return false;
    }
    const now = new Date().toISOString();
    const before = await readUpdateState(this.options.dataDir);
    await writeUpdateState(this.options.dataDir, {
      ...before,
      previous: before.current,
      current: target.version,
      pending: {
        version: target.version,
        from: before.current,
        fromVersion: AGENT_VERSION,
        switchedAt: now,
        starts: [],
      },
    });
    await switchCurrent(this.options.dataDir, target.version);
    this.options.log.info(
      { from: AGENT_VERSION, to: target.version },
      'update installed; restarting into it',
    );
    return true;
  }

  private async install(target: UpdateTarget, settings: UpdateSettings): Promise<void> {
    if (compareVersions(target.version, AGENT_VERSION) < 0 && !target.downgrade) {
      throw new UpdateRefused(
        'WRONG_VERSION',
        `central offered ${target.version}, older than ${AGENT_VERSION}, without asking for a downgrade`,
      );
    }
    const key = await readReleaseKey(settings.publicKeyFile);
    if (!key) {
      throw new UpdateRefused(
        'NO_RELEASE_KEY',
        `no release key pinned at ${settings.publicKeyFile}: updates cannot be verified`,
      );
    }
    const platform = agentPlatform();
    const manifest = await verifyManifest(target.manifest, key, {
      version: target.version,
      platform,
    });
    const file = downloadPath(this.options.dataDir, target.version, platform);
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const have = (await stat(file).catch(() => null))?.size ?? 0;
    if (have < manifest.size) {
      this.options.log.info(
        { version: target.version, from: have, size: manifest.size },
        have > 0 ? 'resuming release download' : 'downloading release',
      );
      await this.options.client().downloadArtifact(target.releaseId, file, have);
    }
    const digest = await fileDigest(file);
    try {
      checkArtifact(manifest, digest);
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    await installRelease(this.options.dataDir, target.version, file, installationKind()).finally(
      () => rm(file, { force: true }),
    );
  }

  private async confirm(state: UpdateState): Promise<UpdateState> {
    const pending = state.pending;
    if (!pending) return state;
    const next: UpdateState = {
      ...state,
      pending: null,
      unreported: [
        ...state.unreported,
        {
          outcome: 'INSTALLED',
          fromVersion: pending.fromVersion ?? pending.from ?? 'base',
          toVersion: pending.version,
          code: null,
          reason: `running ${pending.version}`,
          at: new Date().toISOString(),
        },
      ],
    };
    await writeUpdateState(this.options.dataDir, next);
    this.options.log.info({ version: pending.version }, 'update confirmed: central reached');
    const removed = await pruneReleases(this.options.dataDir, [pending.version, pending.from]);
    if (removed.length > 0) this.options.log.info({ removed }, 'older releases removed');
    return next;
  }

  private async record(report: UpdateReport): Promise<void> {
    const state = await readUpdateState(this.options.dataDir);
    await writeUpdateState(this.options.dataDir, {
      ...state,
      unreported: [...state.unreported, report],
    });
  }

  /** Sends every unreported outcome; one central does not take stays for the next poll. */
  private async reportOutcomes(): Promise<void> {
    const state = await readUpdateState(this.options.dataDir);
    if (state.unreported.length === 0) return;
    const sent: UpdateReport[] = [];
    for (const report of state.unreported) {
      try {
        await this.options.client().reportUpdate(report);
        sent.push(report);
      } catch (error) {
        this.options.log.warn(
          { code: errorCode(error), err: errorMessage(error) },
          'update outcome kept for the next poll',
        );
        break;
      }
    }
    const done = new Set(sent.map(reportKey));
    const latest = await readUpdateState(this.options.dataDir);
    await writeUpdateState(this.options.dataDir, {
      ...latest,
      unreported: latest.unreported.filter((report) => !done.has(reportKey(report))),
    });
  }
}

const reportKey = (report: UpdateReport): string =>
  `${report.outcome} ${report.toVersion} ${report.at}`;
