import {
  renderDigestMail,
  renderEventMail,
  toLocale,
  type EventView,
} from './message-catalogue.js';

const view = (over: Partial<EventView> = {}): EventView => ({
  type: 'alert.opened',
  title: 'Paper jam',
  severity: 'CRITICAL',
  subject: 'Kyocera <ECOSYS> (SN K1)',
  customerName: 'Acme',
  siteName: 'HQ',
  occurredAt: '2026-01-11T12:00:00.000Z',
  timeZone: 'Europe/Berlin',
  link: 'https://portal.test/devices/d1',
  ...over,
});

describe('notification message catalogue', () => {
  it('renders an alert in English, text and escaped HTML, with the portal link and local time', () => {
    const mail = renderEventMail('en', view(), 'Jams');
    expect(mail.subject).toBe('Alert: Paper jam on Kyocera <ECOSYS> (SN K1)');
    expect(mail.text).toContain('Open in Printbeat: https://portal.test/devices/d1');
    expect(mail.text).toContain('Customer: Acme');
    expect(mail.text).toContain('1:00 PM (Europe/Berlin)');
    expect(mail.html).toContain('Kyocera &lt;ECOSYS&gt;');
    expect(mail.html).toContain('<a href="https://portal.test/devices/d1">');
    expect(mail.text).toContain('"Jams"');
  });

  it('renders German when asked, English for an unknown locale', () => {
    expect(renderEventMail('de', view({ type: 'alert.closed' }), 'x').subject).toBe(
      'Behoben: Paper jam an Kyocera <ECOSYS> (SN K1)',
    );
    expect(toLocale('fr')).toBe('en');
    expect(toLocale('de')).toBe('de');
  });

  it('gathers a digest into one message listing every event', () => {
    const mail = renderDigestMail(
      'en',
      [view(), view({ type: 'alert.closed', link: 'https://portal.test/devices/d2' })],
      'Daily',
    );
    expect(mail.subject).toBe('Printbeat daily digest: 2 events');
    expect(mail.text).toContain('- Alert: Paper jam');
    expect(mail.text).toContain('- Cleared: Paper jam');
    expect(mail.text).toContain('https://portal.test/devices/d2');
  });
});
