import { useCurrentUser } from '../../app/auth/auth-provider';
import { can } from '../../app/navigation';
import { Page } from '../../shared/page';
import { CommandTable } from './command-table';

export function CommandsPage() {
  const user = useCurrentUser();
  return (
    <Page title="Commands">
      <p className="lead">
        Remote actions queued for agents. Queue a new one from a device&apos;s page; an agent
        collects its commands every few minutes.
      </p>
      <CommandTable deviceId={null} showDevice canCancel={can(user.role, 'queueCommands')} />
    </Page>
  );
}
