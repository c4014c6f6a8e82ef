import snmp from 'net-snmp';
import { AgentError } from '../agent.errors.js';
import { createSession } from '../snmp/net-snmp-client.js';
import type { SnmpCredentials } from '../snmp/snmp-client.js';
import type { DeviceCapabilities, SetOutcome } from './device-capabilities.js';

/** prtGeneralReset.1 (RFC 3805); powerCycleReset(4) makes the printer restart. */
export const PRT_GENERAL_RESET = '1.3.6.1.2.1.43.5.1.1.3.1';
const POWER_CYCLE_RESET = 4;

type Attempt = { outcome: Exclude<SetOutcome, 'ACCEPTED' | 'NO_CREDENTIAL'>; message: string };

/**
 * Resets the printer with its write credentials, tried in order (a refused SET changes nothing,
 * so the next one may try). Never with the read credentials: without a write credential for
 * the device nothing is sent and the error says how to configure one.
 */
export async function resetPrinter(
  target: { host: string; port: number },
  writeCredentials: readonly SnmpCredentials[],
  timeoutMs: number,
): Promise<{ oid: string; value: number; capabilities: DeviceCapabilities }> {
  if (writeCredentials.length === 0) {
    throw new AgentError(
      'WRITE_CREDENTIAL_MISSING',
      `No SNMP write community or v3 write user is configured for ${target.host}: the reboot was not sent ` +
        '(set "write" on its discovery range or "snmpWrite" in the agent config)',
      { details: { capabilities: capabilities('NO_CREDENTIAL', null, false) } },
    );
  }
  const attempts: Attempt[] = [];
  for (const one of writeCredentials) {
    const attempt = await resetWith(target, one, timeoutMs);
    if (attempt === null) {
      return {
        oid: PRT_GENERAL_RESET,
        value: POWER_CYCLE_RESET,
        capabilities: capabilities('ACCEPTED', null, true),
      };
    }
    attempts.push(attempt);
  }
  // One refusal outweighs silences: the printer is there and says no.
  const worst = attempts.find((a) => a.outcome === 'REFUSED') ?? attempts[attempts.length - 1]!;
  const message = `${target.host} refused the reset with its write credentials: ${worst.message}`;
  throw new AgentError('REBOOT_FAILED', message, {
    details: { capabilities: capabilities(worst.outcome, worst.message, true) },
  });
}

function capabilities(
  lastSet: SetOutcome,
  lastSetMessage: string | null,
  writeCredential: boolean,
): DeviceCapabilities {
  return { writeCredential, lastSet, lastSetMessage };
}

/** null when the printer accepted the SET; else how it failed. */
async function resetWith(
  target: { host: string; port: number },
  credentials: SnmpCredentials,
  timeoutMs: number,
): Promise<Attempt | null> {
  const session = createSession(target.host, credentials, {
    port: target.port,
    timeout: timeoutMs,
    retries: 1,
  });
  // A socket-level error (e.g. an undecodable datagram) must fail this action, not the daemon.
  let socketError: unknown = null;
  session.on('error', (error) => {
    socketError = error;
  });
  try {
    return await new Promise<Attempt | null>((resolve) => {
      session.set(
        [{ oid: PRT_GENERAL_RESET, type: snmp.ObjectType.Integer!, value: POWER_CYCLE_RESET }],
        (error, varbinds) => {
          if (error || socketError) {
            const failure = error ?? (socketError as Error);
            resolve({
              outcome: failure.name === 'RequestTimedOutError' ? 'NO_ANSWER' : 'REFUSED',
              message:
                failure.name === 'RequestTimedOutError'
                  ? `no answer within ${timeoutMs} ms`
                  : failure.message,
            });
            return;
          }
          const answer = varbinds?.[0];
          if (answer && snmp.isVarbindError(answer)) {
            resolve({ outcome: 'REFUSED', message: snmp.varbindError(answer) });
            return;
          }
          resolve(null);
        },
      );
    });
  } finally {
    session.close();
  }
}
