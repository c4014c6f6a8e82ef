import { Command } from 'commander';
import { pino } from 'pino';
import { SUPERVISED_ENV } from '../update/supervisor.js';
import { AgentDaemon } from '../daemon/agent-daemon.js';
import { registerRunningAgent } from '../daemon/running-agents.js';
import { addAgentPathOptions, agentPaths, type AgentPathOptions } from './agent-paths.js';
import type { CommandContext } from './command-context.js';

export function runDaemonCommand(context: CommandContext): Command {
  const command = new Command('run').description(
    'run the agent: discover, collect into the local spool, upload, pull actions and settings (until SIGTERM)',
  );
  addAgentPathOptions(command);
  return command.action(async (options: AgentPathOptions) => {
    const log = pino(
      { name: 'printbeat-agent', level: process.env.LOG_LEVEL ?? 'info' },
      pino.destination(2),
    );
    const paths = agentPaths(options);
    let restart = false;
    const restartRequested = new AbortController();
    const daemon = new AgentDaemon({
      ...paths,
      log,
      supervised: process.env[SUPERVISED_ENV] === '1',
      onRestartRequested: () => {
        restart = true;
        restartRequested.abort();
      },
    });
    await daemon.start();
    // status, show, doctor and renew find this agent's data directory without --data-dir.
    const unregister = await registerRunningAgent(paths.dataDir);
    await new Promise<void>((resolve) => {
      if (context.signal.aborted || restartRequested.signal.aborted) resolve();
      context.signal.addEventListener('abort', () => resolve(), { once: true });
      restartRequested.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await daemon.stop();
    await unregister();
    // A signal is how a service manager stops the daemon: a clean stop is success (systemd
    // would otherwise mark every `systemctl stop` as a failure).
    context.report(restart && !context.signal.aborted ? 'restart' : 'stopped');
  });
}
