import { StatusPollPlan } from './status-poll-plan.js';

const MINUTE = 60_000;

describe('StatusPollPlan', () => {
  it('polls a printer that answers once a period, first a period after it became known', () => {
    const plan = new StatusPollPlan({ everyMs: MINUTE, maxMs: 30 * MINUTE });
    plan.track(['a', 'b'], 0);
    expect(plan.due(MINUTE - 1)).toEqual([]);
    expect(plan.due(MINUTE)).toEqual(['a', 'b']);
    plan.answered('a', MINUTE);
    plan.answered('b', MINUTE + 5);
    expect(plan.due(2 * MINUTE)).toEqual(['a']);
    expect(plan.nextDueAt()).toBe(2 * MINUTE);
  });

  it('backs off a printer that does not answer: 1, 2, 4 … minutes up to the cap', () => {
    const plan = new StatusPollPlan({ everyMs: MINUTE, maxMs: 30 * MINUTE });
    plan.track(['a'], 0);
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const wait = plan.unanswered('a', now);
      waits.push(wait / MINUTE);
      now += wait;
      expect(plan.due(now - 1)).toEqual([]);
      expect(plan.due(now)).toEqual(['a']);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
    expect(plan.unansweredPolls('a')).toBe(8);
    plan.answered('a', now);
    expect(plan.unansweredPolls('a')).toBe(0);
    expect(plan.due(now + MINUTE)).toEqual(['a']);
  });

  it('polls at once, at the normal pace again, when asked to check a printer now', () => {
    const plan = new StatusPollPlan({ everyMs: MINUTE, maxMs: 30 * MINUTE });
    plan.track(['a'], 0);
    for (let i = 0; i < 5; i++) plan.unanswered('a', 0);
    plan.pollNow('a', 1000);
    expect(plan.due(1000)).toEqual(['a']);
    expect(plan.unanswered('a', 1000)).toBe(MINUTE);
  });

  it('forgets printers no longer known and keeps the backoff of those still known', () => {
    const plan = new StatusPollPlan({ everyMs: MINUTE, maxMs: 30 * MINUTE });
    plan.track(['a', 'b'], 0);
    plan.unanswered('a', 0);
    plan.unanswered('a', MINUTE);
    plan.track(['a', 'c'], 2 * MINUTE);
    expect(plan.unansweredPolls('a')).toBe(2);
    expect(plan.due(10 * MINUTE).sort()).toEqual(['a', 'c']);
  });
});
