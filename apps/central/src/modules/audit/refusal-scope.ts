/**
 * The tenant a refused agent request belongs to, when the caller is known only by its key or
 * certificate (no agent principal yet): the refusal is audited in that tenant's trail.
 */
export type RefusalScope = {
  tenantId: string;
  customerId: string | null;
  details?: Record<string, string>;
};
