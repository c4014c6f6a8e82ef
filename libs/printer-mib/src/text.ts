const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * Device text → string. UTF-8 when the bytes are valid UTF-8 (Ricoh sends CJK supply names
 * that way), else Latin-1; NULs and other control characters (except newlines between parts)
 * are dropped, and blanks trimmed.
 */
export function decodeText(bytes: Uint8Array): string {
  const repaired = repairHexDumpArtefact(bytes);
  let text: string;
  try {
    text = utf8.decode(repaired);
  } catch {
    text = latin1.decode(repaired);
  }
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Some recorded walks (LibreNMS captures of HP devices) hold strings that a capture tool
 * turned into "first 16 characters, newline, hex dump of the rest" (`Black Cartridge \n38 32
 * 37 41 …`). A real device never sends that shape, so it is rebuilt into the original bytes.
 */
export function repairHexDumpArtefact(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 18 || bytes[16] !== 0x0a) return bytes;
  const tail = latin1.decode(bytes.subarray(17));
  if (!/^([0-9A-F]{2} ?){1,16}(\n([0-9A-F]{2} ?){1,16})*\s*$/.test(tail)) return bytes;
  const hex = tail.match(/[0-9A-F]{2}/g) ?? [];
  const rebuilt = new Uint8Array(16 + hex.length);
  rebuilt.set(bytes.subarray(0, 16));
  hex.forEach((pair, i) => (rebuilt[16 + i] = parseInt(pair, 16)));
  return rebuilt;
}

/** `MFG:Brother;MDL:HL-L2340DW series;…` (IEEE 1284 device id) → its key/value pairs. */
export function parseDeviceId(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of text.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    fields.set(part.slice(0, colon).trim().toUpperCase(), part.slice(colon + 1).trim());
  }
  return fields;
}
