import type { SnmpCredentials } from '../snmp/snmp-client.js';
import { pollMany } from '../polling/poll-many.js';
import { probedCapabilities } from './device-capabilities.js';
import { pingOnce, type PingRunner } from './ping.js';
import { queryPjlId } from './pjl.js';
import { resetPrinter } from './printer-reset.js';
import type { ActionHandlers } from './run-command.js';
import { printTestPage } from './test-page.js';

export type ActionDeps = {
  refreshStatus(address: string): Promise<Record<string, unknown>>;
  sendMeters(): Promise<Record<string, unknown>>;
  updateSettings(): Promise<Record<string, unknown>>;
  /** Tried in order until one answers. */
  credentials(address: string): readonly SnmpCredentials[];
  /** Write credentials for actions that SET; empty when none is configured for the address. */
  writeCredentials(address: string): readonly SnmpCredentials[];
  /** Whether TROUBLESHOOT may send an ICMP echo. */
  pingAllowed(): boolean;
  snmpPort(): number;
  rawPrintPort(): number;
  timeoutMs(): number;
  /** The system ping, replaceable in tests. */
  ping?: PingRunner;
};

/** A PJL answer comes at once or not at all: the probe waits this long at most. */
const PJL_TIMEOUT_MS = 2000;

export type TroubleshootStep = {
  step: 'ping' | 'snmp' | 'rawPrintPort' | 'pjl';
  outcome: string;
  message: string;
  ms: number | null;
};

/** The device actions central may ask for, over the agent's own SNMP and raw-print paths. */
export function createActionHandlers(deps: ActionDeps): ActionHandlers {
  const pjlTimeout = () => Math.min(deps.timeoutMs(), PJL_TIMEOUT_MS);
  return {
    refreshStatus: (address) => deps.refreshStatus(address),
    sendMeters: () => deps.sendMeters(),
    updateSettings: () => deps.updateSettings(),
    printTestPage: (address) => printTestPage(address, deps.rawPrintPort(), pjlTimeout()),
    reboot: (address) =>
      resetPrinter(
        { host: address, port: deps.snmpPort() },
        deps.writeCredentials(address),
        deps.timeoutMs(),
      ),
    troubleshoot: async (address) => {
      const rawStarted = Date.now();
      const [ping, poll, pjl] = await Promise.all([
        pingOnce(address, deps.pingAllowed(), deps.ping),
        pollMany([{ host: address, port: deps.snmpPort() }], {
          credentials: deps.credentials(address),
          timeoutMs: deps.timeoutMs(),
        }),
        queryPjlId(address, deps.rawPrintPort(), pjlTimeout()),
      ]);
      const rawMs = Date.now() - rawStarted;
      const result = poll.results[0];
      const steps: TroubleshootStep[] = [
        ping,
        {
          step: 'snmp',
          outcome: result?.reachable ? 'OK' : 'FAILED',
          message: result?.reachable
            ? `SNMP answered on port ${deps.snmpPort()}`
            : `no SNMP answer: ${result?.error?.message ?? 'not polled'}`,
          ms: result?.durationMs ?? null,
        },
        {
          step: 'rawPrintPort',
          outcome: pjl.portOpen ? 'OK' : 'FAILED',
          message: pjl.portOpen
            ? `port ${deps.rawPrintPort()} accepts connections`
            : `port ${deps.rawPrintPort()} closed: ${pjl.reason}`,
          ms: rawMs,
        },
        {
          step: 'pjl',
          outcome: pjl.answered ? 'OK' : pjl.portOpen ? 'NO_ANSWER' : 'SKIPPED',
          message: pjl.answered ? `PJL INFO ID: ${pjl.id}` : pjl.reason,
          ms: rawMs,
        },
      ];
      return {
        steps,
        snmpReachable: result?.reachable ?? false,
        snmpError: result?.error ?? null,
        rawPrintPortOpen: pjl.portOpen,
        status: result?.status ?? null,
        alerts: result?.alerts ?? [],
        console: result?.console ?? null,
        pollMs: result?.durationMs ?? null,
        capabilities: probedCapabilities(pjl, deps.writeCredentials(address).length),
      };
    },
  };
}
