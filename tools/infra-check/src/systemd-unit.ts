/**
 * Reads a systemd unit file into sections of key → values (a key may repeat; systemd appends
 * for most list settings, and an empty assignment resets the list).
 */
export type UnitFile = Map<string, Map<string, string[]>>;

export function parseUnitFile(source: string, file = 'unit'): UnitFile {
  const sections: UnitFile = new Map();
  let current: Map<string, string[]> | null = null;
  const lines = source.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!.trim();
    while (line.endsWith('\\') && index + 1 < lines.length) {
      line = `${line.slice(0, -1)} ${lines[++index]!.trim()}`;
    }
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[([A-Za-z]+)\]$/.exec(line);
    if (section) {
      current = sections.get(section[1]!) ?? new Map<string, string[]>();
      sections.set(section[1]!, current);
      continue;
    }
    const pair = /^([A-Za-z][A-Za-z0-9]*)\s*=\s*(.*)$/.exec(line);
    if (!pair || !current) throw new Error(`${file}:${index + 1}: cannot read "${line}"`);
    // An empty assignment resets the list; it reads as '' until something is appended.
    const previous = current.get(pair[1]!) ?? [];
    const values = pair[2] === '' || (previous.length === 1 && previous[0] === '') ? [] : previous;
    values.push(pair[2]!);
    current.set(pair[1]!, values);
  }
  return sections;
}

/** The effective value of a setting: the last assignment. */
export function unitValue(unit: UnitFile, section: string, key: string): string | undefined {
  return unit.get(section)?.get(key)?.at(-1);
}
