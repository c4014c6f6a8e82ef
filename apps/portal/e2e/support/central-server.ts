import { startTestApp } from '../../../central/src/platform/graphql/test-support/test-app.js';

export type RunningCentral = {
  baseUrl: string;
  operator: { email: string; password: string };
  close: () => Promise<void>;
};

/**
 * The real central, booted the way central's own integration tests boot it (loopback,
 * ephemeral port, the run's embedded PostgreSQL, a fresh platform operator), serving the portal
 * build the way production does.
 */
export async function startCentral({
  portalDist,
}: {
  portalDist: string;
}): Promise<RunningCentral> {
  const central = await startTestApp({ PORTAL_DIST: portalDist });
  return { baseUrl: central.baseUrl, operator: central.operator, close: () => central.close() };
}
