import type { AgentCommand, CommandResultReport, CommandType } from '../gateway-client/protocol.js';
import { errorCode, errorDetails, errorMessage } from '../agent.errors.js';
import { isNewer } from '../config-freshness.js';

/** What each action needs from the running agent; the daemon wires the real ones. */
export type ActionHandlers = {
  refreshStatus(address: string): Promise<Record<string, unknown>>;
  sendMeters(): Promise<Record<string, unknown>>;
  printTestPage(address: string): Promise<Record<string, unknown>>;
  reboot(address: string): Promise<Record<string, unknown>>;
  troubleshoot(address: string): Promise<Record<string, unknown>>;
  updateSettings(): Promise<Record<string, unknown>>;
};

/** What decides whether an action may run, and how to say why it may not. */
export type CommandPermissions = {
  /** Allowed by both central's consent (as the agent holds it) and this machine. */
  allowed: readonly CommandType[];
  /** Switched off in this machine's local settings. */
  disabledLocally: readonly CommandType[];
  /** Version of central's config the agent holds; null before the first one. */
  configVersion: number | null;
  /** Version central announced with the commands; null from a central that does not. */
  announcedConfigVersion: number | null;
};

/**
 * Runs one pulled command and describes the outcome for central. An action the local
 * config or central's consent does not allow is not run, and the report says which of them.
 */
export async function runCommand(
  command: AgentCommand,
  permissions: CommandPermissions,
  handlers: ActionHandlers,
  now: () => Date = () => new Date(),
): Promise<CommandResultReport> {
  const notRun = notAllowed(command.type, permissions);
  if (notRun) return { ...notRun, finishedAt: now().toISOString() };
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
      result: { ...errorDetails(error), code: errorCode(error) },
      finishedAt: now().toISOString(),
    };
  }
}

function notAllowed(
  type: CommandType,
  permissions: CommandPermissions,
): Omit<CommandResultReport, 'finishedAt'> | null {
  if (permissions.allowed.includes(type)) return null;
  // REFUSED means this machine's own choice (docs/agent-protocol.md); central shows it as such.
  if (permissions.disabledLocally.includes(type)) {
    return {
      status: 'REFUSED',
      message: `Action ${type} is disabled in the agent's local settings`,
      result: { refused: true },
    };
  }
  const { configVersion, announcedConfigVersion } = permissions;
  if (isNewer(announcedConfigVersion, configVersion)) {
    return {
      status: 'FAILED',
      message:
        `Action ${type} is waiting for the agent to take the new settings ` +
        `(config version ${announcedConfigVersion}, agent has ${configVersion ?? 'none'})`,
      result: {
        code: 'CONFIG_NOT_TAKEN',
        configVersion: announcedConfigVersion,
        agentConfigVersion: configVersion,
      },
    };
  }
  return {
    status: 'FAILED',
    message: `Action ${type} is not allowed by the customer's consent (config version ${configVersion ?? 'none'})`,
    result: { code: 'NOT_CONSENTED', agentConfigVersion: configVersion },
  };
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
