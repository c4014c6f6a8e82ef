import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../graphql/test-support/test-app.js';

describe('serving the portal build', () => {
  let t: TestApp;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'pb-portal-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Printbeat portal</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("portal")');
    t = await startTestApp({ PORTAL_DIST: dist });
  }, 120_000);
  afterAll(() => t?.close());

  it('serves static files, falls back to index.html for client routes, and leaves API paths alone', async () => {
    const asset = await fetch(`${t.baseUrl}/assets/app.js`);
    expect(await asset.text()).toBe('console.log("portal")');

    for (const route of ['/', '/customers/123', '/sign-in']) {
      const page = await fetch(`${t.baseUrl}${route}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Printbeat portal</title>');
    }

    expect(
      await (await fetch(`${t.baseUrl}/health`, { headers: { accept: 'text/html' } })).json(),
    ).toEqual({ status: 'ok' });
    const api = await fetch(`${t.baseUrl}/api/unknown`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    const agent = await fetch(`${t.baseUrl}/agent/v1/nothing`, {
      headers: { accept: 'text/html' },
    });
    expect(await agent.text()).not.toContain('Printbeat portal');
    const graphql = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
    const missingAsset = await fetch(`${t.baseUrl}/assets/missing.js`, {
      headers: { accept: '*/*' },
    });
    expect(missingAsset.status).toBe(404);
  }, 60_000);
});
