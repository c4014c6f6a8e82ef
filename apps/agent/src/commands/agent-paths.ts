import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDataDir, localConfigPath } from '../agent-config.js';
import { UsageError } from '../agent.errors.js';
import { listRunningAgents } from '../daemon/running-agents.js';

export type AgentPathOptions = { dataDir?: string; config?: string };
export type AgentPaths = { dataDir: string; configPath: string };

/** `--data-dir` and `--config`, shared by the commands that work on an enrolled agent. */
export function addAgentPathOptions(command: Command): Command {
  return command
    .option(
      '--data-dir <dir>',
      'where the agent keeps its identity, spool and state (default: $PRINTBEAT_AGENT_DATA_DIR, ' +
        "else ./.data/agent; status, show, doctor and renew find a running agent's on their own)",
    )
    .option('--config <file>', 'local settings file (default: <data-dir>/agent.config.json)');
}

/** The paths `run` and `enroll` use: the given data directory, or the default one. */
export function agentPaths(options: AgentPathOptions): AgentPaths {
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  return { dataDir, configPath: resolve(options.config ?? localConfigPath(dataDir)) };
}

const isEnrolled = (dataDir: string) => existsSync(join(dataDir, 'identity', 'identity.json'));

/**
 * The paths of an agent that already exists, for the commands that inspect one: the given
 * data directory; else the one of the agent running now (`run` leaves a note of it); else the
 * first enrolled of the default and the demo's (`./.data/demo/agent`); else the default.
 */
export async function existingAgentPaths(
  options: AgentPathOptions,
  notice: (line: string) => void,
): Promise<AgentPaths> {
  if (options.dataDir !== undefined || process.env.PRINTBEAT_AGENT_DATA_DIR !== undefined)
    return agentPaths(options);
  const running = [...new Set((await listRunningAgents()).map((agent) => agent.dataDir))];
  if (running.length > 1) {
    throw new UsageError(
      'AMBIGUOUS_DATA_DIR',
      `${running.length} agents are running (${running.join(', ')}): pass --data-dir`,
    );
  }
  const candidates = [...running, defaultDataDir(), join(process.cwd(), '.data', 'demo', 'agent')];
  const found = candidates.find(isEnrolled);
  if (found === undefined) return agentPaths(options);
  if (resolve(found) !== resolve(defaultDataDir()))
    notice(`using the agent data directory ${found}`);
  return agentPaths({ ...options, dataDir: found });
}
