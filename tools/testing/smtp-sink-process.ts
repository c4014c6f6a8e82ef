import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ReceivedMessage } from '@printbeat/smtp-sink';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'tools', 'smtp-sink', 'bin', 'smtp-sink.js');

/** A real SMTP server process on loopback (tools/smtp-sink), for tests that send mail. */
export type SmtpSinkProcess = {
  smtpPort: number;
  httpUrl: string;
  messages(): Promise<ReceivedMessage[]>;
  /** Polls the sink until a message matches, or fails naming what arrived instead. */
  waitForMessage(
    matches: (message: ReceivedMessage) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedMessage>;
  clear(): Promise<void>;
  stop(): Promise<void>;
};

export async function startSmtpSinkProcess(
  options: { user?: string; password?: string } = {},
): Promise<SmtpSinkProcess> {
  if (!existsSync(join(root, 'tools', 'smtp-sink', 'dist', 'cli.js')))
    throw new Error('tools/smtp-sink is not built: run `npx tsc -b` (npm test builds it)');
  const args = [bin, '--host', '127.0.0.1'];
  if (options.user !== undefined)
    args.push('--user', options.user, '--password', options.password ?? '');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ smtpPort: number; httpUrl: string }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) =>
      resolve(JSON.parse(line) as { smtpPort: number; httpUrl: string }),
    );
    child.once('exit', (code) => reject(new Error(`smtp-sink exited with ${code}: ${stderr}`)));
  });

  const messages = async (): Promise<ReceivedMessage[]> => {
    const response = await fetch(`${ready.httpUrl}/messages`);
    return (await response.json()) as ReceivedMessage[];
  };
  return {
    ...ready,
    messages,
    async waitForMessage(matches, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let seen: ReceivedMessage[] = [];
      while (Date.now() < deadline) {
        seen = await messages();
        const found = seen.find(matches);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(
        `no matching message within ${timeoutMs} ms; received: ${JSON.stringify(seen.map((m) => ({ to: m.to, subject: m.subject })))}`,
      );
    },
    async clear() {
      await fetch(`${ready.httpUrl}/messages`, { method: 'DELETE' });
    },
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
