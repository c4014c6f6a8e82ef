import type { ReceivedMessage } from './mailbox.js';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The sink's mailbox as one page, newest first; it refreshes itself every five seconds. */
export function renderMailboxPage(messages: readonly ReceivedMessage[]): string {
  const items = [...messages]
    .reverse()
    .map(
      (message) => `<article>
  <h2>${escape(message.subject ?? '(no subject)')}</h2>
  <p class="meta">${escape(message.receivedAt)} · from ${escape(message.from ?? '?')} · to ${escape(message.to.join(', '))}</p>
  <pre>${escape(message.text ?? '')}</pre>
  ${message.attachments.map((file) => `<p class="meta">attachment: ${escape(file.filename ?? 'unnamed')} (${file.size} bytes)</p>`).join('')}
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Printbeat demo mailbox (${messages.length})</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
article{border-bottom:1px solid #ddd;padding:.5rem 0}.meta{color:#555;font-size:.9rem}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}</style></head>
<body><h1>Demo mailbox</h1><p>${messages.length} message(s) received by the local SMTP sink.</p>
${items || '<p>No messages yet.</p>'}
</body></html>
`;
}
