import type { UserLinkPurpose } from '@prisma/client';
import type { JobRetry } from '../../platform/jobs/job-queue.js';

/** How long each kind of e-mailed link works, counted from the request. */
export const LINK_LIFETIME_MS: Readonly<Record<UserLinkPurpose, number>> = {
  PASSWORD_RESET: 30 * 60_000,
  INVITATION: 7 * 24 * 60 * 60_000,
  EMAIL_CHANGE: 24 * 60 * 60_000,
};

/** The portal page each link opens; the token travels in the fragment, never to a server log. */
export const LINK_PATH: Readonly<Record<UserLinkPurpose, string>> = {
  PASSWORD_RESET: '/reset-password',
  INVITATION: '/invitation',
  EMAIL_CHANGE: '/confirm-email',
};

export const USER_MAIL_JOB = 'users.mail';
export const USER_MAIL_SWEEP_JOB = 'users.mail-sweep';

/** An SMTP server that is down or says "try later" gets about an hour of retries. */
export const USER_MAIL_RETRY: JobRetry = { retryLimit: 6, retryDelaySeconds: 30, backoff: true };

export type UserMailJobData =
  | { tenantId: string; kind: 'link'; linkId: string }
  | { tenantId: string; kind: 'emailChanged'; userId: string; oldEmail: string };

const TOKEN_PATTERN = /^pbl_[A-Za-z0-9_-]{43}$/;

export function looksLikeLinkToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
