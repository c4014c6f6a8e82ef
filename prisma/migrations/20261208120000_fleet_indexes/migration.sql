-- Fleet page: exact IP search, the silence filter and sort, the default first-seen order.
CREATE INDEX "devices_tenant_id_ip_address_idx" ON "devices"("tenant_id", "ip_address");
CREATE INDEX "devices_tenant_id_last_seen_at_idx" ON "devices"("tenant_id", "last_seen_at");
CREATE INDEX "devices_tenant_id_created_at_id_idx" ON "devices"("tenant_id", "created_at", "id");
