import { execFile } from 'node:child_process';
import { isIP } from 'node:net';

export type PingStep = {
  step: 'ping';
  outcome: 'OK' | 'NO_REPLY' | 'NOT_PERMITTED' | 'SKIPPED';
  message: string;
  ms: number | null;
};

/** How the system `ping` ended: its exit code (null if it could not start) and what it said. */
export type PingRun = { exitCode: number | null; errorCode: string | null; output: string };
export type PingRunner = (address: string) => Promise<PingRun>;

/**
 * One ICMP echo to the printer's own address with the system `ping` (`-c 1 -W 1`): raw ICMP
 * sockets need privileges the agent does not take itself. Only an IP literal is pinged, so a
 * target can never become an option of the command.
 */
export async function pingOnce(
  address: string,
  allowed: boolean,
  run: PingRunner = runSystemPing,
  now: () => number = Date.now,
): Promise<PingStep> {
  if (!allowed)
    return notPermitted('ping not permitted: switched off in the agent config ("ping": false)');
  if (isIP(address) === 0)
    return {
      step: 'ping',
      outcome: 'SKIPPED',
      message: `${address} is not an IP address`,
      ms: null,
    };
  const started = now();
  const result = await run(address);
  const ms = now() - started;
  if (result.exitCode === 0)
    return { step: 'ping', outcome: 'OK', message: `${address} answered one echo request`, ms };
  if (result.errorCode === 'ENOENT')
    return notPermitted('ping not permitted: no ping command on this machine');
  if (result.errorCode === 'EACCES' || /not permitted|permission denied/i.test(result.output))
    return notPermitted(`ping not permitted: ${firstLine(result.output) || 'permission denied'}`);
  if (result.exitCode === 1)
    return {
      step: 'ping',
      outcome: 'NO_REPLY',
      message: `no echo reply from ${address} within 1 s`,
      ms,
    };
  return notPermitted(
    `ping not permitted: ${firstLine(result.output) || `exit code ${result.exitCode}`}`,
  );
}

function notPermitted(message: string): PingStep {
  return { step: 'ping', outcome: 'NOT_PERMITTED', message, ms: null };
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

function runSystemPing(address: string): Promise<PingRun> {
  return new Promise((resolve) => {
    execFile(
      'ping',
      ['-c', '1', '-W', '1', address],
      { timeout: 5000 },
      (error, stdout, stderr) => {
        const failure = error as (NodeJS.ErrnoException & { code?: string | number }) | null;
        resolve({
          exitCode: failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null,
          errorCode: failure && typeof failure.code === 'string' ? failure.code : null,
          output: `${stderr}\n${stdout}`,
        });
      },
    );
  });
}
