import { Command } from 'commander';
import { pino } from 'pino';
import { loadLocalConfig } from '../agent-config.js';
import { Supervisor } from '../update/supervisor.js';
import { updateSettings } from '../update/update-settings.js';
import { AGENT_VERSION } from '../version.js';
import { addAgentPathOptions, agentPaths, type AgentPathOptions } from './agent-paths.js';
import type { CommandContext } from './command-context.js';

export function superviseCommand(context: CommandContext): Command {
  const command = new Command('supervise').description(
    'run the agent under its own supervisor: starts the current release, restarts it, and rolls a new release back when it fails',
  );
  addAgentPathOptions(command);
  return command.action(async (options: AgentPathOptions) => {
    const log = pino(
      { name: 'printbeat-agent-supervisor', level: process.env.LOG_LEVEL ?? 'info' },
      pino.destination(2),
    );
    const paths = agentPaths(options);
    const supervisor = new Supervisor({
      dataDir: paths.dataDir,
      runArguments: ['--data-dir', paths.dataDir, '--config', paths.configPath],
      rules: async () =>
        updateSettings(await loadLocalConfig(paths.configPath), paths.dataDir).rollback,
      baseVersion: AGENT_VERSION,
      log,
    });
    await supervisor.run(context.signal);
    context.report('stopped');
  });
}
