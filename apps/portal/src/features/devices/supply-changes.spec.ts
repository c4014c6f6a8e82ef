import { describe, expect, it } from 'vitest';
import { supplyChanges, type LevelPointWithChange } from './supply-changes';

const point = (
  fields: Partial<LevelPointWithChange> & { readAt: string },
): LevelPointWithChange => ({
  percent: 50,
  serialNumber: null,
  change: null,
  removedPercent: null,
  earlyReplacement: false,
  ...fields,
});

describe('supplyChanges', () => {
  it('lists swaps and refills newest first, early replacements flagged', () => {
    const rows = supplyChanges([
      {
        id: 'black',
        label: 'Black toner',
        levels: [
          point({
            readAt: '2026-03-03T10:00:00Z',
            percent: 100,
            serialNumber: 'B',
            change: 'REFILL',
          }),
          point({ readAt: '2026-03-02T10:00:00Z', percent: 98, serialNumber: 'B' }),
          point({
            readAt: '2026-03-01T10:00:00Z',
            percent: 60,
            serialNumber: 'B',
            change: 'SWAP',
            removedPercent: 62,
            earlyReplacement: true,
          }),
        ],
      },
      {
        id: 'cyan',
        label: 'Cyan toner',
        partNumber: 'TK-5270C',
        levels: [
          point({
            readAt: '2026-03-02T12:00:00Z',
            percent: 100,
            change: 'SWAP',
            removedPercent: 3,
          }),
        ],
      },
    ]);
    expect(rows.map((row) => [row.supplyId, row.kind, row.text, row.early, row.marker])).toEqual([
      ['black', 'REFILL', 'Black toner · refilled to 100% · same serial B', false, 'Refill · SN B'],
      [
        'cyan',
        'SWAP',
        'Cyan toner · cartridge replaced at 3% left · part TK-5270C',
        false,
        'Swap · TK-5270C',
      ],
      [
        'black',
        'SWAP',
        'Black toner · cartridge replaced at 62% left · new serial B',
        true,
        'Swap · SN B',
      ],
    ]);
  });

  it('is empty without changes', () => {
    expect(
      supplyChanges([{ id: 'x', label: 'X', levels: [point({ readAt: '2026-03-01T00:00:00Z' })] }]),
    ).toEqual([]);
  });
});
