import { Page, PendingApi } from '../../shared/page';

export function DevicePage() {
  return (
    <Page title="Device">
      <PendingApi what="The device page" waitsFor="device, meter reads and supplies history" />
    </Page>
  );
}
