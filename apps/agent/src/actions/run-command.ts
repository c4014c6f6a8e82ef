import type { AgentCommand, CommandResultReport, CommandType } from '../gateway-client/protocol.js';
import { errorCode, errorMessage } from '../agent.errors.js';

/** What each action needs from the running agent; the daemon wires the real ones. */
export type ActionHandlers = {
  refreshStatus(address: string): Promise<Record<string, unknown>>;
  sendMeters(): Promise<Record<string, unknown>>;
  printTestPage(address: string): Promise<Record<string, unknown>>;
  reboot(address: string): Promise<Record<string, unknown>>;
  troubleshoot(address: string): Promise<Record<string, unknown>>;
  updateSettings(): Promise<Record<string, unknown>>;
};

/**
 * Runs one pulled command and describes the outcome for central. An action the local
 * config (or central's consent) does not allow is refused without touching the printer.
 */
export async function runCommand(
  command: AgentCommand,
  allowed: readonly CommandType[],
  handlers: ActionHandlers,
  now: () => Date = () => new Date(),
): Promise<CommandResultReport> {
  if (!allowed.includes(command.type)) {
    return {
      status: 'REFUSED',
      message: `Action ${command.type} is disabled on this agent`,
      result: { refused: true },
      finishedAt: now().toISOString(),
    };
  }
  try {
    const result = await dispatch(command, handlers);
    return {
      status: 'SUCCEEDED',
      message: `${command.type} done`,
      result,
      finishedAt: now().toISOString(),
    };
  } catch (error) {
    return {
      status: 'FAILED',
      message: errorMessage(error),
      result: { code: errorCode(error) },
      finishedAt: now().toISOString(),
    };
  }
}

function dispatch(
  command: AgentCommand,
  handlers: ActionHandlers,
): Promise<Record<string, unknown>> {
  const address = (): string => {
    if (!command.target?.address) throw new Error(`${command.type} needs a target device address`);
    return command.target.address;
  };
  switch (command.type) {
    case 'REFRESH_STATUS':
      return handlers.refreshStatus(address());
    case 'SEND_METERS':
      return handlers.sendMeters();
    case 'PRINT_TEST_PAGE':
      return handlers.printTestPage(address());
    case 'REBOOT':
      return handlers.reboot(address());
    case 'TROUBLESHOOT':
      return handlers.troubleshoot(address());
    case 'UPDATE_SETTINGS':
      return handlers.updateSettings();
  }
}
