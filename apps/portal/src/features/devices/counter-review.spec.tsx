import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CounterReview, sourceLabel } from './counter-review';

describe('CounterReview', () => {
  it('shows both values of a disagreeing meter with their sources', () => {
    render(
      <CounterReview
        review={[
          {
            meter: 'total',
            value: 424_405,
            source: 'vendor',
            alternativeSource: 'printerMib.lifeCount',
            alternativeValue: 432_951,
            differencePercent: 1.97,
          },
        ]}
      />,
    );
    const notice = screen.getByRole('status');
    expect(notice.textContent).toContain('Counters to review');
    const item = screen.getByRole('listitem').textContent ?? '';
    expect(item).toMatch(/424.405 \(vendor’s own counter\)|424.405 \(vendor's own counter\)/);
    expect(item).toMatch(/432.951 \(Printer-MIB life count\)/);
    expect(item).toContain('1.97% apart');
  });

  it('shows nothing when the sources agree', () => {
    const { container } = render(<CounterReview review={null} />);
    expect(container.textContent).toBe('');
    expect(render(<CounterReview review={[]} />).container.textContent).toBe('');
  });

  it('names unknown sources as given', () => {
    expect(sourceLabel('hp.pml')).toBe('hp.pml');
    expect(sourceLabel(null)).toBe('reported value');
  });
});
