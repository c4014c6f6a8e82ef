/** Titles for the codes central raises; others read as their code in words. */
const ALERT_TITLES: Readonly<Record<string, string>> = {
  AGENT_DISK_LOW: 'Agent disk almost full',
  AGENT_SPOOL_BACKLOG: 'Agent uploads not getting through',
  AGENT_CLOCK_OFF: 'Agent clock is off',
  AGENT_COLLECTION_FAILING: 'Agent cannot read most printers',
  AGENT_SILENT: 'Agent silent',
  DEVICE_SILENT: 'Device not read',
  JAM: 'Paper jam',
  PAPER_OUT: 'Out of paper',
  PAPER_LOW: 'Paper low',
  TONER_LOW: 'Toner low',
  TONER_EMPTY: 'Toner empty',
  DOOR_OPEN: 'Door open',
  SERVICE_REQUESTED: 'Service requested',
  UNREACHABLE: 'Device unreachable',
  OFFLINE: 'Device offline',
};

/** The alert's title in words: "AGENT_DISK_LOW" never shows as the headline. */
export function alertTitle(code: string): string {
  const known = ALERT_TITLES[code];
  if (known) return known;
  const words = code.toLowerCase().replaceAll('_', ' ').trim();
  return words === '' ? 'Alert' : words.charAt(0).toUpperCase() + words.slice(1);
}

/** An alert about the agent itself rather than a device. */
export function isAgentAlert(alert: { deviceId: string | null; agentId: string | null }): boolean {
  return alert.deviceId === null && alert.agentId !== null;
}
