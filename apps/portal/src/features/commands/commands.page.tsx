import { Page, PendingApi } from '../../shared/page';

export function CommandsPage() {
  return (
    <Page title="Commands">
      <PendingApi what="The command queue" waitsFor="the commands connection and queueCommand" />
    </Page>
  );
}
