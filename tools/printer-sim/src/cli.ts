import { Command, InvalidArgumentError, Option } from 'commander';
import { CONTROL_HOST, DEFAULT_CONTROL_PORT } from './fleet/control-server.js';
import { buildFleetSpec, defaultSnmpPort, startFleet } from './fleet/fleet.js';
import { ERROR_KINDS } from './model/printer-oids.js';
import type { V3User } from './model/sim-printer.js';
import type { TrapTarget } from './snmp/trap.js';

export { DEFAULT_CONTROL_PORT };
const TRAP_VERSIONS = ['1', '2c', '3'] as const;

/** `ctl`'s port: `--control-port`, else PRINTER_SIM_CONTROL_PORT, else 16199. */
function defaultControlPort(): number {
  const fromEnv = process.env.PRINTER_SIM_CONTROL_PORT;
  return fromEnv === undefined || fromEnv === '' ? DEFAULT_CONTROL_PORT : positiveInt(fromEnv);
}

/** `host:port` of a trap receiver. */
export function parseHostPort(value: string): { host: string; port: number } {
  const match = /^([^:]+):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) throw new InvalidArgumentError('expected host:port');
  return { host: match[1]!, port };
}

function trapVersion(value: string): TrapTarget['version'] {
  const version = TRAP_VERSIONS.find((v) => v === value);
  if (!version) throw new InvalidArgumentError(`expected one of ${TRAP_VERSIONS.join(', ')}`);
  return version;
}

type TrapCliOptions = { trapVersion: TrapTarget['version']; community?: string; user?: string };

function trapTargetOf(to: { host: string; port: number }, o: TrapCliOptions): TrapTarget {
  return {
    ...to,
    version: o.trapVersion,
    ...(o.community !== undefined ? { community: o.community } : {}),
    ...(o.user !== undefined ? { user: o.user } : {}),
  };
}

const AUTH = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
const PRIV = ['des', 'aes', 'aes256b', 'aes256r'] as const;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

/** `name:authProtocol:authKey:privProtocol:privKey`, e.g. `ops:sha256:authpass1:aes:privpass1`. */
export function parseV3User(value: string, previous: V3User[] = []): V3User[] {
  const parts = value.split(':');
  const [name, authProtocol, authKey, privProtocol, privKey] = parts;
  if (parts.length !== 5 || !name || !authKey || !privKey) {
    throw new InvalidArgumentError('expected name:authProtocol:authKey:privProtocol:privKey');
  }
  const auth = AUTH.find((a) => a === authProtocol);
  const priv = PRIV.find((p) => p === privProtocol);
  if (!auth) throw new InvalidArgumentError(`auth protocol must be one of ${AUTH.join(', ')}`);
  if (!priv) throw new InvalidArgumentError(`privacy protocol must be one of ${PRIV.join(', ')}`);
  if (authKey.length < 8 || privKey.length < 8)
    throw new InvalidArgumentError('USM keys need at least 8 characters');
  return [...previous, { name, authProtocol: auth, authKey, privProtocol: priv, privKey }];
}

type Out = { log(line: string): void; error(line: string): void };

async function control(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`http://${CONTROL_HOST}:${port}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const json: unknown = await res.json();
  if (!res.ok) {
    const message =
      (json as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`;
    throw new Error(message);
  }
  return json;
}

export function buildCli(out: Out = console): Command {
  const program = new Command('printer-sim')
    .description('Simulated printer fleet on loopback: SNMP v1/v2c/v3, raw 9100, control API')
    .showHelpAfterError();

  program
    .command('start')
    .description('start a fleet and run until SIGINT/SIGTERM')
    .option('--count <n>', 'number of printers', positiveInt, 10)
    .option('--first <address>', 'first loopback address', '127.10.0.1')
    .option('--port <port>', 'SNMP UDP port of every printer', positiveInt, defaultSnmpPort())
    .option('--raw-port <port>', 'raw print TCP port of every printer', positiveInt, 9100)
    .option('--no-raw', 'no raw print listeners')
    .option(
      '--control-port <port>',
      `control API port on ${CONTROL_HOST}`,
      positiveInt,
      DEFAULT_CONTROL_PORT,
    )
    .option('--fixtures <list>', 'comma-separated fixtures (relative to fixtures/snmp)')
    .option('--community <name>', 'SNMP v1/v2c community', 'public')
    .option(
      '--write-community <name>',
      'separate read-write community (then --community only reads: SETs are refused)',
    )
    .option(
      '--v3-user <spec>',
      'SNMPv3 user name:auth:authKey:priv:privKey (repeatable)',
      parseV3User,
      [],
    )
    .option('--ppm <n>', 'pages per minute each printer prints on its own', positiveInt, 0)
    .option('--tick-ms <ms>', 'how often printers advance', positiveInt, 1000)
    .option('--reboot-silence-ms <ms>', 'silence after a reboot', positiveInt, 3000)
    .option(
      '--trap-target <host:port>',
      'send an RFC 3805 alert trap there when an error is injected',
      parseHostPort,
    )
    .option('--trap-version <version>', 'trap SNMP version: 1, 2c or 3', trapVersion, '2c')
    .option('--trap-community <name>', 'trap community (v1/v2c; default --community)')
    .option('--trap-user <name>', 'SNMPv3 trap user: one of the --v3-user names')
    .action(
      async (opts: {
        count: number;
        first: string;
        port: number;
        rawPort: number;
        raw: boolean;
        controlPort: number;
        fixtures?: string;
        community: string;
        writeCommunity?: string;
        v3User: V3User[];
        ppm: number;
        tickMs: number;
        rebootSilenceMs: number;
        trapTarget?: { host: string; port: number };
        trapVersion: TrapTarget['version'];
        trapCommunity?: string;
        trapUser?: string;
      }) => {
        const fixtures = opts.fixtures
          ?.split(',')
          .map((f) => f.trim())
          .filter(Boolean);
        const fleet = await startFleet({
          printers: buildFleetSpec({
            count: opts.count,
            firstAddress: opts.first,
            ...(fixtures ? { fixtures } : {}),
            community: opts.community,
            ...(opts.writeCommunity !== undefined ? { writeCommunity: opts.writeCommunity } : {}),
            v3Users: opts.v3User,
            pagesPerMinute: opts.ppm,
          }),
          snmpPort: opts.port,
          rawPort: opts.raw ? opts.rawPort : false,
          controlPort: opts.controlPort,
          tickMs: opts.tickMs,
          rebootSilenceMs: opts.rebootSilenceMs,
          ...(opts.trapTarget
            ? {
                trapTarget: trapTargetOf(opts.trapTarget, {
                  trapVersion: opts.trapVersion,
                  ...(opts.trapCommunity !== undefined ? { community: opts.trapCommunity } : {}),
                  ...(opts.trapUser !== undefined ? { user: opts.trapUser } : {}),
                }),
              }
            : {}),
        });
        const first = fleet.printers[0]?.address;
        const last = fleet.printers[fleet.printers.length - 1]?.address;
        out.log(
          `printer-sim: ${fleet.printers.length} printers ${first}..${last}, SNMP udp/${fleet.snmpPort}, ` +
            `raw ${fleet.rawPort === null ? 'off' : `tcp/${fleet.rawPort} (${fleet.rawListeners} listeners)`}, ` +
            `control http://${CONTROL_HOST}:${fleet.controlPort}` +
            (fleet.trapTarget
              ? `, traps v${fleet.trapTarget.version} to ${fleet.trapTarget.host}:${fleet.trapTarget.port}`
              : ''),
        );
        for (const w of fleet.warnings) out.error(`printer-sim: warning: ${w}`);
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        await fleet.stop();
        out.log('printer-sim: stopped');
      },
    );

  const ctl = program
    .command('ctl')
    .description('drive a running fleet through its control API')
    .addOption(
      new Option('--control-port <port>', 'control API port')
        .argParser(positiveInt)
        .default(defaultControlPort(), 'PRINTER_SIM_CONTROL_PORT or 16199'),
    );
  const port = (): number => ctl.opts<{ controlPort: number }>().controlPort;
  const print = (v: unknown): void => out.log(JSON.stringify(v, null, 2));

  ctl
    .command('list')
    .description('all printers')
    .action(async () => print(await control(port(), 'GET', '/printers')));
  ctl
    .command('show <address>')
    .description('one printer: counters, supplies, errors')
    .action(async (a: string) => print(await control(port(), 'GET', `/printers/${a}`)));
  ctl
    .command('print <address> [pages]')
    .description('print pages now')
    .option('--color', 'colour pages')
    .option('--duplex', 'both sides')
    .option('--copy', 'count as copies')
    .action(
      async (
        a: string,
        pages: string | undefined,
        o: { color?: boolean; duplex?: boolean; copy?: boolean },
      ) =>
        print(
          await control(port(), 'POST', `/printers/${a}/print`, {
            pages: pages === undefined ? 1 : positiveInt(pages),
            color: o.color === true,
            duplex: o.duplex === true,
            copy: o.copy === true,
          }),
        ),
    );
  ctl
    .command('error <address> <kind>')
    .description(`inject an error: ${ERROR_KINDS.join(', ')}`)
    .action(async (a: string, kind: string) =>
      print(await control(port(), 'POST', `/printers/${a}/errors/${kind}`)),
    );
  ctl
    .command('clear <address> <kind>')
    .description('clear an injected error')
    .action(async (a: string, kind: string) =>
      print(await control(port(), 'POST', `/printers/${a}/clear/${kind}`)),
    );
  ctl
    .command('replace <address> <colorOrIndex>')
    .description('replace a cartridge (black, cyan, … or a supply index)')
    .action(async (a: string, c: string) =>
      print(await control(port(), 'POST', `/printers/${a}/replace/${c}`)),
    );
  ctl
    .command('silent <address> [onOff]')
    .description('stop (on, default) or resume (off) answering')
    .action(async (a: string, onOff: string | undefined) =>
      print(await control(port(), 'POST', `/printers/${a}/silent`, { silent: onOff !== 'off' })),
    );
  ctl
    .command('slow <address> <ms>')
    .description('delay every SNMP answer by ms (0 to stop)')
    .action(async (a: string, ms: string) =>
      print(await control(port(), 'POST', `/printers/${a}/slow`, { ms: positiveInt(ms) })),
    );
  ctl
    .command('trap <address> [kind]')
    .description(
      "send the RFC 3805 alert trap of each active error (or of kind) now, to the fleet's trap target or --to",
    )
    .option('--to <host:port>', "trap receiver (default: the fleet's --trap-target)", parseHostPort)
    .option('--trap-version <version>', 'with --to: 1, 2c or 3', trapVersion, '2c')
    .option('--community <name>', "with --to: v1/v2c community (default the printer's)")
    .option('--user <name>', 'with --to: SNMPv3 user of the printer')
    .action(
      async (
        a: string,
        kind: string | undefined,
        o: TrapCliOptions & { to?: { host: string; port: number } },
      ) =>
        print(
          await control(port(), 'POST', `/printers/${a}/trap`, {
            ...(kind === undefined ? {} : { kind }),
            ...(o.to ? { target: trapTargetOf(o.to, o) } : {}),
          }),
        ),
    );
  ctl
    .command('reboot <address>')
    .description('power-cycle the printer')
    .action(async (a: string) => print(await control(port(), 'POST', `/printers/${a}/reboot`)));

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv);
    return 0;
  } catch (err) {
    const e = err as Error & { code?: string };
    console.error(`printer-sim: ${e.code ? `${e.code}: ` : ''}${e.message}`);
    return 1;
  }
}
