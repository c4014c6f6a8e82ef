import {
  startChannel,
  type Channel,
} from '../../../central/src/gateway/test-support/agent-channel.js';

export type RunningCentral = {
  baseUrl: string;
  operator: { email: string; password: string };
  /** Central's agent gateway (mTLS), for the steps an on-site agent plays in a journey. */
  channel: Channel;
  close: () => Promise<void>;
};

/**
 * The real central — web port and agent gateway — booted the way central's own integration
 * tests boot it (loopback, ephemeral ports, the run's embedded PostgreSQL, a fresh platform
 * operator), serving the portal build the way production does.
 */
export async function startCentral({
  portalDist,
  env = {},
}: {
  portalDist: string;
  /** Further central configuration, e.g. `SMTP_*` for a journey that reads its e-mail. */
  env?: Record<string, string>;
}): Promise<RunningCentral> {
  const channel = await startChannel({ ...env, PORTAL_DIST: portalDist });
  return {
    baseUrl: channel.t.baseUrl,
    operator: channel.t.operator,
    channel,
    close: () => channel.t.close(),
  };
}
