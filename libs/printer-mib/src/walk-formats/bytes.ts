const encoder = new TextEncoder();

export function textToBytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Hex digits, with or without separators (space, colon, dash); odd or non-hex input → null. */
export function hexToBytes(hex: string): Uint8Array | null {
  const digits = hex.replace(/[\s:-]/g, '');
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) return null;
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function bytesToHex(bytes: Uint8Array, separator = ''): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(separator);
}
