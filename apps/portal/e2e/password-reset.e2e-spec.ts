import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signIn } from './support/browser.js';
import { BOOT_TIMEOUT_MS, journeySuite } from './support/journey.js';
import { createDealer } from '../../central/src/platform/graphql/test-support/scenario.js';
import { TEST_PASSWORD } from '../../central/src/platform/graphql/test-support/test-app.js';
import {
  startSmtpSinkProcess,
  type SmtpSinkProcess,
} from '../../../tools/testing/smtp-sink-process.js';

/**
 * "Forgot password" end to end: real headless Chromium, a real central serving the built
 * portal, and a real SMTP server process on loopback that receives the reset e-mail.
 */
/** Links in e-mails start with PUBLIC_URL; the journey opens their path on the test's central. */
const PUBLIC_URL = 'https://portal.printbeat.e2e.test';
const NEW_PASSWORD = 'my brand new passphrase';
const JOURNEY_TIMEOUT_MS = 90_000;

describe('password reset journey', () => {
  let sink: SmtpSinkProcess;
  beforeAll(async () => {
    sink = await startSmtpSinkProcess();
  }, BOOT_TIMEOUT_MS);
  const journey = journeySuite(() => ({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.smtpPort),
    PUBLIC_URL,
  }));
  afterAll(async () => {
    await sink?.stop();
  }, BOOT_TIMEOUT_MS);

  it(
    'asks for a link on the sign-in page, follows it from the e-mail, and signs in with the new password',
    async () => {
      const { page, screenshot } = journey.browser;
      const dealer = await createDealer(
        journey.central.channel.t.client,
        journey.central.channel.operatorToken,
        'e2e-reset',
      );

      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in to Printbeat' }).waitFor();
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
      await page.getByLabel('Email').fill(dealer.adminEmail);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await page.getByRole('status').filter({ hasText: 'is on its way' }).waitFor();
      await screenshot('reset-01-requested');

      const mail = await sink.waitForMessage(
        (message) =>
          message.to.includes(dealer.adminEmail) &&
          message.subject === 'Reset your Printbeat password',
        30_000,
      );
      const link = /https:\/\/\S+\/reset-password#token=\S+/.exec(mail.text ?? '')?.[0];
      expect(link?.startsWith(`${PUBLIC_URL}/reset-password#token=pbl_`)).toBe(true);
      const { pathname, hash } = new URL(link ?? '');

      await page.goto(`${pathname}${hash}`);
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
      await screenshot('reset-02-changed');

      // The link worked once: opened again (a fresh page load), it is refused.
      await page.goto('/');
      await page.goto(`${pathname}${hash}`);
      await page.getByLabel('New password', { exact: true }).fill('yet another passphrase');
      await page.getByLabel('Repeat the new password').fill('yet another passphrase');
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.getByText('This link is not valid').waitFor();

      await page.goto('/');
      await page.getByLabel('Email').fill(dealer.adminEmail);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();

      await signIn(page, dealer.adminEmail, NEW_PASSWORD);
      await screenshot('reset-03-signed-in');
    },
    JOURNEY_TIMEOUT_MS,
  );
});
