import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CounterChart, PagesPerDayChart } from './counter-chart';
import type { CounterReading } from './counter-series';

const ticks = (container: HTMLElement, axis: 'xAxis' | 'yAxis') =>
  [...container.querySelectorAll(`.recharts-${axis}-tick-labels text`)].map(
    (node) => node.textContent,
  );

const totals = (points: [string, number][]): CounterReading[] =>
  points.map(([readAt, total]) => ({ readAt, counters: { total } }));

describe('CounterChart', () => {
  it('shows times of day for a day, and a value axis fitted to a counter in the millions', () => {
    const { container } = render(
      <CounterChart
        reads={totals([
          ['2026-11-02T08:00:00Z', 1_234_567],
          ['2026-11-02T11:10:00Z', 1_235_300],
          ['2026-11-02T14:30:00Z', 1_236_890],
        ])}
        counters={['total']}
        zeroBased={false}
      />,
    );
    expect(ticks(container, 'xAxis')).toEqual([
      '08:00',
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
    ]);
    const values = ticks(container, 'yAxis').map((text) => Number(text.replace(/,/g, '')));
    expect(values[0]).toBe(1_234_500);
    expect(values.at(-1)).toBe(1_237_000);
  });

  it('shows dates for a month', () => {
    const { container } = render(
      <CounterChart
        reads={totals([
          ['2026-10-01T08:00:00Z', 1000],
          ['2026-10-15T08:00:00Z', 2000],
          ['2026-10-31T08:00:00Z', 3000],
        ])}
        counters={['total']}
      />,
    );
    const labels = ticks(container, 'xAxis');
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) {
      expect(label).not.toMatch(/\d:\d\d/);
      expect(label).toMatch(/^(Oct|Nov) \d{1,2}$/);
    }
  });

  it('writes each mark’s label (a swap and its cartridge) at its time', () => {
    const { container } = render(
      <CounterChart
        reads={[
          { readAt: '2026-11-01T08:00:00Z', counters: { black: 12 } },
          { readAt: '2026-11-03T08:00:00Z', counters: { black: 100 } },
        ]}
        counters={['black']}
        markDrops={false}
        marks={[
          {
            key: 'black|swap',
            time: Date.parse('2026-11-03T08:00:00Z'),
            colour: '#000',
            label: 'Swap · SN B-42',
          },
        ]}
      />,
    );
    expect(container.querySelectorAll('.recharts-reference-line').length).toBe(1);
    const texts = [...container.querySelectorAll('text')].map((node) => node.textContent);
    expect(texts).toContain('Swap · SN B-42');
  });
});

describe('PagesPerDayChart', () => {
  it('draws one bar per day with pages, none for a withheld day, and says it is withheld', () => {
    const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
    const { container } = render(
      <PagesPerDayChart
        days={[
          { day: day('2026-11-01'), pages: { total: 120 }, flags: { total: [] } },
          { day: day('2026-11-02'), pages: { total: null }, flags: { total: ['ROLLBACK_OPEN'] } },
          { day: day('2026-11-03'), pages: { total: 300 }, flags: { total: [] } },
        ]}
        counters={['total']}
      />,
    );
    expect(container.querySelectorAll('.recharts-rectangle').length).toBe(2);
    expect(ticks(container, 'xAxis')).toEqual(['Nov 1', 'Nov 2', 'Nov 3']);
    expect(ticks(container, 'yAxis')).toEqual(['0', '100', '200', '300']);
    expect(container.querySelector('figcaption')?.textContent).toMatch(
      /over 3 days\. 1 day is withheld/,
    );
  });
});
