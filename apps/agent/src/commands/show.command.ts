import { Command } from 'commander';
import { unpackUpload, type UploadPayload } from '@printbeat/payload';
import { readFile } from 'node:fs/promises';
import { AgentError } from '../agent.errors.js';
import { IdentityStore } from '../identity/identity-store.js';
import { Spool } from '../spool/spool.js';
import { addAgentPathOptions, existingAgentPaths, type AgentPathOptions } from './agent-paths.js';
import type { CommandContext } from './command-context.js';
import { formatSupply } from './poll.format.js';

type ShowCliOptions = AgentPathOptions & { last?: boolean; xml?: boolean; list?: boolean };

/**
 * What leaves the customer's network, exactly: a spooled upload (pending, sent or rejected)
 * as a readable table, or its raw XML as it was signed and sent.
 */
export function showCommand(context: CommandContext): Command {
  const command = new Command('show')
    .description(
      'print what was (or will be) sent to central: a spooled upload as a table, or the raw XML',
    )
    .argument('[file]', 'spool file name, upload id or path to a zip')
    .option('--last', 'the most recent upload (default when no file is given)')
    .option('--list', 'list the spooled uploads')
    .option('--xml', 'print the raw payload XML');
  addAgentPathOptions(command);
  return command.action(async (file: string | undefined, options: ShowCliOptions) => {
    const { dataDir } = await existingAgentPaths(options, (line) =>
      context.stderr.write(`${line}\n`),
    );
    const spool = new Spool(`${dataDir}/spool`);
    await spool.init();
    if (options.list) {
      for (const state of ['pending', 'sent', 'rejected'] as const) {
        for (const entry of await spool.list(state)) {
          context.stdout.write(
            `${state.padEnd(9)} ${entry.createdAt.toISOString()}  ${entry.uploadId}  ${entry.sizeBytes} bytes\n`,
          );
        }
      }
      context.report('ok');
      return;
    }
    const identity = await new IdentityStore(dataDir).require();
    const zip =
      file?.endsWith('.zip') && file.includes('/')
        ? await readFile(file)
        : await loadEntry(spool, file);
    const upload = await unpackUpload(zip, { verifyKey: identity.certificatePem });
    context.stdout.write(
      options.xml
        ? upload.xml.endsWith('\n')
          ? upload.xml
          : `${upload.xml}\n`
        : formatPayload(upload.payload),
    );
    context.report('ok');
  });
}

async function loadEntry(spool: Spool, nameOrId: string | undefined): Promise<Buffer> {
  const entry = nameOrId ? await spool.find(nameOrId) : await spool.latest();
  if (!entry)
    throw new AgentError('SPOOL_EMPTY', 'Nothing has been collected yet: the spool is empty');
  return spool.read(entry);
}

export function formatPayload(payload: UploadPayload): string {
  const lines = [
    `${payload.kind === 'event' ? 'Event upload' : 'Upload'} ${payload.uploadId} — agent ${payload.agentId} (v${payload.agentVersion}), created ${payload.createdAt}`,
    `${payload.devices.length} device(s), ${payload.discovery?.length ?? 0} discovery result(s), ${payload.commandResults?.length ?? 0} command result(s)`,
  ];
  for (const device of payload.devices) {
    const id = device.identity;
    lines.push(
      '',
      `${device.address}  ${id.manufacturer ?? '?'} ${id.model ?? ''}  serial ${id.serial ?? '—'}  mac ${id.mac ?? id.macHash ?? '—'}  ip ${id.ip ?? id.ipHash ?? '—'}`,
    );
    if (id.hostname || id.location || id.contact)
      lines.push(
        `  host ${id.hostname ?? '—'}  location ${id.location ?? '—'}  contact ${id.contact ?? '—'}`,
      );
    for (const reading of device.readings) {
      const counters = Object.entries(reading.counters)
        .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
        .map(([name, value]) => `${name}=${value}`)
        .join(' ');
      lines.push(`  reading ${reading.takenAt}: ${counters || 'no counters'}`);
      const extra = Object.entries(reading.counters.extra);
      if (extra.length) lines.push(`    extra: ${extra.map(([k, v]) => `${k}=${v}`).join(' ')}`);
      for (const supply of reading.supplies) lines.push(`    ${formatSupply(supply, 30)}`);
      if (reading.status.printer || reading.status.device)
        lines.push(
          `    status: printer ${reading.status.printer ?? '?'}, device ${reading.status.device ?? '?'}`,
        );
      if (reading.status.errors.length)
        lines.push(`    errors: ${reading.status.errors.join(', ')}`);
      if (reading.console) lines.push(`    console: ${reading.console}`);
      for (const alert of reading.alerts)
        lines.push(
          `    alert ${alert.severity} ${alert.group}/${alert.code}: ${alert.description}`,
        );
    }
  }
  for (const host of payload.discovery ?? [])
    lines.push(
      `discovered ${host.address}  ${host.isPrinter ? 'printer' : 'not a printer'}  mac ${host.mac ?? host.macHash ?? '—'}  ${host.sysDescr ?? ''}`.trimEnd(),
    );
  for (const printer of payload.unreachable ?? [])
    lines.push(`unreachable ${printer.address} since ${printer.since}`);
  for (const result of payload.commandResults ?? [])
    lines.push(`command ${result.commandId}: ${result.status} ${result.message ?? ''}`);
  return `${lines.join('\n')}\n`;
}
