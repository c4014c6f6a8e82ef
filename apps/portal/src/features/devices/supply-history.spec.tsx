import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithCentral } from '../../test-support/fake-central';
import { SupplyChangeList, SupplyHistory } from './supply-history';

const level = (readAt: string, percent: number, serialNumber: string, change?: 'SWAP') => ({
  __typename: 'SupplyLevelPoint',
  readAt,
  percent,
  serialNumber,
  change: change ?? null,
  removedPercent: change ? 24 : null,
  earlyReplacement: change !== undefined,
});

describe('SupplyHistory', () => {
  it('marks a cartridge swap on the level chart with the new serial, and lists it', async () => {
    renderWithCentral(<SupplyHistory deviceId="device-1" />, {
      SupplyHistory: () => ({
        data: {
          device: {
            __typename: 'Device',
            id: 'device-1',
            supplies: [
              {
                __typename: 'DeviceSupply',
                id: 'black',
                description: 'Black toner',
                type: 'toner',
                color: 'black',
                percent: 100,
                state: 'ok',
                serialNumber: 'K-2',
                partNumber: 'TK-5270K',
                levels: [
                  level('2026-11-03T08:00:00Z', 100, 'K-2', 'SWAP'),
                  level('2026-11-02T08:00:00Z', 24, 'K-1'),
                  level('2026-11-01T08:00:00Z', 30, 'K-1'),
                ],
              },
            ],
          },
        },
      }),
    });
    const list = await screen.findByRole('list');
    expect(within(list).getByRole('listitem').textContent).toMatch(
      /^Swap .*Black toner · cartridge replaced at 24% left · new serial K-2 · part TK-5270K/,
    );
    const chartTexts = [...document.querySelectorAll('.chart text')].map(
      (node) => node.textContent,
    );
    expect(chartTexts).toContain('Swap · SN K-2');
    expect(document.querySelectorAll('.chart .recharts-reference-line').length).toBe(1);
  });
});

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
