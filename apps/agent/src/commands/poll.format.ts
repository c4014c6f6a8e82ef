import type { Alert, Supply } from '@printbeat/printer-mib';
import type { PollResult } from '../polling/poll-result.js';

/** The `poll --json` object for one device (field set and order as documented in issue #3). */
export type PollJson = {
  address: string;
  port: number;
  reachable: boolean;
  error?: { code: string; message: string };
  identity: PollResult['identity'];
  counters: PollResult['counters'];
  supplies: Array<Omit<Supply, 'index'>>;
  status: PollResult['status'];
  alerts: Array<Omit<Alert, 'index'>>;
  console: string | null;
};

export function toPollJson(result: PollResult): PollJson {
  return {
    address: result.address,
    port: result.port,
    reachable: result.reachable,
    ...(result.error === undefined ? {} : { error: result.error }),
    identity: result.identity,
    counters: result.counters,
    supplies: result.supplies.map((supply) => ({
      description: supply.description,
      type: supply.type,
      color: supply.color,
      level: supply.level,
      maxCapacity: supply.maxCapacity,
      percent: supply.percent,
      state: supply.state,
      partNumber: supply.partNumber,
      serialNumber: supply.serialNumber,
    })),
    status: result.status,
    alerts: result.alerts.map((alert) => ({
      severity: alert.severity,
      group: alert.group,
      code: alert.code,
      description: alert.description,
      ...(alert.trainingLevel ? { trainingLevel: alert.trainingLevel } : {}),
    })),
    console: result.console,
  };
}

const BAR_WIDTH = 20;

/** Human-readable report of one or more polls. */
export function formatPollTable(results: readonly PollResult[]): string {
  const blocks = results.map(formatOne);
  if (results.length > 1) {
    const reachable = results.filter(
      (result) => result.reachable && result.error === undefined,
    ).length;
    blocks.push(
      `${results.length} polled: ${reachable} complete, ${results.length - reachable} failed or unreachable`,
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

function formatOne(result: PollResult): string {
  const where = `${result.address}:${result.port}`;
  if (!result.reachable || result.error !== undefined || result.identity === null) {
    const state = result.reachable ? 'POLL FAILED' : 'UNREACHABLE';
    const reason =
      result.error === undefined ? '' : `  ${result.error.code}: ${result.error.message}`;
    return `${where}  ${state}\n${reason}`;
  }
  const { identity } = result;
  const lines: string[] = [];
  lines.push(
    `${where}  ${[identity.manufacturer, identity.model].filter(Boolean).join(' ') || 'unknown device'}`,
  );
  lines.push(
    table([
      ['Serial', identity.serial],
      ['MAC', identity.mac],
      ['Firmware', identity.firmware],
      ['Host name', identity.hostname],
      ['Location', identity.location],
      ['Contact', identity.contact],
      ['sysObjectID', identity.sysObjectId],
      ['Description', identity.sysDescr],
      ['Uptime', identity.uptimeSeconds === null ? null : formatDuration(identity.uptimeSeconds)],
    ]),
  );

  lines.push('', 'Counters');
  const counters = result.counters ?? { extra: {} };
  const { extra, ...canonical } = counters;
  const counterRows: Array<[string, string | null]> = Object.entries(canonical).map(
    ([name, value]) => [name, formatNumber(value)],
  );
  for (const [name, value] of Object.entries(extra)) counterRows.push([name, formatNumber(value)]);
  lines.push(counterRows.length === 0 ? '  (none exposed)' : table(counterRows, true));

  lines.push('', 'Supplies');
  if (result.supplies.length === 0) lines.push('  (none exposed)');
  const descriptionWidth = Math.min(
    40,
    Math.max(0, ...result.supplies.map((supply) => supply.description.length)),
  );
  for (const supply of result.supplies) lines.push(`  ${formatSupply(supply, descriptionWidth)}`);

  const status = result.status;
  lines.push(
    '',
    `Status    printer ${status?.printer ?? '?'}, device ${status?.device ?? '?'}, errors: ${
      status === null || status.errors.length === 0 ? 'none' : status.errors.join(', ')
    }`,
  );
  if (result.alerts.length > 0) {
    lines.push('Alerts');
    const severityWidth = Math.max(...result.alerts.map((alert) => alert.severity.length));
    const whatWidth = Math.max(
      ...result.alerts.map((alert) => alert.group.length + alert.code.length + 1),
    );
    for (const alert of result.alerts) {
      const what = `${alert.group}/${alert.code}`;
      lines.push(
        `  ${alert.severity.padEnd(severityWidth)}  ${what.padEnd(whatWidth)}  ${alert.description}`.trimEnd(),
      );
    }
  } else {
    lines.push('Alerts    none');
  }
  if (result.console !== null && result.console !== '')
    lines.push(`Console   ${JSON.stringify(result.console)}`);
  return lines.join('\n');
}

export function formatSupply(supply: Omit<Supply, 'index'>, descriptionWidth: number): string {
  const name = truncate(supply.description, descriptionWidth).padEnd(descriptionWidth);
  const kind = [supply.color, supply.type].filter(Boolean).join(' ');
  let gauge: string;
  if (supply.percent !== null) {
    const filled = Math.round((supply.percent / 100) * BAR_WIDTH);
    gauge = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(supply.percent)).padStart(3)} %`;
  } else {
    const label: Record<Supply['state'], string> = {
      ok: `level ${supply.level ?? '?'}, capacity unknown`,
      other: 'level: other',
      unknown: 'level unknown',
      someRemaining: 'some remaining',
    };
    gauge = `[${' '.repeat(BAR_WIDTH)}] ${label[supply.state]}`;
  }
  const part = supply.partNumber === null ? '' : `  part ${supply.partNumber}`;
  const serial = supply.serialNumber ? `  serial ${supply.serialNumber}` : '';
  return `${name}  ${gauge}  ${kind}${part}${serial}`;
}

function table(rows: Array<[string, string | null]>, alignRight = false): string {
  const present = rows.filter((row): row is [string, string] => row[1] !== null && row[1] !== '');
  const width = Math.max(0, ...present.map(([label]) => label.length));
  const valueWidth = Math.max(0, ...present.map(([, value]) => value.length));
  return present
    .map(
      ([label, value]) =>
        `  ${label.padEnd(width)}  ${alignRight ? value.padStart(valueWidth) : value}`,
    )
    .join('\n');
}

function formatNumber(value: number | bigint | undefined): string | null {
  if (value === undefined) return null;
  return value.toLocaleString('en-US');
}

function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return days > 0 ? `${days} d ${hours} h ${minutes} min` : `${hours} h ${minutes} min`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
