import { randomUUID } from 'node:crypto';
import type { AddressObject, ParsedMail } from 'mailparser';

export type ReceivedAttachment = {
  filename: string | null;
  contentType: string;
  size: number;
  /** Base64 of the attachment's bytes. */
  contentBase64: string;
};

/** One message as the sink received it: the SMTP envelope and the parsed content. */
export type ReceivedMessage = {
  id: string;
  receivedAt: string;
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  from: string | null;
  to: string[];
  subject: string | null;
  text: string | null;
  html: string | null;
  headers: Record<string, string>;
  attachments: ReceivedAttachment[];
  size: number;
};

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (value === undefined) return [];
  const objects = Array.isArray(value) ? value : [value];
  return objects.flatMap((object) =>
    object.value.map((entry) => entry.address ?? '').filter(Boolean),
  );
}

export function toReceivedMessage(
  parsed: ParsedMail,
  envelope: ReceivedMessage['envelope'],
  size: number,
): ReceivedMessage {
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) {
    const colon = line.line.indexOf(':');
    headers[line.key] = colon < 0 ? '' : line.line.slice(colon + 1).trim();
  }
  return {
    id: randomUUID(),
    receivedAt: new Date().toISOString(),
    envelope,
    messageId: parsed.messageId ?? null,
    from: parsed.from?.value[0]?.address ?? null,
    to: addresses(parsed.to),
    subject: parsed.subject ?? null,
    text: parsed.text ?? null,
    html: parsed.html === false ? null : (parsed.html ?? null),
    headers,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.size,
      contentBase64: attachment.content.toString('base64'),
    })),
    size,
  };
}

/** The messages received so far, oldest first, bounded: the oldest go when it is full. */
export class Mailbox {
  private readonly messages: ReceivedMessage[] = [];

  constructor(private readonly capacity: number) {}

  add(message: ReceivedMessage): void {
    this.messages.push(message);
    if (this.messages.length > this.capacity) this.messages.splice(0, 1);
  }

  list(): readonly ReceivedMessage[] {
    return this.messages;
  }

  find(id: string): ReceivedMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  clear(): void {
    this.messages.length = 0;
  }
}
