import { jest } from '@jest/globals';
import type { DevicePayload, UnreachablePrinter } from '@printbeat/payload';
import pino from 'pino';
import type { PollResult } from '../polling/poll-result.js';
import { EventMonitor, type EventSettings } from './event-monitor.js';
import { jammed, kyoceraPoll, silent } from './test-support/poll-results.js';

const A = '127.20.0.1';
const B = '127.20.0.2';
const settings: EventSettings = {
  enabled: true,
  pollSeconds: 60,
  windowSeconds: 15,
  maxDevicesPerUpload: 100,
  supplyLevels: [20, 10, 0],
  unansweredBackoffMaxSeconds: 1800,
};

/** A fleet whose answers the test sets; polls and sent uploads are recorded. */
function harness(overrides: Partial<EventSettings> = {}) {
  const answers = new Map<string, PollResult>([
    [A, kyoceraPoll(A)],
    [B, kyoceraPoll(B)],
  ]);
  const polls: { at: number; addresses: string[] }[] = [];
  const sent: { at: number; devices: DevicePayload[]; unreachable: UnreachablePrinter[] }[] = [];
  const monitor = new EventMonitor({
    settings: () => ({ ...settings, ...overrides }),
    targets: () => [A, B].map((host) => ({ host, port: 161 })),
    poll: (targets) => {
      polls.push({ at: Date.now(), addresses: targets.map((t) => t.host) });
      return Promise.resolve(targets.map((t) => answers.get(t.host)!));
    },
    send: (devices, unreachable) => {
      sent.push({ at: Date.now(), devices, unreachable });
      return Promise.resolve();
    },
    log: pino({ level: 'silent' }),
  });
  // What a start's full collection showed: the baseline.
  monitor.observe([...answers.values()], new Date());
  return { answers, polls, sent, monitor };
}

const seconds = async (n: number) => {
  for (let i = 0; i < n; i++) await jest.advanceTimersByTimeAsync(1000);
};

describe('EventMonitor', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-07T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('polls every minute and sends a jam once, after the window, without counters', async () => {
    const { answers, polls, sent, monitor } = harness();
    monitor.start();
    await seconds(30);
    answers.set(A, jammed(kyoceraPoll(A)));
    await seconds(31);
    expect(polls).toHaveLength(1);
    expect(sent).toEqual([]);
    await seconds(15);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.devices.map((d) => d.address)).toEqual([A]);
    const reading = sent[0]!.devices[0]!.readings[0]!;
    expect(reading.counters).toEqual({ extra: {} });
    expect(reading.status.errors).toEqual(['jammed']);
    expect(reading.supplies.length).toBeGreaterThan(0);
    await seconds(120);
    expect(sent).toHaveLength(1);
    await monitor.stop();
  });

  it('checkNow polls that printer at once; a flapping printer yields one reading per window', async () => {
    const { answers, polls, sent, monitor } = harness();
    monitor.start();
    for (let i = 0; i < 10; i++) {
      answers.set(A, i % 2 === 0 ? jammed(kyoceraPoll(A)) : kyoceraPoll(A));
      await monitor.checkNow(A);
      await seconds(1);
    }
    expect(polls.filter((p) => p.addresses.includes(A))).toHaveLength(10);
    await seconds(10);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.devices).toHaveLength(1);
    // The newest state wins: the last check saw it cleared.
    expect(sent[0]!.devices[0]!.readings[0]!.status.errors).toEqual([]);
    await monitor.checkNow('127.99.99.99');
    expect(polls.some((p) => p.addresses.includes('127.99.99.99'))).toBe(false);
    await monitor.stop();
  });

  it('reports a silent printer once, backs off its polls, and reports its return at once', async () => {
    const { answers, polls, sent, monitor } = harness({ unansweredBackoffMaxSeconds: 240 });
    monitor.start();
    answers.set(B, silent(B));
    await seconds(20 * 60);
    const pollsOfB = polls.filter((p) => p.addresses.includes(B)).map((p) => p.at);
    const gaps = pollsOfB.slice(1).map((at, i) => Math.round((at - pollsOfB[i]!) / 60_000));
    expect(gaps.slice(0, 4)).toEqual([1, 2, 4, 4]);
    expect(sent.flatMap((s) => s.unreachable.map((u) => u.address))).toEqual([B]);
    expect(sent.flatMap((s) => s.devices)).toEqual([]);

    answers.set(B, kyoceraPoll(B));
    await monitor.checkNow(B);
    await seconds(16);
    expect(sent.at(-1)!.devices.map((d) => d.address)).toEqual([B]);
    expect(sent.at(-1)!.unreachable).toEqual([]);
    await monitor.stop();
  });

  it('spools what is still waiting when stopped', async () => {
    const { answers, sent, monitor } = harness();
    monitor.start();
    answers.set(A, jammed(kyoceraPoll(A)));
    await monitor.checkNow(A);
    expect(sent).toEqual([]);
    await monitor.stop();
    expect(sent).toHaveLength(1);
  });
});
