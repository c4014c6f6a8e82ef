import { Page, PendingApi } from '../../shared/page';

export function SuppliesPage() {
  return (
    <Page title="Supplies">
      <PendingApi
        what="Replenishment rules and supply orders"
        waitsFor="replenishmentRules and supplyOrders"
      />
    </Page>
  );
}
