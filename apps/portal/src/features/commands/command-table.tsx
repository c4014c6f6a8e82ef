import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import {
  CancelCommandDocument,
  CommandsDocument,
  type CommandRowFragment,
} from '../../generated/graphql';
import { nodesOf } from '../../shared/connection';
import { DataTable, type Column } from '../../shared/data-table';
import { formatDateTime } from '../../shared/format';
import { ErrorState } from '../../shared/states';
import { useCursorPagination } from '../../shared/use-cursor-pagination';
import { COMMAND_TYPE_OPTIONS } from '../customers/command-types';
import { DeviceLink } from '../devices/device-name';

type CommandStatus = CommandRowFragment['status'];

export const COMMAND_STATUSES: readonly CommandStatus[] = [
  'PENDING',
  'DELIVERED',
  'SUCCEEDED',
  'FAILED',
  'EXPIRED',
  'CANCELLED',
];

const STATUS_CLASS: Readonly<Record<CommandStatus, string>> = {
  PENDING: 'badge badge--muted',
  DELIVERED: 'badge',
  SUCCEEDED: 'badge badge--ok',
  FAILED: 'badge badge--danger',
  EXPIRED: 'badge badge--muted',
  CANCELLED: 'badge badge--muted',
};

export function commandLabel(type: CommandRowFragment['type']): string {
  return COMMAND_TYPE_OPTIONS.find((option) => option.type === type)?.label ?? type;
}

/** What the agent reported, short: its message, or whether it refused the action locally. */
export function commandOutcome(
  command: Pick<CommandRowFragment, 'message' | 'result' | 'status'>,
): string {
  const result = command.result as { refused?: unknown } | null;
  if (result && typeof result === 'object' && result.refused === true)
    return 'Refused by the agent’s local settings';
  return command.message ?? '—';
}

/** Commands, live: polls while any shown command is still on its way. */
export function CommandTable({
  deviceId,
  canCancel,
  showDevice,
  refreshKey = 0,
}: {
  deviceId: string | null;
  canCancel: boolean;
  showDevice: boolean;
  refreshKey?: number;
}) {
  const [status, setStatus] = useState<CommandStatus | ''>('');
  const pagination = useCursorPagination(25, `${deviceId ?? ''}|${status}|${refreshKey}`);
  const commands = useQuery(CommandsDocument, {
    variables: { deviceId, status: status === '' ? null : status, ...pagination.variables },
  });
  const rows = nodesOf(commands.data?.commands);
  const inFlight =
    rows?.some((command) => command.status === 'PENDING' || command.status === 'DELIVERED') ??
    false;
  // Follow the state machine without a reload while something is pending.
  const { startPolling, stopPolling } = commands;
  useEffect(() => {
    if (!inFlight) return undefined;
    startPolling(5_000);
    return () => stopPolling();
  }, [inFlight, startPolling, stopPolling]);

  const [cancel, cancelling] = useMutation(CancelCommandDocument);

  const columns: Array<Column<CommandRowFragment>> = [
    { key: 'type', header: 'Action', render: (command) => commandLabel(command.type) },
    ...(showDevice
      ? [
          {
            key: 'device',
            header: 'Device',
            render: (command: CommandRowFragment) =>
              command.deviceId ? <DeviceLink id={command.deviceId} /> : '—',
          },
        ]
      : []),
    {
      key: 'status',
      header: 'State',
      render: (command) => (
        <span className={STATUS_CLASS[command.status]}>{command.status.toLowerCase()}</span>
      ),
    },
    { key: 'outcome', header: 'Result', render: (command) => commandOutcome(command) },
    { key: 'queued', header: 'Queued', render: (command) => formatDateTime(command.createdAt) },
    {
      key: 'delivered',
      header: 'Delivered',
      render: (command) => formatDateTime(command.deliveredAt),
    },
    { key: 'done', header: 'Completed', render: (command) => formatDateTime(command.completedAt) },
  ];
  if (canCancel) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      render: (command) =>
        command.status === 'PENDING' ? (
          <button
            type="button"
            className="button button--quiet"
            disabled={cancelling.loading}
            aria-label={`Cancel ${commandLabel(command.type)}`}
            onClick={() => void cancel({ variables: { id: command.id } }).catch(() => null)}
          >
            Cancel
          </button>
        ) : (
          '—'
        ),
    });
  }

  return (
    <>
      <div className="toolbar">
        <label htmlFor="command-status">State</label>
        <select
          id="command-status"
          value={status}
          onChange={(event) => setStatus(event.target.value as CommandStatus | '')}
        >
          <option value="">All</option>
          {COMMAND_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value.toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      {cancelling.error && <ErrorState error={cancelling.error} />}
      <DataTable
        caption="Commands, newest first"
        rows={rows}
        rowKey={(command) => command.id}
        loading={commands.loading}
        error={commands.error}
        onRetry={() => void commands.refetch()}
        emptyTitle="No commands"
        pagination={pagination}
        pageInfo={commands.data?.commands.pageInfo}
        columns={columns}
      />
    </>
  );
}
