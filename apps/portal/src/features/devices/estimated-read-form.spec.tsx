import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { EstimatedReadForm, type EstimatedReadDevice } from './estimated-read-form';

const device: EstimatedReadDevice = {
  id: 'device-1',
  retiredAt: null,
  mergedIntoId: null,
  latestMeterRead: { readAt: '2026-01-10T00:00:00.000Z', counters: { mono: 1100, total: 1400 } },
};
const now = () => new Date('2026-02-01T00:00:00.000Z');

/** A stand-in for central: records each estimate, or refuses it with central's sentence. */
function renderForm(subject: EstimatedReadDevice, refuse: string | null = null) {
  const sent: Record<string, unknown>[] = [];
  const link = new ApolloLink((operation) => {
    if (operation.operationName !== 'RecordEstimatedMeterRead')
      return of({ errors: [{ message: `not in this test: ${operation.operationName}` }] });
    sent.push(operation.variables);
    if (refuse)
      return of({ errors: [{ message: refuse, extensions: { code: 'BAD_USER_INPUT' } }] });
    return of({
      data: {
        recordEstimatedMeterRead: [
          {
            __typename: 'MeterReadReview',
            id: 'review-1',
            deviceId: 'device-1',
            customerId: 'customer-1',
            readAt: '2026-01-30T10:00:00.000Z',
            counter: 'total',
            reason: 'ESTIMATED',
            originalValue: 1900,
            previousValue: null,
            alternativeSource: null,
            alternativeValue: null,
            estimateReason: 'panel',
            status: 'PENDING',
            correctedValue: null,
            decisionReason: null,
            reviewedAt: null,
          },
        ],
      },
    });
  });
  render(
    <ApolloProvider client={new ApolloClient({ link, cache: new InMemoryCache() })}>
      <EstimatedReadForm device={subject} now={now} />
    </ApolloProvider>,
  );
  return sent;
}

const open = () => fireEvent.click(screen.getByRole('button', { name: 'Enter an estimated read' }));
const fill = () => {
  fireEvent.change(screen.getByLabelText('Read at'), { target: { value: '2026-01-30T10:00' } });
  fireEvent.change(screen.getByLabelText('Total'), { target: { value: '1900' } });
  fireEvent.change(screen.getByLabelText('Reason'), {
    target: { value: '  customer read the panel ' },
  });
};

describe('EstimatedReadForm', () => {
  it('enters the counters that were filled in, and says where the estimate waits', async () => {
    const sent = renderForm(device);
    open();
    const save = screen.getByRole('button', { name: 'Save estimate' });
    // Nothing is marked before the user typed; the button says what is missing.
    expect(document.querySelector('[aria-invalid]')).toBeNull();
    expect(save).toHaveProperty('disabled', true);
    expect(screen.getByText('Enter when the counters were read.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Read at'), { target: { value: '2026-01-30T10:00' } });
    expect(screen.getByText('Enter at least one counter.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Total'), { target: { value: '19x0' } });
    expect(screen.getByLabelText('Total').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Total: enter a whole number of pages.')).toBeTruthy();
    fill();
    expect(screen.getByLabelText('Total').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByText(/Last read 1,100/)).toBeTruthy();
    expect(save).toHaveProperty('disabled', false);
    fireEvent.click(save);

    await screen.findByText(/Estimate saved\. It waits under Read reviews/);
    expect(sent).toEqual([
      {
        input: {
          deviceId: 'device-1',
          readAt: new Date('2026-01-30T10:00').toISOString(),
          counters: [{ name: 'total', value: 1900 }],
          reason: 'customer read the panel',
        },
      },
    ]);
  });

  it('refuses a time in the future before asking central', () => {
    renderForm(device);
    open();
    fill();
    fireEvent.change(screen.getByLabelText('Read at'), { target: { value: '2026-02-02T00:00' } });
    expect(
      screen.getByText(
        'The read time is in the future; an estimate is for a time that has passed.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save estimate' })).toHaveProperty('disabled', true);
  });

  it("shows central's refusal as its sentence and keeps what was typed", async () => {
    const refusal =
      'The estimated total must be at least 1,400, the counter at 2026-01-10T00:00:00.000Z.';
    renderForm(device, refusal);
    open();
    fill();
    fireEvent.click(screen.getByRole('button', { name: 'Save estimate' }));
    expect((await screen.findByRole('alert')).textContent).toContain(refusal);
    expect(screen.getByLabelText('Total')).toHaveProperty('value', '1900');
  });

  it('says why no estimate can be entered for a retired device', () => {
    renderForm({ ...device, retiredAt: '2026-01-20T00:00:00.000Z' });
    expect(screen.getByRole('button', { name: 'Enter an estimated read' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(screen.getByText('A retired device bills no further reads.')).toBeTruthy();
  });

  it('says why no estimate can be entered for a device never read', () => {
    renderForm({ ...device, latestMeterRead: null });
    expect(
      screen.getByText('The device has no meter read yet, so it has no counters to estimate.'),
    ).toBeTruthy();
  });
});
