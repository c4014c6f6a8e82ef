import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CustomerTotals } from './customer-totals';

describe('CustomerTotals', () => {
  it('shows each customer’s pages per counter and says when devices are left out', () => {
    render(
      <CustomerTotals
        counters={['total', 'mono', 'color']}
        totals={[
          {
            customerId: 'c1',
            customerName: 'Acme',
            devices: 3,
            counters: [
              { counter: 'total', pages: 1_200, devices: 3, incompleteDevices: 1 },
              { counter: 'mono', pages: 700, devices: 2, incompleteDevices: 0 },
            ],
          },
        ]}
      />,
    );
    const row = screen.getByRole('row', { name: /Acme/ });
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells[0]).toBe('3');
    expect(cells[1]).toMatch(/^1.200/);
    expect(cells[1]).toContain('1 of 3 devices without usage');
    expect(cells[2]).toMatch(/^700$/);
    expect(cells[3]).toBe('—');
  });

  it('shows nothing without totals', () => {
    expect(render(<CustomerTotals counters={['total']} totals={[]} />).container.textContent).toBe(
      '',
    );
  });
});
