import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import {
  DEFAULT_DISCOVERY_CONCURRENCY,
  DEFAULT_DISCOVERY_RATE_PER_SECOND,
  DEFAULT_DISCOVERY_RETRIES,
  DEFAULT_DISCOVERY_TIMEOUT_MS,
  discover,
  type DiscoveryProgress,
} from '../discovery/discover.js';
import type { CommandContext } from './command-context.js';
import { formatDiscoveryTable } from './discover.format.js';
import { toJson } from './json-output.js';
import { addSnmpOptions, snmpBatchFrom, type SnmpCliOptions } from './snmp-options.js';

export function discoverCommand(context: CommandContext): Command {
  const command = new Command('discover')
    .description(
      'find the printers (Printer-MIB present) in address ranges; other SNMP devices are reported as skipped',
    )
    .argument(
      '<targets...>',
      'CIDR (a.b.c.d/n), range (a.b.c.d-e.f.g.h, a.b.c.d-h) or host[:port]',
    );
  addSnmpOptions(command, {
    timeoutMs: DEFAULT_DISCOVERY_TIMEOUT_MS,
    retries: DEFAULT_DISCOVERY_RETRIES,
    concurrency: DEFAULT_DISCOVERY_CONCURRENCY,
    ratePerSecond: DEFAULT_DISCOVERY_RATE_PER_SECOND,
  });
  command.addHelpText(
    'after',
    `
--json prints an array of the devices that answered: printers (isPrinter: true) and skipped
SNMP devices (isPrinter: false, with a reason). Silent addresses are only counted (stderr).
Exit status: 0 sweep completed (whatever was found), 2 invalid arguments.`,
  );
  return command.action(async (inputs: string[], options: SnmpCliOptions) => {
    const { targets, batch } = snmpBatchFrom(inputs, options, context.signal);
    const bar =
      context.stderr.isTTY === true ? createBar(context.stderr, targets.count) : undefined;
    try {
      const outcome = await discover(targets, {
        ...batch,
        ...(bar === undefined
          ? {}
          : { onProgress: (progress: DiscoveryProgress) => updateBar(bar, progress) }),
      });
      bar?.stop();
      if (options.json === true) {
        context.stdout.write(`${toJson(outcome.devices)}\n`);
        const printers = outcome.devices.filter((device) => device.isPrinter).length;
        context.stderr.write(
          `${outcome.interrupted ? 'INTERRUPTED: only ' : ''}${outcome.scanned} addresses scanned in ${(outcome.durationMs / 1000).toFixed(1)} s: ${printers} printers, ` +
            `${outcome.devices.length - printers} skipped, ${outcome.silent} silent\n`,
        );
      } else {
        context.stdout.write(formatDiscoveryTable(outcome));
      }
      context.report('ok');
    } finally {
      bar?.stop();
    }
  });
}

function createBar(stream: NodeJS.WriteStream, total: number): SingleBar {
  const bar = new SingleBar({
    stream,
    format:
      'discover [{bar}] {percentage}% {value}/{total} addresses | {printers} printers, {skipped} skipped | ETA {eta_formatted}',
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 2000,
  });
  bar.start(total, 0, { printers: 0, skipped: 0 });
  return bar;
}

function updateBar(bar: SingleBar, progress: DiscoveryProgress): void {
  bar.update(progress.done, { printers: progress.printers, skipped: progress.skipped });
}
