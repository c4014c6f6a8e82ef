import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SupplyChangeList } from './supply-history';

describe('SupplyChangeList', () => {
  it('marks swaps and refills in the supply history, early replacements flagged', () => {
    render(
      <SupplyChangeList
        changes={[
          {
            supplyId: 'black',
            readAt: '2026-03-03T10:00:00Z',
            kind: 'REFILL',
            text: 'Black toner · refilled to 100%',
            early: false,
            marker: 'Refill · SN B',
          },
          {
            supplyId: 'black',
            readAt: '2026-03-01T10:00:00Z',
            kind: 'SWAP',
            text: 'Black toner · cartridge replaced at 62% left · new serial B',
            early: true,
            marker: 'Swap · SN B',
          },
        ]}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Cartridge changes' })).toBeTruthy();
    const [refill, swap] = screen.getAllByRole('listitem');
    expect(refill!.textContent).toMatch(/^Refill .*refilled to 100%$/);
    expect(refill!.textContent).not.toContain('early');
    expect(swap!.textContent).toMatch(/^Swap .*replaced at 62% left · new serial B/);
    expect(swap!.textContent).toContain('early replacement');
  });

  it('shows nothing without changes', () => {
    expect(render(<SupplyChangeList changes={[]} />).container.textContent).toBe('');
  });
});
