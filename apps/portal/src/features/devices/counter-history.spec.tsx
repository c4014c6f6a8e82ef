import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connection, renderWithCentral } from '../../test-support/fake-central';
import { CounterHistory } from './counter-history';

const read = (readAt: string, total: number, mono: number) => ({
  readAt,
  lastSeenAt: readAt,
  counters: { total, mono },
});

/** The total restarts near zero on the 3rd (a drop nobody has reviewed yet); mono does not. */
const handlers = {
  DeviceMeterReads: () => ({
    data: {
      device: {
        __typename: 'Device',
        id: 'device-1',
        meterReads: connection('MeterRead', [
          read('2026-11-04T10:00:00Z', 700, 1400),
          read('2026-11-03T10:00:00Z', 200, 1000),
          read('2026-11-02T10:00:00Z', 1500, 1000),
          read('2026-11-01T10:00:00Z', 1000, 600),
        ]),
      },
    },
  }),
  DeviceMeterReadBefore: () => ({
    data: {
      device: { __typename: 'Device', id: 'device-1', meterReads: connection('MeterRead', []) },
    },
  }),
  DeviceCounterDrops: () => ({
    data: {
      meterDiscontinuities: connection('MeterDiscontinuity', [
        {
          id: 'drop-1',
          counter: 'total',
          status: 'OPEN',
          beforeValue: 1500,
          afterValue: 200,
          offset: null,
          afterReadAt: '2026-11-03T10:00:00Z',
        },
      ]),
    },
  }),
};

describe('CounterHistory', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-05T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('charts one counter at a time, by name, and all of them on request', async () => {
    renderWithCentral(<CounterHistory deviceId="device-1" />, handlers);
    const counter = await screen.findByLabelText<HTMLSelectElement>('Counter');
    expect(counter.value).toBe('total');
    expect([...counter.options].map((option) => option.text)).toEqual([
      'Total',
      'Mono',
      'All (one axis)',
    ]);
    await waitFor(() => expect(document.querySelectorAll('.recharts-line').length).toBe(1));
    fireEvent.change(counter, { target: { value: '*' } });
    await waitFor(() => expect(document.querySelectorAll('.recharts-line').length).toBe(2));
  });

  it('shows pages per day, withholding the day of an unreviewed counter drop', async () => {
    const { requests } = renderWithCentral(<CounterHistory deviceId="device-1" />, handlers);
    fireEvent.click(await screen.findByLabelText('Pages per day'));
    const table = await screen.findByRole('table', { name: 'Pages per day' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    // Newest first; mono has no drop, so only the total of the 3rd is withheld.
    expect(rows).toEqual([
      ['500', '400'],
      ['withheld', '0'],
      ['500', '400'],
      ['0*', '0*'],
    ]);
    expect(screen.getByText(/1 day is withheld/)).toBeTruthy();
    expect(requests.find((r) => r.operation === 'DeviceCounterDrops')?.variables).toMatchObject({
      deviceId: 'device-1',
    });
  });

  it('starts the first day of the period from the read before it', async () => {
    const { requests } = renderWithCentral(<CounterHistory deviceId="device-1" />, {
      ...handlers,
      DeviceMeterReadBefore: () => ({
        data: {
          device: {
            __typename: 'Device',
            id: 'device-1',
            meterReads: connection('MeterRead', [read('2026-10-25T10:00:00Z', 900, 500)]),
          },
        },
      }),
    });
    fireEvent.change(await screen.findByLabelText('Period'), { target: { value: '7' } });
    fireEvent.click(screen.getByLabelText('Pages per day'));
    const table = await screen.findByRole('table', { name: 'Pages per day' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ['500', '400'],
      ['withheld', '0'],
      ['500', '400'],
      ['100', '100'],
      ['0', '0'],
      ['0', '0'],
      ['0', '0'],
    ]);
    expect(requests.find((r) => r.operation === 'DeviceMeterReadBefore')?.variables['to']).toBe(
      '2026-10-29T12:00:00.000Z',
    );
  });
});
