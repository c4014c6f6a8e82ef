import { Command, CommanderError } from 'commander';
import { AgentError, UsageError } from './agent.errors.js';
import type { CommandContext, CommandOutcome } from './commands/command-context.js';
import { discoverCommand } from './commands/discover.command.js';
import { doctorCommand } from './commands/doctor.command.js';
import { enrollCommand } from './commands/enroll.command.js';
import { pollCommand } from './commands/poll.command.js';
import { renewCommand } from './commands/renew.command.js';
import { runDaemonCommand } from './commands/run.command.js';
import { showCommand } from './commands/show.command.js';
import { statusCommand } from './commands/status.command.js';
import { superviseCommand } from './commands/supervise.command.js';
import { EXIT_RESTART } from './update/supervisor.js';
import { AGENT_VERSION } from './version.js';

/**
 * Exit status of every printbeat-agent command. main.ts is the only place that sets it;
 * commands report an outcome and helpers throw coded errors.
 */
export const EXIT = {
  ok: 0,
  /** The command ran but some targets failed (unreachable printer, refused request). */
  partialFailure: 1,
  /** Invalid arguments or options. */
  usage: 2,
  /** `doctor` found a FAIL; 2 like an unusable setup, where a WARN is 1 like a partial failure. */
  checksFailed: 2,
  /** Any other error (message and code on stderr). */
  failure: 3,
  interrupted: 130,
  /** `run` switched to a new release: start me again (systemd RestartForceExitStatus, supervisor). */
  restart: EXIT_RESTART,
} as const;

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const controller = new AbortController();
  let outcome: CommandOutcome | undefined;
  const context: CommandContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
    report: (reported) => {
      outcome = reported;
    },
  };

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) process.exit(EXIT.interrupted);
    process.stderr.write(
      `\n${signal}: finishing the devices in progress (again to quit at once)\n`,
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `show --list | head`: the reader went away, which is how such a pipe ends, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(signals > 0 ? EXIT.interrupted : EXIT.ok);
    throw error;
  });

  const program = new Command('printbeat-agent')
    .description(
      'Printbeat on-site agent: finds printers and reads their counters, supplies and status over SNMP',
    )
    .version(AGENT_VERSION)
    .exitOverride();
  for (const command of [
    pollCommand(context),
    discoverCommand(context),
    enrollCommand(context),
    runDaemonCommand(context),
    statusCommand(context),
    showCommand(context),
    renewCommand(context),
    doctorCommand(context),
    superviseCommand(context),
  ]) {
    program.addCommand(command.copyInheritedSettings(program));
  }

  try {
    await program.parseAsync([...argv]);
    if (outcome === 'restart') process.exitCode = EXIT.restart;
    else if (outcome === 'stopped') process.exitCode = EXIT.ok;
    else if (signals > 0) process.exitCode = EXIT.interrupted;
    else if (outcome === 'checksFailed') process.exitCode = EXIT.checksFailed;
    else process.exitCode = outcome === 'partialFailure' ? EXIT.partialFailure : EXIT.ok;
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander has already printed the message (or the help / version text).
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`printbeat-agent: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof AgentError) {
    process.stderr.write(`printbeat-agent: ${error.message} [${error.code}]\n`);
    return EXIT.failure;
  }
  // Coded errors of the other layers (gateway refusals, spool, payload, file system) are
  // expected failures with a readable message, not internal errors with a stack trace.
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (error instanceof Error && typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) {
    process.stderr.write(`printbeat-agent: ${error.message} [${code}]\n`);
    return EXIT.failure;
  }
  process.stderr.write(
    `printbeat-agent: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT.failure;
}
