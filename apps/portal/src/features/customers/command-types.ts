import type { CustomerQuery } from '../../generated/graphql';

export type CommandType = NonNullable<CustomerQuery['customer']>['allowedCommandTypes'][number];

/** Every remote action, in the order people think of them, with what it does on site. */
export const COMMAND_TYPE_OPTIONS: ReadonlyArray<{
  type: CommandType;
  label: string;
  effect: string;
}> = [
  { type: 'REFRESH_STATUS', label: 'Refresh status', effect: 'reads the printer status again now' },
  { type: 'SEND_METERS', label: 'Send meters now', effect: 'reads and uploads the counters now' },
  {
    type: 'TROUBLESHOOT',
    label: 'Troubleshoot',
    effect: 'checks reachability and reads fresh status',
  },
  { type: 'PRINT_TEST_PAGE', label: 'Print test page', effect: 'prints one page on the printer' },
  { type: 'REBOOT', label: 'Reboot printer', effect: 'restarts the printer' },
  {
    type: 'UPDATE_SETTINGS',
    label: 'Update agent settings',
    effect: 'applies new settings to the agent',
  },
];
