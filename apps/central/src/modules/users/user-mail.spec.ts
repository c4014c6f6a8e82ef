import { emailChangedMail, linkMail } from './user-mail.js';

describe('user e-mails', () => {
  const facts = {
    link: 'https://portal.test/reset-password#token=pbl_x',
    userName: 'Dana <script>',
    dealerName: 'Acme & Sons',
    expiresAt: new Date('2026-12-08T10:30:00Z'),
  };

  it('carries the link, its expiry and the dealer in text and HTML, escaping names in HTML', () => {
    const mail = linkMail({ ...facts, purpose: 'PASSWORD_RESET' });
    expect(mail.subject).toBe('Reset your Printbeat password');
    expect(mail.text).toContain(`Choose a new password: ${facts.link}`);
    expect(mail.text).toContain('until 2026-12-08 10:30 UTC');
    expect(mail.text).toContain('Acme & Sons');
    expect(mail.html).toContain(`<a href="${facts.link}">Choose a new password</a>`);
    expect(mail.html).toContain('Dana &lt;script&gt;');
    expect(mail.html).toContain('Acme &amp; Sons');
    expect(mail.html).not.toContain('<script>');
  });

  it('words each kind of link for what it does', () => {
    expect(linkMail({ ...facts, purpose: 'INVITATION' }).subject).toBe(
      'You are invited to Printbeat (Acme & Sons)',
    );
    expect(linkMail({ ...facts, purpose: 'EMAIL_CHANGE' }).text).toContain(
      'Confirm this address: ',
    );
  });

  it('tells the old address which address the account uses now', () => {
    const mail = emailChangedMail({ userName: 'Dana', dealerName: 'Acme', newEmail: 'd@new.test' });
    expect(mail.text).toContain('is now d@new.test');
    expect(mail.text).toContain('contact your administrator');
  });
});
