import { parseArgs } from 'node:util';
import { startSmtpSink } from './smtp-sink.js';

const USAGE = `Usage: smtp-sink [--host 127.0.0.1] [--smtp-port 2525] [--http-port 8025]
                 [--user NAME --password SECRET] [--capacity 1000]

A loopback SMTP server that keeps every message it receives and shows them over HTTP
(GET / for a page, GET /messages for JSON). Prints one JSON line when it listens:
{"smtpPort":…,"httpPort":…,"httpUrl":"…"}. Port 0 picks a free port.`;

function port(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    throw new Error(`--${name} must be an integer between 0 and 65535 (got ${value})`);
  return number;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.slice(2),
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        'smtp-port': { type: 'string' },
        'http-port': { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        capacity: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if ((values.user === undefined) !== (values.password === undefined)) {
    console.error('--user and --password go together');
    return 2;
  }
  try {
    const sink = await startSmtpSink({
      host: values.host,
      smtpPort: port(values['smtp-port'], 'smtp-port'),
      httpPort: port(values['http-port'], 'http-port'),
      ...(values.user === undefined
        ? {}
        : { auth: { user: values.user, password: values.password ?? '' } }),
      ...(values.capacity === undefined ? {} : { capacity: Number(values.capacity) }),
    });
    console.log(
      JSON.stringify({ smtpPort: sink.smtpPort, httpPort: sink.httpPort, httpUrl: sink.httpUrl }),
    );
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
    });
    await sink.close();
    return 0;
  } catch (error) {
    console.error(`smtp-sink: ${(error as Error).message}`);
    return 1;
  }
}
