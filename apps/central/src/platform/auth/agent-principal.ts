import type { X509Certificate } from 'node:crypto';
import { tenantContext } from '../tenancy/tenant-context.js';

/** An agent whose client certificate passed every check of this request. */
export type AgentPrincipal = {
  agentId: string;
  tenantId: string;
  customerId: string;
  siteId: string;
  /** The certificate of this connection (or forwarded by a trusted proxy): verifies upload signatures. */
  certificate: X509Certificate;
  serial: string;
  fingerprint: string;
  sourceAddress: string;
};

/** Runs `fn` as the agent: TenantPrisma and the audit writer see its tenant, customer and id. */
export function runAsAgent<T>(agent: AgentPrincipal, fn: () => T): T {
  return tenantContext.run(
    {
      tenantId: agent.tenantId,
      customerId: agent.customerId,
      actor: { kind: 'agent', agentId: agent.agentId },
    },
    fn,
  );
}
