import snmp from 'net-snmp';
import { AgentError } from '../agent.errors.js';
import { createSession } from '../snmp/net-snmp-client.js';
import type { SnmpCredentials } from '../snmp/snmp-client.js';

/** prtGeneralReset.1 (RFC 3805); powerCycleReset(4) makes the printer restart. */
export const PRT_GENERAL_RESET = '1.3.6.1.2.1.43.5.1.1.3.1';
const POWER_CYCLE_RESET = 4;

/** Tries the credentials in order; a refused SET changes nothing, so the next one may try. */
export async function resetPrinter(
  target: { host: string; port: number },
  credentials: readonly SnmpCredentials[],
  timeoutMs: number,
): Promise<{ oid: string; value: number }> {
  let failure: unknown = new AgentError('REBOOT_FAILED', 'no SNMP credentials to reset with');
  for (const one of credentials) {
    try {
      return await resetWith(target, one, timeoutMs);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

async function resetWith(
  target: { host: string; port: number },
  credentials: SnmpCredentials,
  timeoutMs: number,
): Promise<{ oid: string; value: number }> {
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
    await new Promise<void>((resolve, reject) => {
      session.set(
        [{ oid: PRT_GENERAL_RESET, type: snmp.ObjectType.Integer!, value: POWER_CYCLE_RESET }],
        (error, varbinds) => {
          if (error || socketError) {
            reject(
              new AgentError(
                'REBOOT_FAILED',
                `${target.host} refused the reset: ${error?.message ?? String(socketError)}`,
                { cause: error ?? socketError },
              ),
            );
            return;
          }
          const answer = varbinds?.[0];
          if (answer && snmp.isVarbindError(answer)) {
            reject(
              new AgentError(
                'REBOOT_FAILED',
                `${target.host} refused the reset: ${snmp.varbindError(answer)}`,
              ),
            );
            return;
          }
          resolve();
        },
      );
    });
  } finally {
    session.close();
  }
  return { oid: PRT_GENERAL_RESET, value: POWER_CYCLE_RESET };
}
