import { Page, PendingApi } from '../../shared/page';

export function WebhooksPage() {
  return (
    <Page title="Webhooks">
      <PendingApi
        what="Webhook endpoints and deliveries"
        waitsFor="webhookEndpoints and their deliveries"
      />
    </Page>
  );
}
