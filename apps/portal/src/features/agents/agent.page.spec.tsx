import { fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { connection, renderWithCentral } from '../../test-support/fake-central';
import { AgentPage } from './agent.page';

const agent = {
  __typename: 'Agent',
  id: 'a1',
  customerId: 'c1',
  siteId: 's1',
  name: 'Print server',
  hostname: 'ps1',
  os: 'linux',
  status: 'ACTIVE',
  lockDown: false,
  version: '1.0.0',
  enrolledAt: '2026-12-01T10:00:00Z',
  lastContactAt: '2026-12-07T10:00:00Z',
  lastUploadAt: '2026-12-07T10:00:00Z',
  clockOffsetSeconds: 0,
  clockSkewed: false,
  certificateExpiresAt: '2027-12-01T10:00:00Z',
  factsAt: null,
  facts: null,
  update: {
    __typename: 'AgentUpdateStatus',
    targetVersion: '1.1.0',
    offered: false,
    downgrade: false,
    reason: 'staged rollout of 1.1.0 at 50%: this agent (bucket 73) is not in it yet',
    lastReport: {
      __typename: 'AgentUpdateReport',
      id: 'r1',
      outcome: 'ROLLED_BACK',
      fromVersion: '1.0.0',
      toVersion: '1.1.0',
      code: 'CRASHED',
      reason: 'the new version crashed 3 times',
      at: '2026-12-07T09:00:00Z',
    },
  },
};

describe('agent page', () => {
  it('shows version, target, last report and health alerts in words', async () => {
    renderWithCentral(
      <Routes>
        <Route path="/agents/:agentId" element={<AgentPage />} />
      </Routes>,
      {
        Agent: () => ({ data: { agent } }),
        CustomerName: () => ({
          data: { customer: { __typename: 'Customer', id: 'c1', name: 'Acme' } },
        }),
        SiteName: () => ({ data: { site: { __typename: 'Site', id: 's1', name: 'HQ' } } }),
        AgentUpdateReports: () => ({ data: { agentUpdateReports: [agent.update.lastReport] } }),
        AgentFactsHistory: (variables) => {
          const hours = (variables as { hours: number }).hours;
          const snapshot = (at: string, diskFreeBytes: number, spoolPendingFiles: number) => ({
            __typename: 'AgentFactsSnapshot',
            at,
            facts: {
              __typename: 'AgentFacts',
              diskFreeBytes,
              memoryFreeBytes: 2_000_000_000,
              memoryTotalBytes: 8_000_000_000,
              spoolPendingFiles,
              spoolOldestPendingSeconds: spoolPendingFiles ? 7_200 : null,
              collectionPrinters: 9,
              collectionAnswered: 8,
            },
          });
          const day = [
            snapshot('2026-12-07T08:00:00Z', 900_000_000, 0),
            snapshot('2026-12-07T09:45:00Z', 100_000_000, 3),
          ];
          const week = [snapshot('2026-12-02T08:00:00Z', 20_000_000_000, 0), ...day];
          return {
            data: {
              agent: { __typename: 'Agent', id: 'a1', factsHistory: hours === 168 ? week : day },
            },
          };
        },
        AgentAlerts: (variables) => {
          expect(variables).toEqual({ agentId: 'a1', open: true });
          return {
            data: {
              alerts: connection('Alert', [
                {
                  id: 'al1',
                  code: 'AGENT_DISK_LOW',
                  severity: 'WARNING',
                  source: 'AGENT_HEALTH',
                  message:
                    'Disk almost full: 100 MiB free where the agent keeps its data (below 500 MiB)',
                  openedAt: '2026-12-07T08:00:00Z',
                  lastSeenAt: '2026-12-07T10:00:00Z',
                  closedAt: null,
                },
              ]),
            },
          };
        },
      },
      '/agents/a1',
    );
    expect(await screen.findByRole('heading', { name: 'Agent Print server' })).toBeTruthy();
    expect(
      screen.getByText(/Target 1\.1\.0: not offered — staged rollout of 1\.1\.0 at 50%/),
    ).toBeTruthy();
    expect(
      screen.getAllByText('Rolled back from 1.1.0 to 1.0.0: the new version crashed 3 times'),
    ).toHaveLength(2);
    const health = await screen.findByRole('table', { name: 'Open agent alerts' });
    expect(within(health).getByText('Agent disk almost full')).toBeTruthy();
    expect(health.textContent).not.toContain('AGENT_DISK_LOW');

    // The kept facts, newest first: the disk filling up shows row by row.
    const history = await screen.findByRole('table', { name: 'Facts over time' });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(
        /100 MB free.*2 GB of 8 GB free.*3 waiting, oldest 2 h.*8 of 9 answered/,
      ),
      expect.stringMatching(/900 MB free.*empty/),
    ]);
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: '168' } });
    await within(history).findByText('20 GB free');
    expect(within(history).getAllByRole('row')).toHaveLength(4);
  });
});
