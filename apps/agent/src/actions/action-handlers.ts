import { connect } from 'node:net';
import type { SnmpCredentials } from '../snmp/snmp-client.js';
import { pollMany } from '../polling/poll-many.js';
import { resetPrinter } from './printer-reset.js';
import type { ActionHandlers } from './run-command.js';
import { sendTestPage } from './test-page.js';

export type ActionDeps = {
  refreshStatus(address: string): Promise<Record<string, unknown>>;
  sendMeters(): Promise<Record<string, unknown>>;
  updateSettings(): Promise<Record<string, unknown>>;
  /** Tried in order until one answers. */
  credentials(address: string): readonly SnmpCredentials[];
  snmpPort(): number;
  rawPrintPort(): number;
  timeoutMs(): number;
};

/** The device actions central may ask for, over the agent's own SNMP and raw-print paths. */
export function createActionHandlers(deps: ActionDeps): ActionHandlers {
  return {
    refreshStatus: (address) => deps.refreshStatus(address),
    sendMeters: () => deps.sendMeters(),
    updateSettings: () => deps.updateSettings(),
    printTestPage: (address) => sendTestPage(address, deps.rawPrintPort()),
    reboot: (address) =>
      resetPrinter(
        { host: address, port: deps.snmpPort() },
        deps.credentials(address),
        deps.timeoutMs(),
      ),
    troubleshoot: async (address) => {
      const [poll, rawPort] = await Promise.all([
        pollMany([{ host: address, port: deps.snmpPort() }], {
          credentials: deps.credentials(address),
          timeoutMs: deps.timeoutMs(),
        }),
        tcpReachable(address, deps.rawPrintPort(), deps.timeoutMs()),
      ]);
      const result = poll.results[0];
      return {
        snmpReachable: result?.reachable ?? false,
        snmpError: result?.error ?? null,
        rawPrintPortOpen: rawPort,
        status: result?.status ?? null,
        alerts: result?.alerts ?? [],
        console: result?.console ?? null,
        pollMs: result?.durationMs ?? null,
      };
    },
  };
}

function tcpReachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
