import type { UserLinkPurpose } from '@prisma/client';

export type MailContent = { subject: string; text: string; html: string };

export type LinkMailFacts = {
  purpose: UserLinkPurpose;
  link: string;
  userName: string;
  dealerName: string;
  expiresAt: Date;
};

/** The message carrying a single-use link, in plain text and HTML. */
export function linkMail(facts: LinkMailFacts): MailContent {
  const until = `${facts.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const { subject, lead, action, otherwise } = wording(facts.purpose, facts.dealerName);
  const text = [
    `Hello ${facts.userName},`,
    '',
    lead,
    '',
    `${action}: ${facts.link}`,
    '',
    `The link works once, until ${until}.`,
    otherwise,
  ].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(facts.userName)},</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    `<p><a href="${escapeHtml(facts.link)}">${escapeHtml(action)}</a></p>`,
    `<p>The link works once, until ${until}. ${escapeHtml(otherwise)}</p>`,
  ].join('\n');
  return { subject, text, html };
}

/** To the old address once an e-mail change took effect. */
export function emailChangedMail(facts: {
  userName: string;
  dealerName: string;
  newEmail: string;
}): MailContent {
  const lead = `The e-mail address of your Printbeat account at ${facts.dealerName} is now ${facts.newEmail}. Messages for the account no longer come to this address.`;
  const otherwise = 'If you did not make this change, contact your administrator at once.';
  return {
    subject: 'Your Printbeat e-mail address was changed',
    text: [`Hello ${facts.userName},`, '', lead, '', otherwise].join('\n'),
    html: [
      `<p>Hello ${escapeHtml(facts.userName)},</p>`,
      `<p>${escapeHtml(lead)}</p>`,
      `<p>${escapeHtml(otherwise)}</p>`,
    ].join('\n'),
  };
}

function wording(purpose: UserLinkPurpose, dealerName: string) {
  switch (purpose) {
    case 'PASSWORD_RESET':
      return {
        subject: 'Reset your Printbeat password',
        lead: `Someone asked to reset the password of your Printbeat account at ${dealerName}.`,
        action: 'Choose a new password',
        otherwise: 'If it was not you, ignore this message: your password stays as it is.',
      };
    case 'INVITATION':
      return {
        subject: `You are invited to Printbeat (${dealerName})`,
        lead: `An administrator of ${dealerName} created a Printbeat account for you.`,
        action: 'Choose your password',
        otherwise: 'If you did not expect this, ignore this message.',
      };
    case 'EMAIL_CHANGE':
      return {
        subject: 'Confirm your new Printbeat e-mail address',
        lead: `Your Printbeat account at ${dealerName} is to use this e-mail address from now on.`,
        action: 'Confirm this address',
        otherwise: 'If you did not ask for this, ignore this message: nothing changes.',
      };
  }
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
