import { Page, PendingApi } from '../../shared/page';

export function BillingPage() {
  return (
    <Page title="Billing">
      <PendingApi what="Usage and CSV export" waitsFor="the usage query" />
    </Page>
  );
}
