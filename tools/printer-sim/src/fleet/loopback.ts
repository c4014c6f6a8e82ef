import { isIPv4 } from 'node:net';

export class NotLoopbackError extends Error {
  readonly code = 'PRINTER_SIM_NOT_LOOPBACK';
  constructor(readonly address: string) {
    super(
      `refusing to bind ${JSON.stringify(address)}: the simulator only binds loopback addresses (127.0.0.0/8)`,
    );
  }
}

/** True for a dotted IPv4 address in 127.0.0.0/8 (the only addresses the simulator binds). */
export function isLoopbackAddress(address: string): boolean {
  if (!isIPv4(address)) return false;
  return address.split('.')[0] === '127';
}

export function assertLoopback(address: string): string {
  if (!isLoopbackAddress(address)) throw new NotLoopbackError(address);
  return address;
}

function toNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function toAddress(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/**
 * `count` consecutive loopback addresses from `first`, skipping .0 and .255 host bytes (some
 * scanners treat them as network/broadcast). Throws when the range leaves 127.0.0.0/8.
 */
export function loopbackRange(first: string, count: number): string[] {
  assertLoopback(first);
  const out: string[] = [];
  let n = toNumber(first);
  while (out.length < count) {
    const address = toAddress(n);
    const last = n % 256;
    if (last !== 0 && last !== 255) out.push(assertLoopback(address));
    n++;
  }
  return out;
}
