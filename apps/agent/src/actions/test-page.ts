import { connect } from 'node:net';
import { AgentError } from '../agent.errors.js';
import { AGENT_VERSION } from '../version.js';
import { probedCapabilities, type DeviceCapabilities } from './device-capabilities.js';
import { configurationPageJob, queryPjlId } from './pjl.js';

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

export type TestPageResult = {
  kind: 'CONFIGURATION_PAGE' | 'PLAIN_TEST_PAGE';
  bytes: number;
  capabilities: DeviceCapabilities;
};

/**
 * Where the printer answers PJL it is asked for its own configuration page (which shows its
 * real settings and counters); otherwise it gets the plain test page.
 */
export async function printTestPage(
  address: string,
  port: number,
  probeTimeoutMs: number,
  now = new Date(),
): Promise<TestPageResult> {
  const probe = await queryPjlId(address, port, probeTimeoutMs);
  const capabilities = probedCapabilities(probe, null);
  if (!probe.portOpen) {
    throw new AgentError(
      'TEST_PAGE_FAILED',
      `Could not send the test page to ${address}:${port}: ${probe.reason}`,
      { details: { capabilities } },
    );
  }
  const job = probe.answered ? configurationPageJob() : testPageText(address, now);
  const bytes = await sendRawJob(address, port, Buffer.from(job, 'latin1'), capabilities);
  return {
    kind: probe.answered ? 'CONFIGURATION_PAGE' : 'PLAIN_TEST_PAGE',
    bytes,
    capabilities,
  };
}

async function sendRawJob(
  address: string,
  port: number,
  job: Buffer,
  capabilities: DeviceCapabilities,
  timeoutMs = 10_000,
): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: address, port });
    const fail = (error: Error) => {
      socket.destroy();
      reject(
        new AgentError(
          'TEST_PAGE_FAILED',
          `Could not send the test page to ${address}:${port}: ${error.message}`,
          { details: { capabilities } },
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
  return job.byteLength;
}
