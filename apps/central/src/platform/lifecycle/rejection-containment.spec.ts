import { REJECTION_REPORT_EVERY_MS, containRejections } from './rejection-containment.js';

describe('containRejections', () => {
  it('reports the first rejection of a burst, then one line per period with the count since', () => {
    let clock = 0;
    const reports: [unknown, number][] = [];
    const onRejection = containRejections(
      (reason, suppressed) => reports.push([reason, suppressed]),
      () => clock,
    );
    onRejection(new Error('first'));
    for (let i = 0; i < 5; i++) onRejection(new Error('again'));
    expect(reports).toHaveLength(1);
    clock += REJECTION_REPORT_EVERY_MS;
    onRejection('later');
    expect(reports.map(([reason, count]) => [String(reason), count])).toEqual([
      ['Error: first', 0],
      ['later', 5],
    ]);
  });
});
