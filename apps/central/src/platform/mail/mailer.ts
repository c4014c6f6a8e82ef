import { readFileSync } from 'node:fs';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig, SmtpConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';

export type MailAttachment = {
  filename: string;
  content: string | Buffer;
  contentType: string;
};

/** One message: always a plain-text part; HTML when the sender has one. */
export type OutgoingMail = {
  to: readonly string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: readonly MailAttachment[];
  /** Extra headers, e.g. `List-Unsubscribe` or a correlation id. */
  headers?: Readonly<Record<string, string>>;
};

export type SentMail = { messageId: string; accepted: string[]; rejected: string[] };

/**
 * Why a message did not go. `permanent`: retrying will not help (the server refused the sender,
 * the recipients or the message with a 5xx); otherwise the server could not be reached or said
 * "try later" (4xx), and the job queue retries.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super('SMTP is not configured (set SMTP_HOST): no e-mail is sent');
    this.name = 'MailNotConfiguredError';
  }
}

const CONNECTION_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * Outgoing e-mail over SMTP (nodemailer), from `SMTP_*` config. One pooled transport per
 * process; callers send through the job queue so a slow or absent server never holds a request.
 */
@Injectable()
export class Mailer implements BeforeApplicationShutdown {
  private transport: Transporter | null = null;
  private readonly smtp: SmtpConfig | null;
  private readonly publicUrl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.smtp = config.smtp;
    this.publicUrl = config.publicUrl;
  }

  /** False when SMTP is not configured: nothing is sent, and the portal says so. */
  get configured(): boolean {
    return this.smtp !== null;
  }

  /** The sender shown on every message. */
  get from(): string | null {
    return this.smtp?.from ?? null;
  }

  /** An absolute link to a portal page, e.g. `linkTo('/devices/abc')`. */
  linkTo(path: string): string {
    return `${this.publicUrl}${path.startsWith('/') ? path : `/${path}`}`;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const smtp = this.smtp;
    if (smtp === null) throw new MailNotConfiguredError();
    if (mail.to.length === 0)
      throw new MailDeliveryError('The message has no recipient', true, null);
    try {
      const info = (await this.transportFor(smtp).sendMail({
        from: smtp.from,
        to: [...mail.to],
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === undefined ? {} : { html: mail.html }),
        ...(mail.attachments === undefined
          ? {}
          : { attachments: mail.attachments.map((attachment) => ({ ...attachment })) }),
        ...(mail.headers === undefined ? {} : { headers: { ...mail.headers } }),
      })) as { messageId: string; accepted: unknown[]; rejected: unknown[] };
      return {
        messageId: info.messageId,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
      };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.transport?.close();
    this.transport = null;
    await Promise.resolve();
  }

  private transportFor(smtp: SmtpConfig): Transporter {
    this.transport ??= createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: smtp.requireTls,
      ...(smtp.auth === null
        ? {}
        : { auth: { user: smtp.auth.user, pass: smtp.auth.password.reveal() } }),
      ...(smtp.tlsCaFile === null ? {} : { tls: { ca: readFileSync(smtp.tlsCaFile) } }),
      pool: true,
      maxConnections: 2,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: CONNECTION_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
    });
    return this.transport;
  }
}

export function toDeliveryError(error: unknown): MailDeliveryError {
  const details = error as { message?: string; responseCode?: number; response?: string };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : null;
  const message = details.response ?? details.message ?? String(error);
  return new MailDeliveryError(
    `SMTP delivery failed: ${message}`,
    responseCode !== null && responseCode >= 500,
    responseCode,
  );
}
