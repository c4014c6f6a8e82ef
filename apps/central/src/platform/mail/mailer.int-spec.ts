import { loadConfig } from '../../config/config.js';
import {
  startSmtpSinkProcess,
  type SmtpSinkProcess,
} from '../../../../../tools/testing/smtp-sink-process.js';
import { MailDeliveryError, MailNotConfiguredError, Mailer } from './mailer.js';

function mailerFor(env: Record<string, string>): Mailer {
  return new Mailer(
    loadConfig({ env: { NODE_ENV: 'test', DATA_DIR: '/tmp/mailer-spec', ...env } }),
  );
}

describe('Mailer (nodemailer against a real SMTP server process on loopback)', () => {
  let sink: SmtpSinkProcess;
  beforeAll(async () => {
    sink = await startSmtpSinkProcess({ user: 'relay', password: 'relay-secret' });
  });
  afterAll(async () => {
    await sink.stop();
  });

  it('sends plain text, HTML and an attachment, authenticated, from the configured sender', async () => {
    const mailer = mailerFor({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      SMTP_USER: 'relay',
      SMTP_PASSWORD: 'relay-secret',
      SMTP_FROM: 'Printbeat Alerts <alerts@dealer.test>',
      PUBLIC_URL: 'https://portal.dealer.test/',
    });
    try {
      expect(mailer.configured).toBe(true);
      const link = mailer.linkTo('/devices/d1');
      expect(link).toBe('https://portal.dealer.test/devices/d1');
      const sent = await mailer.send({
        to: ['tech@customer.test'],
        subject: 'Paper jam on Kyocera ECOSYS M3655idn',
        text: `Open the device: ${link}`,
        html: `<p>Open <a href="${link}">the device</a></p>`,
        attachments: [{ filename: 'usage.csv', content: 'a,b\n1,2\n', contentType: 'text/csv' }],
      });
      expect(sent.accepted).toEqual(['tech@customer.test']);

      const received = await sink.waitForMessage(
        (m) => m.subject?.startsWith('Paper jam') ?? false,
      );
      expect(received.from).toBe('alerts@dealer.test');
      expect(received.to).toEqual(['tech@customer.test']);
      expect(received.text).toContain(link);
      expect(received.html).toContain('<a href="https://portal.dealer.test/devices/d1">');
      expect(received.attachments).toEqual([
        expect.objectContaining({ filename: 'usage.csv', contentType: 'text/csv' }),
      ]);
      expect(Buffer.from(received.attachments[0]!.contentBase64, 'base64').toString()).toBe(
        'a,b\n1,2\n',
      );
    } finally {
      await mailer.beforeApplicationShutdown();
    }
  });

  it('reports a refused login as a permanent failure', async () => {
    const mailer = mailerFor({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      SMTP_USER: 'relay',
      SMTP_PASSWORD: 'wrong',
    });
    try {
      const error = await mailer
        .send({ to: ['a@b.test'], subject: 's', text: 't' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect((error as MailDeliveryError).permanent).toBe(true);
      expect((error as MailDeliveryError).responseCode).toBe(535);
    } finally {
      await mailer.beforeApplicationShutdown();
    }
  });

  it('reports an unreachable server as a failure worth retrying', async () => {
    const stopped = await startSmtpSinkProcess();
    const port = stopped.smtpPort;
    await stopped.stop();
    const mailer = mailerFor({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) });
    try {
      const error = await mailer
        .send({ to: ['a@b.test'], subject: 's', text: 't' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect((error as MailDeliveryError).permanent).toBe(false);
    } finally {
      await mailer.beforeApplicationShutdown();
    }
  });

  it('sends nothing when SMTP is not configured, and says so', async () => {
    const mailer = mailerFor({});
    expect(mailer.configured).toBe(false);
    await expect(mailer.send({ to: ['a@b.test'], subject: 's', text: 't' })).rejects.toThrow(
      MailNotConfiguredError,
    );
  });
});
