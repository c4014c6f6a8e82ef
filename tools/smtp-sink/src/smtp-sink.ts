import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { renderMailboxPage } from './mailbox-page.js';
import { Mailbox, toReceivedMessage } from './mailbox.js';

export type SmtpSinkOptions = {
  /** A loopback address: the sink never listens beyond this machine. */
  host?: string;
  smtpPort?: number;
  httpPort?: number;
  /** When set, clients must AUTH with these (PLAIN or LOGIN); otherwise AUTH is optional. */
  auth?: { user: string; password: string };
  /** Messages kept; the oldest are dropped past it. */
  capacity?: number;
  /** Largest message accepted (SMTP SIZE); larger ones are refused with 552. */
  maxMessageBytes?: number;
};

export type SmtpSink = {
  host: string;
  smtpPort: number;
  httpPort: number;
  httpUrl: string;
  mailbox: Mailbox;
  close(): Promise<void>;
};

const DEFAULT_CAPACITY = 1_000;
const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export function assertLoopback(host: string): void {
  const loopback =
    host === 'localhost' || (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
  if (!loopback) throw new Error(`the SMTP sink listens on loopback only, not ${host}`);
}

function envelopeAddress(address: SMTPServerAddress | false): string | null {
  return address === false ? null : address.address;
}

/**
 * A development and test mail server: accepts every message over SMTP on loopback, keeps it in
 * memory, and shows it over HTTP — `GET /` (a page, newest first), `GET /messages` (JSON),
 * `GET /messages/:id` and `DELETE /messages`.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  assertLoopback(host);
  const mailbox = new Mailbox(options.capacity ?? DEFAULT_CAPACITY);
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const credentials = options.auth;

  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: credentials === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: credentials === undefined,
    authMethods: ['PLAIN', 'LOGIN'],
    size: maxMessageBytes,
    logger: false,
    onAuth(auth, _session, callback) {
      if (
        credentials &&
        auth.username === credentials.user &&
        auth.password === credentials.password
      ) {
        callback(null, { user: auth.username });
        return;
      }
      callback(new Error('Invalid user name or password'));
    },
    onData(stream, session, callback) {
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      simpleParser(stream)
        .then((parsed) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            const error = Object.assign(new Error(`Message exceeds ${maxMessageBytes} bytes`), {
              responseCode: 552,
            });
            callback(error);
            return;
          }
          mailbox.add(
            toReceivedMessage(
              parsed,
              {
                from: envelopeAddress(session.envelope.mailFrom),
                to: session.envelope.rcptTo.map((to) => to.address),
              },
              size,
            ),
          );
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => {
      smtp.off('error', reject);
      resolve();
    });
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const http = createServer((request, response) => serve(mailbox, request, response));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.httpPort ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const httpPort = (http.address() as AddressInfo).port;

  return {
    host,
    smtpPort,
    httpPort,
    httpUrl: `http://${host.includes(':') ? `[${host}]` : host}:${httpPort}`,
    mailbox,
    close: () => Promise.all([closeSmtp(smtp), closeHttp(http)]).then(() => undefined),
  };
}

function serve(mailbox: Mailbox, request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://sink').pathname;
  const json = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };
  if (request.method === 'GET' && path === '/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(renderMailboxPage(mailbox.list()));
    return;
  }
  if (request.method === 'GET' && path === '/messages') return json(200, mailbox.list());
  if (request.method === 'DELETE' && path === '/messages') {
    mailbox.clear();
    return json(200, { deleted: true });
  }
  const one = /^\/messages\/([0-9a-f-]{36})$/.exec(path);
  if (request.method === 'GET' && one) {
    const message = mailbox.find(one[1]!);
    return message === undefined
      ? json(404, { error: `no message ${one[1]}` })
      : json(200, message);
  }
  json(404, { error: `no route ${request.method ?? ''} ${path}` });
}

function closeSmtp(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function closeHttp(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
