import { createPrivateKey, X509Certificate } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandResult, DiscoveryResult } from '@printbeat/payload';
import type { Logger } from 'pino';
import { AgentError, errorCode, errorMessage } from '../agent.errors.js';
import { runCommand } from '../actions/run-command.js';
import { createActionHandlers } from '../actions/action-handlers.js';
import { collect, spoolUpload } from '../collection/collector.js';
import { toDiscoveryResult } from '../collection/to-payload.js';
import { shouldTakeAnnouncedConfig } from '../config-freshness.js';
import { discover } from '../discovery/discover.js';
import { EventMonitor } from '../events/event-monitor.js';
import { GatewayClient, GatewayError } from '../gateway-client/gateway-client.js';
import type { AgentCommand, AgentRemoteConfig } from '../gateway-client/protocol.js';
import { IdentityStore, type StoredIdentity } from '../identity/identity-store.js';
import {
  certificateValidity,
  isRenewalDue,
  renewCertificate,
} from '../identity/certificate-renewal.js';
import {
  effectiveConfig,
  loadLocalConfig,
  type EffectiveConfig,
  type LocalConfig,
} from '../agent-config.js';
import { pollMany } from '../polling/poll-many.js';
import type { SnmpCredentials, SnmpTarget } from '../snmp/snmp-client.js';
import {
  checkCredentials,
  credentialsForHost,
  credentialsList,
  discoveryTargets,
  writeCredentialsForHost,
} from '../targets/discovery-targets.js';
import { Masker, TOKEN_PATTERN } from '../masking/masker.js';
import { Spool } from '../spool/spool.js';
import { Updater } from '../update/updater.js';
import { updateSettings } from '../update/update-settings.js';
import {
  buildAgentFacts,
  cachedFacts,
  encodeAgentFacts,
  snapshotHost,
  type LastCollection,
} from '../facts/agent-facts.js';
import { parseTargets } from '../targets/target-parser.js';
import type { DecodedTrap } from '../traps/decoded-trap.js';
import { DEFAULT_SENDER_LIMITS } from '../traps/sender-limiter.js';
import { TrapListener, type TrapCredentials, type TrapStats } from '../traps/trap-listener.js';
import { trapScope, type TrapScope } from '../traps/trap-scope.js';
import { Backoff } from './backoff.js';
import { Scheduler, type Job } from './scheduler.js';
import { drainSpool } from './uploader.js';

export type DaemonOptions = {
  dataDir: string;
  configPath: string;
  log: Logger;
  /** A new release is installed: the caller stops the daemon and exits to be restarted into it. */
  onRestartRequested?: () => void;
  /** Run by `supervise`: only then are updates installed (it starts and rolls back releases). */
  supervised?: boolean;
};

/** What `printbeat-agent status` reads: written by the daemon after every job. */
export type DaemonState = {
  pid: number;
  startedAt: string;
  lockDown: boolean;
  knownDevices: number;
  lastCollectAt: string | null;
  lastUploadAt: string | null;
  lastUploadError: string | null;
  lastCommandPollAt: string | null;
  lastConfigVersion: number | null;
  nextRuns: { name: string; at: string }[];
  /** The trap listener's counters; null when it is switched off. */
  traps: TrapStats | null;
};

const RENEW_CHECK_SECONDS = 6 * 3600;
const PRUNE_SECONDS = 24 * 3600;
const FACTS_TTL_MS = 30_000;
/** Trap counters reach state.json at most this often. */
const TRAP_STATE_DELAY_MS = 1_000;
/** A trap sender in range found not to be a printer is not probed again for this long. */
const NOT_A_PRINTER_MS = 3600_000;

/**
 * The agent's long-running loop: discovery, collection into the spool, uploads, command
 * pulls, remote config and certificate renewal, each on its own schedule and each talking to
 * central through its own backoff. Stopping waits for jobs in flight; the spool is always
 * consistent on disk, so even kill -9 loses nothing already collected.
 */
export class AgentDaemon {
  private readonly scheduler: Scheduler;
  private spool!: Spool;
  private readonly identityStore: IdentityStore;
  private readonly backoff = {
    upload: new Backoff({ baseMs: 5_000, maxMs: 15 * 60_000 }),
    commands: new Backoff({ baseMs: 5_000, maxMs: 10 * 60_000 }),
    config: new Backoff({ baseMs: 5_000, maxMs: 30 * 60_000 }),
    renew: new Backoff({ baseMs: 60_000, maxMs: 6 * 3600_000 }),
  };
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private identity!: StoredIdentity;
  /** `IdentityStore.stamp()` of the pair in use. */
  private identityStamp = '';
  private local!: LocalConfig;
  private remote: AgentRemoteConfig | null = null;
  /** The newest remote config version refused as unusable (not fetched again when announced). */
  private refusedConfigVersion: number | null = null;
  private config!: EffectiveConfig;
  /** The masking in force, applied to uploads, facts and command results. */
  private masker!: Masker;
  private client!: GatewayClient;
  /** For every target without its own list (see `discovery.targets`). */
  private credentials!: SnmpCredentials[];
  private devices = new Map<string, SnmpTarget>();
  private pendingDiscovery: DiscoveryResult[] = [];
  private pendingResults: CommandResult[] = [];
  private readonly state: DaemonState;
  private writeSequence = 0;
  private uploadChain: Promise<unknown> = Promise.resolve();
  private trapListener: TrapListener | null = null;
  private scopeForTraps: TrapScope | null = null;
  /** Printers being polled after a trap; `again` when another trap came in meanwhile. */
  private readonly trapPolls = new Map<string, { again: boolean; done: Promise<void> }>();
  private trapStateTimer: NodeJS.Timeout | null = null;
  /** Trap senders in range that discovery found not to be printers, until when. */
  private readonly notPrinters = new Map<string, number>();
  /** Collections and upload drains running now (no update starts meanwhile). */
  private inFlight = 0;
  private updater!: Updater;
  private restartRequested = false;
  private events!: EventMonitor;
  /** The last collection of every known printer, for the facts. */
  private lastCollection: LastCollection | null = null;
  private firstRound: Promise<void> = Promise.resolve();

  constructor(private readonly options: DaemonOptions) {
    this.scheduler = new Scheduler((job, error) =>
      options.log.error({ job, code: errorCode(error), err: errorMessage(error) }, 'job failed'),
    );
    this.identityStore = new IdentityStore(options.dataDir);
    this.state = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      lockDown: false,
      knownDevices: 0,
      lastCollectAt: null,
      lastUploadAt: null,
      lastUploadError: null,
      lastCommandPollAt: null,
      lastConfigVersion: null,
      nextRuns: [],
      traps: null,
    };
  }

  async start(): Promise<void> {
    this.identityStamp = await this.identityStore.stamp();
    this.identity = await this.identityStore.require();
    this.local = await loadLocalConfig(this.options.configPath);
    // Retention is the customer's choice (local config): how long sent files stay readable.
    this.spool = new Spool(join(this.options.dataDir, 'spool'), this.local.retentionDays);
    this.remote = await this.readCachedRemoteConfig();
    this.applyConfig();
    await this.spool.init();
    await this.spool.prune();
    await this.loadKnownDevices();
    this.state.lockDown = this.config.lockDown;
    this.state.lastConfigVersion = this.config.remoteVersion;
    this.options.log.info(
      {
        agentId: this.identity.agentId,
        lockDown: this.config.lockDown,
        devices: this.devices.size,
        central: this.centralUrl(),
      },
      'agent started',
    );
    this.updater = new Updater({
      dataDir: this.options.dataDir,
      settings: () => updateSettings(this.local, this.options.dataDir),
      client: () => this.client,
      busy: () => this.inFlight > 0,
      supervised: this.options.supervised ?? false,
      log: this.options.log.child({ component: 'update' }),
    });
    this.events = this.createEventMonitor();
    for (const job of this.jobs()) this.scheduler.add(job);
    await this.startTrapListener();
    this.firstRound = this.runFirstRound();
    this.events.start();
    await this.writeState();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.trapListener?.stop();
    if (this.trapStateTimer) clearTimeout(this.trapStateTimer);
    await Promise.all([...this.trapPolls.values()].map((poll) => poll.done));
    for (const timer of this.retryTimers) clearTimeout(timer);
    await this.events?.stop();
    await this.firstRound;
    await this.scheduler.stop();
    await this.writeState();
    this.options.log.info('agent stopped');
  }

  /**
   * Polls the printer at `address` now and queues an event upload if its status, errors,
   * alerts, supplies or reachability changed (for SNMP traps); see `EventMonitor.checkNow`.
   */
  checkPrinterNow(address: string): Promise<void> {
    return this.events.checkNow(address);
  }

  /**
   * After a start (or an enrollment): discovery when no printer is known yet, a collection,
   * and its upload, one after the other, so central sees this agent's printers at once and not
   * at the next upload of the schedule (daily by default).
   */
  private async runFirstRound(): Promise<void> {
    const jobs = new Map(this.jobs().map((job) => [job.name, job]));
    if (this.devices.size === 0) {
      await this.scheduler.runNow(jobs.get('discovery')!);
      // Printers found for the first time were collected and uploaded by discovery.
      if (this.devices.size > 0) return;
    }
    await this.scheduler.runNow(jobs.get('collect')!);
    if (this.abort.signal.aborted) return;
    await this.uploadNow().catch((error: unknown) =>
      this.options.log.error({ err: errorMessage(error) }, 'first upload failed'),
    );
  }

  private createEventMonitor(): EventMonitor {
    return new EventMonitor({
      settings: () => this.config.events,
      targets: () => [...this.devices.values()].map((t) => this.withCredentials(t)),
      poll: async (targets) =>
        (
          await pollMany(targets, {
            credentials: this.credentials,
            timeoutMs: this.config.discovery.timeoutMs,
            concurrency: this.config.discovery.concurrency,
            signal: this.abort.signal,
          })
        ).results,
      send: async (devices, unreachable) => {
        await spoolUpload(
          {
            spool: this.spool,
            agentId: this.identity.agentId,
            privateKeyPem: this.identity.privateKeyPem,
            masker: this.masker,
          },
          devices,
          { kind: 'event', unreachable },
          new Date(),
        );
        if (this.abort.signal.aborted) return;
        void this.uploadNow().catch((error: unknown) =>
          this.options.log.error({ err: errorMessage(error) }, 'event upload failed'),
        );
      },
      log: this.options.log.child({ part: 'events' }),
    });
  }

  /** Every job with its current schedule; rebuilt when remote config changes them. */
  private jobs(): Job[] {
    const s = this.config.schedules;
    const collectEvery = Math.min(s.meters.everySeconds, s.status.everySeconds);
    const jobs: Job[] = [
      {
        name: 'discovery',
        schedule: s.discovery,
        run: () => this.discoverNow().then(() => undefined),
      },
      {
        name: 'collect',
        schedule: { everySeconds: collectEvery },
        run: () => this.collectNow().then(() => undefined),
      },
      {
        name: 'upload',
        schedule: s.upload,
        run: () => this.uploadNow().then(() => undefined),
      },
      {
        name: 'renew',
        schedule: { everySeconds: RENEW_CHECK_SECONDS },
        run: () => this.renewIfDue(),
        runAtStart: true,
      },
      {
        name: 'prune',
        schedule: { everySeconds: PRUNE_SECONDS },
        run: () => this.spool.prune().then(() => undefined),
      },
    ];
    if (!this.config.lockDown) {
      jobs.push(
        {
          name: 'commandPoll',
          schedule: s.commandPoll,
          run: () => this.pollCommands(),
          runAtStart: true,
        },
        { name: 'config', schedule: s.config, run: () => this.refreshConfig(), runAtStart: true },
      );
    }
    return jobs;
  }

  private applyConfig(): void {
    this.config = effectiveConfig(this.local, this.remote);
    this.masker = new Masker(this.config.masking, [hostname()]);
    checkCredentials(this.config.snmp, this.config.discovery.targets, this.config.snmpWrite);
    this.credentials = credentialsList(this.config.snmp);
    this.scopeForTraps = null;
    this.trapListener?.setCredentials(this.trapCredentials());
    this.client = new GatewayClient({
      centralUrl: this.centralUrl(),
      caPem: this.identity.caPem,
      identity: {
        certificatePem: this.identity.certificatePem,
        privateKeyPem: this.identity.privateKeyPem,
      },
      ...(this.config.proxyUrl ? { proxyUrl: this.config.proxyUrl } : {}),
      facts: this.facts,
    });
  }

  /** Host, spool and settings for central, gathered at most once per period. */
  private readonly facts = cachedFacts(async () => {
    const [host, spool] = await Promise.all([
      snapshotHost(this.options.dataDir),
      this.spool.stats().catch(() => null),
    ]);
    const settings = { lockDown: this.config.lockDown, configVersion: this.config.remoteVersion };
    return encodeAgentFacts(
      this.masker.deep(buildAgentFacts(host, spool, settings, new Date(), this.lastCollection)),
    );
  }, FACTS_TTL_MS);

  private centralUrl(): string {
    return this.config?.centralUrl ?? this.local?.central ?? this.identity.centralUrl;
  }

  // ── discovery and collection ────────────────────────────────────────────────────────

  /**
   * Sweeps the discovery targets, or only `only` (a trap's sender) with the credentials of its
   * range; printers found for the first time are collected and uploaded at once. Returns how
   * many were new.
   */
  async discoverNow(only?: readonly string[]): Promise<number> {
    const selected = discoveryTargets(
      only ?? this.config.discovery.targets,
      this.config.discovery.snmpPort,
    );
    const loopbackOnly = selected.loopbackOnly;
    const targets =
      only === undefined
        ? selected.targets
        : [...selected.targets].map((target) => this.withCredentials(target));
    const outcome = await discover(targets, {
      credentials: this.credentials,
      signal: this.abort.signal,
      concurrency: this.config.discovery.concurrency,
      timeoutMs: this.config.discovery.timeoutMs,
      ...(loopbackOnly ? { sourceAddress: '127.0.0.1' } : {}),
    });
    const now = new Date();
    const fresh: string[] = [];
    for (const device of outcome.devices.filter((d) => d.isPrinter)) {
      const key = `${device.address}:${device.port}`;
      if (!this.devices.has(key)) fresh.push(device.address);
      this.devices.set(key, { host: device.address, port: device.port });
    }
    this.pendingDiscovery.push(...outcome.devices.map((d) => toDiscoveryResult(d, now)));
    await this.saveKnownDevices();
    this.options.log.info(
      { scanned: outcome.scanned, printers: this.devices.size, new: fresh.length },
      'discovery done',
    );
    if (fresh.length > 0 && !this.abort.signal.aborted) {
      await this.collectNow(fresh);
      await this.uploadNow();
    }
    return fresh.length;
  }

  /** Collects every known printer, or only those at the given addresses, into the spool. */
  async collectNow(
    only?: string | readonly string[],
  ): Promise<{ polled: number; read: number; uploadIds: string[] }> {
    this.inFlight += 1;
    try {
      return await this.collectOnce(only);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async collectOnce(
    only?: string | readonly string[],
  ): Promise<{ polled: number; read: number; uploadIds: string[] }> {
    const wanted = only === undefined ? null : new Set(typeof only === 'string' ? [only] : only);
    const targets = [...this.devices.values()]
      .filter((t) => !wanted || wanted.has(t.host))
      .map((t) => this.withCredentials(t));
    const discovery = this.pendingDiscovery.splice(0);
    const commandResults = this.pendingResults.splice(0);
    const started = Date.now();
    try {
      const outcome = await collect(
        {
          spool: this.spool,
          agentId: this.identity.agentId,
          privateKeyPem: this.identity.privateKeyPem,
          masker: this.masker,
          credentials: this.credentials,
          snmp: {
            timeoutMs: this.config.discovery.timeoutMs,
            concurrency: this.config.discovery.concurrency,
          },
        },
        targets,
        { discovery, commandResults },
      );
      this.state.lastCollectAt = new Date().toISOString();
      if (wanted === null)
        this.lastCollection = {
          at: new Date(this.state.lastCollectAt),
          printers: outcome.polled,
          answered: outcome.read,
          durationMs: Date.now() - started,
        };
      this.events.observe(outcome.results, new Date(this.state.lastCollectAt));
      for (const failure of outcome.failures) this.options.log.warn(failure, 'device not read');
      const uploadIds = outcome.entries.map((e) => e.uploadId);
      this.options.log.info(
        { polled: outcome.polled, read: outcome.read, uploadIds },
        'collection spooled',
      );
      await this.writeState();
      return { polled: outcome.polled, read: outcome.read, uploadIds };
    } catch (error) {
      // Nothing reached the spool: keep what was waiting for the next collection.
      this.pendingDiscovery.unshift(...discovery);
      this.pendingResults.unshift(...commandResults);
      throw error;
    }
  }

  /** A known printer with the credentials of the discovery entry that covers it. */
  private withCredentials(target: SnmpTarget): SnmpTarget {
    return { ...target, credentials: this.credentialsFor(target.host) };
  }

  private credentialsFor(host: string): SnmpCredentials[] {
    const { targets, snmpPort } = this.config.discovery;
    return credentialsForHost(targets, host, snmpPort) ?? this.credentials;
  }

  // ── SNMP traps ──────────────────────────────────────────────────────────────────────

  private async startTrapListener(): Promise<void> {
    const traps = this.config.traps;
    if (!traps.enabled) return;
    this.trapListener = new TrapListener({
      port: traps.port,
      address: traps.address,
      credentials: this.trapCredentials(),
      scope: () => (this.scopeForTraps ??= this.currentTrapScope()),
      limits: { ...DEFAULT_SENDER_LIMITS, perSenderPerMinute: traps.perSenderPerMinute },
      onPrinterTrap: (address, trap) => this.onPrinterTrap(address, trap),
      onStatsChange: () => this.writeStateSoon(),
      log: this.options.log.child({ component: 'traps' }),
    });
    // A port it cannot bind is logged and shown by `status`; the agent carries on polling.
    await this.trapListener.start();
  }

  /**
   * What a trap from a printer in scope leads to: a status poll of that printer, uploaded at
   * once. The one place to hand traps to whatever else should hear of them.
   */
  private onPrinterTrap(address: string, _trap: DecodedTrap): void {
    this.pollAfterTrap(address);
  }

  /** One poll per printer at a time; traps arriving meanwhile add one more poll, not one each. */
  private pollAfterTrap(address: string): void {
    const running = this.trapPolls.get(address);
    if (running) {
      running.again = true;
      return;
    }
    const entry = { again: true, done: Promise.resolve() };
    this.trapPolls.set(address, entry);
    entry.done = (async () => {
      while (entry.again && !this.abort.signal.aborted) {
        entry.again = false;
        await this.pollPrinterNow(address);
      }
    })()
      .catch((error: unknown) =>
        this.options.log.error(
          { address, code: errorCode(error), err: errorMessage(error) },
          'poll after trap failed',
        ),
      )
      .finally(() => this.trapPolls.delete(address));
  }

  /**
   * A known printer gets the event monitor's status poll (an event upload when its condition
   * changed); without event uploads, a collection uploaded at once. A printer in range but not
   * yet known is discovered first: one found now is collected and uploaded by discovery.
   */
  private async pollPrinterNow(address: string): Promise<void> {
    if (!this.isKnownPrinter(address)) {
      if ((this.notPrinters.get(address) ?? 0) > Date.now()) return;
      await this.discoverNow([address]);
      if (!this.isKnownPrinter(address)) {
        this.notPrinters.set(address, Date.now() + NOT_A_PRINTER_MS);
        this.options.log.info({ address }, 'trap from a device that is not a printer; not polled');
      }
      return;
    }
    if (this.config.events.enabled) {
      await this.checkPrinterNow(address);
      this.options.log.info({ address }, 'printer polled after a trap');
      return;
    }
    const collected = await this.collectNow(address);
    this.options.log.info({ address, read: collected.read }, 'printer polled after a trap');
    await this.uploadNow();
  }

  private isKnownPrinter(address: string): boolean {
    return [...this.devices.values()].some((device) => device.host === address);
  }

  private currentTrapScope(): TrapScope {
    return trapScope(
      this.config.discovery.targets.map((entry) =>
        typeof entry === 'string' ? entry : entry.target,
      ),
      [...this.devices.values()].map((device) => device.host),
    );
  }

  private trapCredentials(): TrapCredentials {
    return {
      communities: this.config.traps.communities,
      v3: this.credentials.find((set) => set.version === '3') ?? null,
    };
  }

  private writeStateSoon(): void {
    if (this.trapStateTimer || this.abort.signal.aborted) return;
    this.trapStateTimer = setTimeout(() => {
      this.trapStateTimer = null;
      void this.writeState().catch(() => undefined);
    }, TRAP_STATE_DELAY_MS);
    this.trapStateTimer.unref();
  }

  // ── talking to central ──────────────────────────────────────────────────────────────

  /**
   * One drain at a time: the upload schedule, a backed-off retry and a SEND_METERS /
   * REFRESH_STATUS command may all ask at once, and two drains over the same pending files
   * race on moving them (the loser saw ENOENT and left the newest file unsent).
   */
  uploadNow(): Promise<{ sent: number; duplicates: number; rejected: number }> {
    const next = this.uploadChain.then(async () => {
      this.inFlight += 1;
      try {
        return await this.drainOnce();
      } finally {
        this.inFlight -= 1;
      }
    });
    this.uploadChain = next.catch(() => undefined);
    return next;
  }

  private async drainOnce(): Promise<{ sent: number; duplicates: number; rejected: number }> {
    await this.followIdentityOnDisk();
    const outcome = await drainSpool(this.spool, this.client, this.options.log, this.abort.signal);
    if (outcome.error) {
      this.state.lastUploadError = `${outcome.error.code}: ${outcome.error.message}`;
      this.retryLater('upload', this.backoff.upload, outcome.error, () => this.uploadNow());
    } else {
      this.backoff.upload.succeed();
      this.state.lastUploadError = null;
      if (outcome.sent + outcome.duplicates > 0) this.state.lastUploadAt = new Date().toISOString();
    }
    await this.writeState();
    return outcome;
  }

  private async pollCommands(): Promise<void> {
    await this.followIdentityOnDisk();
    let pulled;
    try {
      pulled = await this.client.fetchCommands();
      this.backoff.commands.succeed();
    } catch (error) {
      this.retryLater('commandPoll', this.backoff.commands, error, () => this.pollCommands());
      return;
    }
    this.state.lastCommandPollAt = new Date().toISOString();
    const { commands, configVersion: announced } = pulled;
    await this.takeAnnouncedConfig(announced);
    const handlers = createActionHandlers({
      refreshStatus: (address) =>
        this.collectNow(address).then(async (r) => ({ ...r, upload: await this.uploadNow() })),
      sendMeters: () =>
        this.collectNow().then(async (r) => ({ ...r, upload: await this.uploadNow() })),
      updateSettings: () =>
        this.refreshConfig().then(() => ({ configVersion: this.config.remoteVersion })),
      credentials: (address) => this.credentialsFor(address),
      writeCredentials: (address) =>
        writeCredentialsForHost(
          this.config.discovery.targets,
          address,
          this.config.discovery.snmpPort,
          this.config.snmpWrite,
        ),
      pingAllowed: () => this.config.ping,
      snmpPort: () => this.config.discovery.snmpPort,
      rawPrintPort: () => this.config.rawPrintPort,
      timeoutMs: () => this.config.discovery.timeoutMs,
    });
    for (const command of commands) {
      const unmasked = await runCommand(
        this.withRealTarget(command),
        {
          allowed: this.config.allowedActions,
          disabledLocally: this.local.disabledActions,
          configVersion: this.config.remoteVersion,
          announcedConfigVersion: announced,
        },
        handlers,
      );
      const report = this.masker.deep(unmasked);
      this.options.log.info(
        { commandId: command.id, type: command.type, status: report.status },
        'command finished',
      );
      try {
        await this.client.reportResult(command.id, report);
      } catch (error) {
        // Central will hear of it with the next upload instead.
        this.pendingResults.push({
          commandId: command.id,
          status: report.status,
          finishedAt: report.finishedAt,
          message: report.message,
        });
        this.options.log.warn(
          { commandId: command.id, code: errorCode(error) },
          'command result kept for the next upload',
        );
      }
    }
    await this.writeState();
    await this.updateIfDue();
  }

  /** After a command poll (central just answered): this agent's update, if central names one. */
  private async updateIfDue(): Promise<void> {
    if (this.restartRequested) return;
    try {
      if (await this.updater.check()) {
        this.restartRequested = true;
        this.options.onRestartRequested?.();
      }
    } catch (error) {
      this.options.log.warn(
        { code: errorCode(error), err: errorMessage(error) },
        'update check failed; trying again with the next command poll',
      );
    }
  }

  /**
   * A command for a device central knows only by its masked address: the known printer whose
   * address masks to it (a withheld address cannot be found and stays as it is).
   */
  private withRealTarget(command: AgentCommand): AgentCommand {
    const address = command.target?.address;
    if (!address || !TOKEN_PATTERN.test(address)) return command;
    const device = [...this.devices.values()].find(
      (known) => this.masker.address(known.host) === address,
    );
    return device ? { ...command, target: { address: device.host } } : command;
  }

  /** Central announced a newer config with the commands: take it before judging them. */
  private async takeAnnouncedConfig(announced: number | null): Promise<void> {
    const held = {
      lockDown: this.config.lockDown,
      version: this.config.remoteVersion,
      refusedVersion: this.refusedConfigVersion,
    };
    if (!shouldTakeAnnouncedConfig(held, announced)) return;
    this.options.log.info(
      { announced, held: held.version },
      'central announced newer settings; fetching them',
    );
    try {
      await this.refreshConfig();
    } catch (error) {
      // The commands are still answered: each says the settings it waits for were not taken.
      this.options.log.error(
        { code: errorCode(error), err: errorMessage(error) },
        'announced settings not taken',
      );
    }
  }

  private async refreshConfig(): Promise<void> {
    await this.followIdentityOnDisk();
    let fresh: AgentRemoteConfig | null;
    try {
      fresh = await this.client.fetchConfig(this.remote?.version ?? null);
      this.backoff.config.succeed();
    } catch (error) {
      this.retryLater('config', this.backoff.config, error, () => this.refreshConfig());
      return;
    }
    if (!fresh) return;
    try {
      // A config the daemon cannot poll with must neither replace the one in use nor be cached.
      const next = effectiveConfig(this.local, fresh);
      checkCredentials(next.snmp, next.discovery.targets, next.snmpWrite);
    } catch (error) {
      this.refusedConfigVersion = fresh.version;
      throw new AgentError(
        'REMOTE_CONFIG_REFUSED',
        `remote config version ${fresh.version} refused, the one in use is kept: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    const before = JSON.stringify(this.config.schedules);
    const sweptBefore = sweepSettings(this.config);
    this.remote = fresh;
    await this.writeJson('remote-config.json', fresh);
    this.applyConfig();
    this.state.lastConfigVersion = fresh.version;
    this.options.log.info({ version: fresh.version }, 'remote config applied');
    if (JSON.stringify(this.config.schedules) !== before) {
      for (const job of this.jobs()) this.scheduler.reschedule(job);
    }
    if (sweepSettings(this.config) !== sweptBefore && !this.abort.signal.aborted) {
      // New targets (a dealer just set them): their printers show now, not at the next daily sweep.
      this.options.log.info('discovery settings changed; discovering now');
      void this.discoverNow().catch((error: unknown) =>
        this.options.log.error({ err: errorMessage(error) }, 'discovery failed'),
      );
    }
  }

  private async renewIfDue(): Promise<void> {
    await this.followIdentityOnDisk();
    if (!isRenewalDue(certificateValidity(this.identity.certificatePem), new Date())) return;
    try {
      this.identity = await renewCertificate(this.identity, this.client, this.identityStore);
      this.identityStamp = await this.identityStore.stamp();
      this.applyConfig();
      this.backoff.renew.succeed();
      this.options.log.info(
        { validTo: certificateValidity(this.identity.certificatePem).validTo.toISOString() },
        'certificate renewed',
      );
    } catch (error) {
      this.retryLater('renew', this.backoff.renew, error, () => this.renewIfDue());
    }
  }

  /**
   * Before talking to central: if another process replaced the key pair on disk (the `renew`
   * command, e.g. after a CA rollover), use it from now on — central may already refuse the old
   * one. A pair caught half-written (new key, old certificate) is left for the next call.
   */
  private async followIdentityOnDisk(): Promise<void> {
    const stamp = await this.identityStore.stamp();
    if (stamp === this.identityStamp) return;
    let identity: StoredIdentity | null;
    try {
      identity = await this.identityStore.load();
    } catch (error) {
      this.options.log.warn(
        { code: errorCode(error), err: errorMessage(error) },
        'identity on disk unreadable; keeping the one in use',
      );
      return;
    }
    if (!identity || !keyMatchesCertificate(identity)) return;
    this.identityStamp = stamp;
    if (
      identity.certificatePem === this.identity.certificatePem &&
      identity.privateKeyPem === this.identity.privateKeyPem &&
      identity.caPem === this.identity.caPem
    )
      return;
    this.identity = identity;
    this.applyConfig();
    this.options.log.info(
      { validTo: certificateValidity(identity.certificatePem).validTo.toISOString() },
      'certificate replaced on disk; using it',
    );
  }

  /** Schedules one extra, backed-off try of a path that failed in a way worth retrying. */
  private retryLater(
    path: string,
    backoff: Backoff,
    error: unknown,
    retry: () => Promise<unknown>,
  ): void {
    const retryable = !(error instanceof GatewayError) || error.retryable;
    this.options.log.warn(
      { path, code: errorCode(error), err: errorMessage(error) },
      retryable ? 'central call failed; will retry' : 'central refused',
    );
    if (!retryable || this.abort.signal.aborted) return;
    const delay = Math.max(
      backoff.fail(),
      error instanceof GatewayError ? (error.retryAfterMs ?? 0) : 0,
    );
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      void retry().catch((e: unknown) =>
        this.options.log.error({ path, err: errorMessage(e) }, 'retry failed'),
      );
    }, delay);
    this.retryTimers.add(timer);
  }

  // ── local state on disk ─────────────────────────────────────────────────────────────

  private async loadKnownDevices(): Promise<void> {
    const saved = (await this.readJson<SnmpTarget[]>('devices.json')) ?? [];
    const configured = this.config.devices.length
      ? [...parseTargets(this.config.devices, { defaultPort: this.config.discovery.snmpPort })]
      : [];
    for (const target of [...saved, ...configured])
      this.devices.set(`${target.host}:${target.port}`, target);
    this.state.knownDevices = this.devices.size;
  }

  private async saveKnownDevices(): Promise<void> {
    this.scopeForTraps = null;
    this.state.knownDevices = this.devices.size;
    await this.writeJson('devices.json', [...this.devices.values()]);
  }

  private async readCachedRemoteConfig(): Promise<AgentRemoteConfig | null> {
    return this.readJson<AgentRemoteConfig>('remote-config.json');
  }

  private async writeState(): Promise<void> {
    this.state.nextRuns = this.scheduler
      .upcoming()
      .map((r) => ({ name: r.name, at: r.at.toISOString() }));
    this.state.traps = this.trapListener?.stats ?? null;
    await this.writeJson('state.json', this.state);
  }

  private async readJson<T>(name: string): Promise<T | null> {
    try {
      return JSON.parse(await readFile(join(this.options.dataDir, name), 'utf8')) as T;
    } catch {
      return null;
    }
  }

  private async writeJson(name: string, value: unknown): Promise<void> {
    await mkdir(this.options.dataDir, { recursive: true, mode: 0o700 });
    const path = join(this.options.dataDir, name);
    // Jobs write state concurrently: each write needs its own temporary file, or one rename
    // finds the other's file already moved (ENOENT) and fails its job.
    const tmp = `${path}.${process.pid}.${++this.writeSequence}.tmp`;
    await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, path);
  }
}

export async function readDaemonState(dataDir: string): Promise<DaemonState | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')) as DaemonState;
  } catch {
    return null;
  }
}

/** What a discovery sweep depends on: where it looks and how it asks. */
function sweepSettings(config: EffectiveConfig): string {
  return JSON.stringify([config.discovery.targets, config.discovery.snmpPort, config.snmp]);
}

function keyMatchesCertificate(identity: StoredIdentity): boolean {
  try {
    return new X509Certificate(identity.certificatePem).checkPrivateKey(
      createPrivateKey(identity.privateKeyPem),
    );
  } catch {
    return false;
  }
}
