import { Page, PendingApi } from '../../shared/page';

export function AgentsPage() {
  return (
    <Page title="Agents">
      <PendingApi
        what="Agents and registration keys"
        waitsFor="the agents and registrationKeys API"
      />
    </Page>
  );
}
