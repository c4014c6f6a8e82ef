import { Command } from 'commander';
import {
  DEFAULT_POLL_CONCURRENCY,
  DEFAULT_POLL_RATE_PER_SECOND,
  pollMany,
} from '../polling/poll-many.js';
import { DEFAULT_REQUEST_OPTIONS } from '../snmp/snmp-client.js';
import type { CommandContext } from './command-context.js';
import { toJson } from './json-output.js';
import { formatPollTable, toPollJson } from './poll.format.js';
import {
  addSnmpOptions,
  integerOption,
  snmpBatchFrom,
  type SnmpCliOptions,
} from './snmp-options.js';

type PollCliOptions = SnmpCliOptions & { maxRepetitions?: number };

export function pollCommand(context: CommandContext): Command {
  const command = new Command('poll')
    .description('read identity, counters, supplies, status and alerts of one or more printers')
    .argument(
      '<targets...>',
      'host[:port], CIDR (a.b.c.d/n) or range (a.b.c.d-e.f.g.h, a.b.c.d-h)',
    );
  addSnmpOptions(command, {
    timeoutMs: DEFAULT_REQUEST_OPTIONS.timeoutMs,
    retries: DEFAULT_REQUEST_OPTIONS.retries,
    concurrency: DEFAULT_POLL_CONCURRENCY,
    ratePerSecond: DEFAULT_POLL_RATE_PER_SECOND,
  }).option(
    '--max-repetitions <n>',
    `GETBULK max-repetitions for table walks (default ${DEFAULT_REQUEST_OPTIONS.maxRepetitions})`,
    integerOption(1, 200),
  );
  command.addHelpText(
    'after',
    `
One host prints one JSON object, several targets (or a CIDR/range) a JSON array.
Numbers are JSON numbers; a 64-bit value beyond 2^53 (never a real page count) is printed as
a decimal string rather than rounded. An unreachable device has "reachable": false and an
"error" {code, message}; a device that answered but could not be read completely has
"reachable": true and an "error", and no partial data.
Exit status: 0 every device polled, 1 some device unreachable or failed, 2 invalid arguments.`,
  );
  return command.action(async (inputs: string[], options: PollCliOptions) => {
    const { targets, batch } = snmpBatchFrom(inputs, options, context.signal);
    const { results } = await pollMany(targets, {
      ...batch,
      ...(options.maxRepetitions === undefined ? {} : { maxRepetitions: options.maxRepetitions }),
    });
    const single = targets.specs.length === 1 && targets.specs[0]?.kind === 'host';
    if (options.json === true) {
      const json = results.map(toPollJson);
      context.stdout.write(`${toJson(single ? json[0] : json)}\n`);
    } else {
      context.stdout.write(formatPollTable(results));
    }
    const failed = results.some((result) => !result.reachable || result.error !== undefined);
    context.report(failed ? 'partialFailure' : 'ok');
  });
}
