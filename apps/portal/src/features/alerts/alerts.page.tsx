import { Page, PendingApi } from '../../shared/page';

export function AlertsPage() {
  return (
    <Page title="Alerts">
      <PendingApi what="The alert list" waitsFor="the alerts connection" />
    </Page>
  );
}
