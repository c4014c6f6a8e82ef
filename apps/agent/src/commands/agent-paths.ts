import { Command } from 'commander';
import { resolve } from 'node:path';
import { defaultDataDir, localConfigPath } from '../agent-config.js';

export type AgentPathOptions = { dataDir: string; config?: string };

/** `--data-dir` and `--config`, shared by the commands that work on an enrolled agent. */
export function addAgentPathOptions(command: Command): Command {
  return command
    .option(
      '--data-dir <dir>',
      'where the agent keeps its identity, spool and state',
      defaultDataDir(),
    )
    .option('--config <file>', 'local settings file (default: <data-dir>/agent.config.json)');
}

export function agentPaths(options: AgentPathOptions): { dataDir: string; configPath: string } {
  const dataDir = resolve(options.dataDir);
  return { dataDir, configPath: resolve(options.config ?? localConfigPath(dataDir)) };
}
