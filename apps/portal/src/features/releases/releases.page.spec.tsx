import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { connection, renderWithCentral } from '../../test-support/fake-central';
import { TargetForm } from './releases.page';

const release = {
  __typename: 'AgentRelease' as const,
  id: 'r1',
  version: '1.1.0',
  platform: 'linux-x64',
  channel: 'STABLE' as const,
  sha256: 'a'.repeat(64),
  size: 1000,
  createdAt: '2026-12-07T10:00:00Z',
};

describe('update target form', () => {
  it('sets a 50 % staged rollout of a published release for the whole tenant', async () => {
    const { requests } = renderWithCentral(<TargetForm releases={[release]} onSaved={() => {}} />, {
      SetAgentUpdateTarget: (variables) => ({
        data: {
          setAgentUpdateTarget: {
            __typename: 'AgentUpdateTarget',
            id: 't1',
            customerId: null,
            agentId: null,
            updatedAt: '2026-12-07T10:00:00Z',
            ...(variables['input'] as object),
          },
        },
      }),
    });
    fireEvent.change(await screen.findByLabelText('Release'), { target: { value: '1.1.0' } });
    fireEvent.change(screen.getByLabelText('Staged rollout (% of agents now)'), {
      target: { value: '50' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Set target' }));
    await screen.findByText('Target saved.');
    expect(requests.map((r) => r.variables)).toEqual([
      { input: { channel: 'STABLE', version: '1.1.0', rolloutPercent: 50, allowDowngrade: false } },
    ]);
  });

  it('says why it cannot be saved for named agents none of which is chosen', async () => {
    renderWithCentral(<TargetForm releases={[release]} onSaved={() => {}} />, {
      CustomerPickerOptions: () => ({ data: { customers: connection('Customer', []) } }),
      AgentOptions: () => ({
        data: {
          agents: connection('Agent', [
            { id: 'a1', name: 'Print server', hostname: null, version: '1.0.0', status: 'ACTIVE' },
          ]),
        },
      }),
    });
    fireEvent.click(await screen.findByLabelText('Named agents first'));
    const button = screen.getByRole('button', { name: 'Set target' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Choose at least one agent.')).toBeTruthy();
    fireEvent.click(await screen.findByLabelText(/Print server/));
    expect(button.hasAttribute('disabled')).toBe(false);
  });
});
