import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { openBrowser, type BrowserSession } from './browser.js';
import { startCentral, type RunningCentral } from './central-server.js';

/** The built portal central serves in the journeys (`npm test` builds it before jest runs). */
export const PORTAL_DIST = resolve(import.meta.dirname, '../../dist');
// Timeouts are passed explicitly: jest's testTimeout is a global option, not a per-project one.
export const BOOT_TIMEOUT_MS = 120_000;

export type Journey = { central: RunningCentral; browser: BrowserSession };

/**
 * A journey suite's real central (serving the built portal, with `env()` as further
 * configuration) and headless Chromium on it: started before the suite's tests, closed after.
 * The returned object is filled in when the tests run.
 */
export function journeySuite(env: () => Record<string, string> = () => ({})): Journey {
  const journey = {} as Journey;
  beforeAll(async () => {
    if (!existsSync(resolve(PORTAL_DIST, 'index.html'))) {
      throw new Error('apps/portal/dist is missing: build the portal first (npm test does)');
    }
    journey.central = await startCentral({ portalDist: PORTAL_DIST, env: env() });
    journey.browser = await openBrowser(journey.central.baseUrl);
  }, BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await journey.browser?.close();
    await journey.central?.close();
  }, BOOT_TIMEOUT_MS);
  return journey;
}
