import type { DevicePayload, UnreachablePrinter } from '@printbeat/payload';
import type { Logger } from 'pino';
import { errorCode, errorMessage } from '../agent.errors.js';
import { toDevicePayload } from '../collection/to-payload.js';
import type { PollResult } from '../polling/poll-result.js';
import type { SnmpTarget } from '../snmp/snmp-client.js';
import {
  conditionChanges,
  conditionOf,
  type ConditionChange,
  type DeviceCondition,
} from './device-condition.js';
import { EventBatch } from './event-batch.js';
import { StatusPollPlan } from './status-poll-plan.js';

export type EventSettings = {
  enabled: boolean;
  pollSeconds: number;
  windowSeconds: number;
  maxDevicesPerUpload: number;
  supplyLevels: number[];
  unansweredBackoffMaxSeconds: number;
};

/** What one printer's event upload says: its state now (no counters), or that it stopped answering. */
export type PrinterEvent =
  | { kind: 'reading'; device: DevicePayload; changes: ConditionChange[] }
  | { kind: 'unreachable'; since: string };

export type EventMonitorDeps = {
  settings: () => EventSettings;
  /** The printers known now. */
  targets: () => SnmpTarget[];
  poll: (targets: SnmpTarget[]) => Promise<PollResult[]>;
  /** Writes one event upload to the spool and starts sending it. */
  send: (devices: DevicePayload[], unreachable: UnreachablePrinter[]) => Promise<void>;
  log: Logger;
  now?: () => number;
};

const TICK_MS = 1000;

/**
 * Watches the known printers between collections: polls each one's status every
 * `pollSeconds` (backing off from those that do not answer), compares it with what it showed
 * before, and sends what changed — status, error bits, alert table, a supply past a configured
 * level, silence and return — as a small event upload, gathered over `windowSeconds`. Every
 * full collection is shown to it too (`observe`), so a change seen there is sent the same way.
 */
export class EventMonitor {
  private readonly conditions = new Map<string, DeviceCondition>();
  private readonly plan: StatusPollPlan;
  private readonly batch: EventBatch<PrinterEvent>;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private readonly checks = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly deps: EventMonitorDeps) {
    this.now = deps.now ?? Date.now;
    const settings = deps.settings();
    this.plan = new StatusPollPlan(pollTimes(settings));
    this.batch = new EventBatch(batchLimits(settings));
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (!this.round) this.round = this.tick().finally(() => (this.round = null));
    }, TICK_MS);
  }

  /** Stops polling; waits for polls in flight and spools every event still waiting. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([this.round, ...this.checks]);
    while (this.batch.size > 0 && (await this.sendDue(Number.MAX_SAFE_INTEGER)));
  }

  /**
   * Polls the printer at `address` (as the agent polls it, without port) now, whatever its
   * schedule or backoff, and queues an event upload if its condition changed. For triggers
   * such as SNMP traps; resolves once the poll is done and any event is queued (the upload
   * follows within `windowSeconds`). An address the agent does not know is ignored.
   */
  async checkNow(address: string): Promise<void> {
    const target = this.deps.targets().find((t) => t.host === address);
    if (!target || this.stopped || !this.deps.settings().enabled) return;
    this.plan.pollNow(address, this.now());
    const check = this.pollAndObserve([target]);
    this.checks.add(check);
    try {
      await check;
    } finally {
      this.checks.delete(check);
    }
  }

  /** Results of a poll made elsewhere (a collection): their changes are sent like the monitor's own. */
  observe(results: readonly PollResult[], takenAt: Date): void {
    if (!this.deps.settings().enabled) return;
    for (const result of results) this.observeOne(result, takenAt);
  }

  /** The printers whose next poll is backed off, with how many polls they missed. */
  unanswered(): { address: string; polls: number }[] {
    return this.deps
      .targets()
      .map((t) => ({ address: t.host, polls: this.plan.unansweredPolls(t.host) }))
      .filter((entry) => entry.polls > 0);
  }

  private async tick(): Promise<void> {
    const settings = this.deps.settings();
    if (!settings.enabled) return;
    this.plan.setTimes(pollTimes(settings));
    this.batch.setLimits(batchLimits(settings));
    const targets = this.deps.targets();
    this.plan.track(
      targets.map((t) => t.host),
      this.now(),
    );
    const due = new Set(this.plan.due(this.now()));
    if (due.size > 0) await this.pollAndObserve(targets.filter((t) => due.has(t.host)));
    await this.sendDue(this.now());
  }

  private async pollAndObserve(targets: SnmpTarget[]): Promise<void> {
    let results: PollResult[];
    try {
      results = await this.deps.poll(targets);
    } catch (error) {
      this.deps.log.warn(
        { code: errorCode(error), err: errorMessage(error) },
        'status poll failed; retrying on the next tick',
      );
      return;
    }
    const takenAt = new Date(this.now());
    for (const result of results) this.observeOne(result, takenAt);
  }

  private observeOne(result: PollResult, takenAt: Date): void {
    const settings = this.deps.settings();
    const condition = conditionOf(result, settings.supplyLevels);
    const address = result.address;
    const now = this.now();
    if (!condition) {
      this.plan.answered(address, now);
      return;
    }
    if (condition.reachable) this.plan.answered(address, now);
    else this.plan.unanswered(address, now);
    const changes = conditionChanges(this.conditions.get(address) ?? null, condition);
    this.conditions.set(address, condition);
    if (changes.length === 0) return;
    const event = this.eventOf(result, condition, changes, takenAt);
    if (!event) return;
    this.deps.log.info({ address, changes }, 'printer changed; event queued');
    this.batch.add(address, event, now);
  }

  private eventOf(
    result: PollResult,
    condition: DeviceCondition,
    changes: ConditionChange[],
    takenAt: Date,
  ): PrinterEvent | null {
    if (!condition.reachable) return { kind: 'unreachable', since: takenAt.toISOString() };
    const device = toDevicePayload(result, takenAt);
    if (!device) return null;
    return {
      kind: 'reading',
      changes,
      device: {
        ...device,
        readings: device.readings.map((reading) => ({ ...reading, counters: { extra: {} } })),
      },
    };
  }

  /** Sends the events of an ended window; false when there were none or they could not be written. */
  private async sendDue(now: number): Promise<boolean> {
    const taken = this.batch.take(now);
    if (taken.length === 0) return false;
    const devices: DevicePayload[] = [];
    const unreachable: UnreachablePrinter[] = [];
    for (const { address, event } of taken) {
      if (event.kind === 'reading') devices.push(event.device);
      else unreachable.push({ address, since: event.since });
    }
    try {
      await this.deps.send(devices, unreachable);
      this.deps.log.info(
        { devices: devices.length, unreachable: unreachable.length },
        'event upload spooled',
      );
      return true;
    } catch (error) {
      this.batch.restore(taken, this.now());
      this.deps.log.error(
        { code: errorCode(error), err: errorMessage(error) },
        'event upload not written; kept for the next window',
      );
      return false;
    }
  }
}

function pollTimes(settings: EventSettings) {
  const everyMs = settings.pollSeconds * 1000;
  return { everyMs, maxMs: Math.max(everyMs, settings.unansweredBackoffMaxSeconds * 1000) };
}

function batchLimits(settings: EventSettings) {
  return { windowMs: settings.windowSeconds * 1000, maxDevices: settings.maxDevicesPerUpload };
}
