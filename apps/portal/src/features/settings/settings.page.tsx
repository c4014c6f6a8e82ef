import { Page } from '../../shared/page';
import { TenantMasking } from '../masking/tenant-masking';

/** Dealer-wide settings: for now, what agents mask before anything leaves a site. */
export function SettingsPage() {
  return (
    <Page title="Settings">
      <h2>Privacy masking</h2>
      <p className="lead">
        What every agent does with identifying values before an upload leaves the customer&apos;s
        site. A customer can make it stricter on its own page.
      </p>
      <TenantMasking />
    </Page>
  );
}
