import { useCurrentUser } from '../../app/auth/auth-provider';
import { can } from '../../app/navigation';
import { Page } from '../../shared/page';
import { TenantMasking } from '../masking/tenant-masking';
import { RetentionSettings } from '../retention/retention-settings';

/** Dealer-wide settings: what agents mask, and how long central keeps the data. */
export function SettingsPage() {
  const { role } = useCurrentUser();
  return (
    <Page title="Settings">
      <h2>Privacy masking</h2>
      <p className="lead">
        What every agent does with identifying values before an upload leaves the customer&apos;s
        site. A customer can make it stricter on its own page.
      </p>
      <TenantMasking />
      <h2>Data retention</h2>
      <p className="lead">
        How long central keeps each kind of data for all your customers before a nightly job deletes
        it.
      </p>
      <RetentionSettings canChange={can(role, 'manageRetention')} />
    </Page>
  );
}
