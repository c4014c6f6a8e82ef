/** What main.ts hands to every command, and how a command tells main how it went. */
export type CommandContext = {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  /** Aborted on SIGINT/SIGTERM: commands stop starting new work. */
  signal: AbortSignal;
  /** A command calls this once; main.ts turns it into the exit code. */
  report(outcome: CommandOutcome): void;
};

/** `partialFailure`: the command ran, but some targets failed (unreachable, refused). */
/** `stopped`: a daemon that ended on SIGTERM/SIGINT as designed (exit 0, not "interrupted"). */
/** `checksFailed`: `doctor` found a FAIL (a WARN is `partialFailure`). */
/** `restart`: `run` installed a new release and asks its supervisor or service manager to start it. */
export type CommandOutcome = 'ok' | 'partialFailure' | 'stopped' | 'checksFailed' | 'restart';
