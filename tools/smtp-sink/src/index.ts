export { assertLoopback, startSmtpSink, type SmtpSink, type SmtpSinkOptions } from './smtp-sink.js';
export { Mailbox, type ReceivedAttachment, type ReceivedMessage } from './mailbox.js';
