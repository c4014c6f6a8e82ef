import type { DiscoveryOutcome } from '../discovery/discover.js';

export function formatDiscoveryTable(outcome: DiscoveryOutcome): string {
  const printers = outcome.devices.filter((device) => device.isPrinter);
  const skipped = outcome.devices.filter((device) => !device.isPrinter);
  const lines: string[] = [];
  lines.push(`Printers (${printers.length})`);
  const rows = printers.map((device) => [
    `${device.address}:${device.port}`,
    device.manufacturer ?? '',
    device.model ?? '',
    device.serial ?? '',
    device.mac ?? '',
    device.firmware ?? '',
    device.hostname ?? '',
  ]);
  lines.push(
    rows.length === 0
      ? '  none'
      : columns([
          ['address', 'manufacturer', 'model', 'serial', 'MAC', 'firmware', 'host name'],
          ...rows,
        ]),
  );
  if (skipped.length > 0) {
    lines.push('', `Skipped: SNMP devices that are not printers (${skipped.length})`);
    lines.push(
      columns([
        ['address', 'reason', 'sysDescr'],
        ...skipped.map((device) => [
          `${device.address}:${device.port}`,
          device.reason ?? '',
          oneLine(device.sysDescr ?? ''),
        ]),
      ]),
    );
  }
  lines.push(
    '',
    `${outcome.interrupted ? 'INTERRUPTED: only ' : ''}${outcome.scanned.toLocaleString('en-US')} addresses scanned in ${(outcome.durationMs / 1000).toFixed(1)} s: ` +
      `${printers.length} printers, ${skipped.length} skipped, ${outcome.silent.toLocaleString('en-US')} silent`,
  );
  return `${lines.join('\n')}\n`;
}

function columns(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows
    .map(
      (row) =>
        `  ${row
          .map((cell, index) => cell.padEnd(widths[index] ?? 0))
          .join('  ')
          .trimEnd()}`,
    )
    .join('\n');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
