import { connect } from 'node:net';
import { AgentError } from '../agent.errors.js';
import { AGENT_VERSION } from '../version.js';

/**
 * A plain-text test page sent as a raw job to the printer's port 9100 (AppSocket/JetDirect).
 * The form feed ends the page; every printer language we meet accepts plain text there.
 */
export function testPageText(address: string, now: Date): string {
  return [
    'Printbeat test page',
    '',
    `Printer:  ${address}`,
    `Sent at:  ${now.toISOString()}`,
    `Agent:    printbeat-agent ${AGENT_VERSION}`,
    '',
    'If you can read this, the printer accepts jobs from the monitoring agent.',
    '\f',
  ].join('\r\n');
}

export async function sendTestPage(
  address: string,
  port: number,
  timeoutMs = 10_000,
  now = new Date(),
): Promise<{ bytes: number }> {
  const job = Buffer.from(testPageText(address, now), 'latin1');
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: address, port });
    const fail = (error: Error) => {
      socket.destroy();
      reject(
        new AgentError(
          'TEST_PAGE_FAILED',
          `Could not send the test page to ${address}:${port}: ${error.message}`,
        ),
      );
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once('error', fail);
    socket.once('connect', () => socket.end(job));
    socket.once('close', (hadError) => {
      if (!hadError) resolve();
    });
  });
  return { bytes: job.byteLength };
}
