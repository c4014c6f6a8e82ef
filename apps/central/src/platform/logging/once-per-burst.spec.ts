import { BURST_REPORT_EVERY_MS, oncePerBurst } from './once-per-burst.js';

describe('oncePerBurst', () => {
  it('reports the first event of a burst, then one line per period with the count since', () => {
    let clock = 0;
    const reports: [unknown, number][] = [];
    const report = oncePerBurst<unknown>(
      (event, suppressed) => reports.push([event, suppressed]),
      () => clock,
    );
    report(new Error('first'));
    for (let i = 0; i < 5; i++) report(new Error('again'));
    expect(reports).toHaveLength(1);
    clock += BURST_REPORT_EVERY_MS;
    report('later');
    expect(reports.map(([event, count]) => [String(event), count])).toEqual([
      ['Error: first', 0],
      ['later', 5],
    ]);
  });
});
