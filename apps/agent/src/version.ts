/** Reported to central at enrollment and in every upload. Bumped with apps/agent/package.json. */
export const AGENT_VERSION = '0.1.0';
