import { Page, PendingApi } from '../../shared/page';

export function FleetPage() {
  return (
    <Page title="Fleet">
      <PendingApi
        what="The fleet table"
        waitsFor="the devices connection (with supplies, counters, status and filters)"
      />
    </Page>
  );
}
