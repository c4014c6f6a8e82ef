import {
  decodeDeviceIdentity,
  isPrinter,
  PRINTER_DETECTION_OIDS,
  PRINTER_PRESENCE_NEXT_OIDS,
  type Identity,
  type VarBind,
} from '@printbeat/printer-mib';
import { errorCode, errorMessage } from '../agent.errors.js';
import { forEachBounded } from '../polling/bounded-pool.js';
import { readIdentity } from '../polling/read-plan.js';
import { openSnmpBatch, type SnmpBatchOptions } from '../snmp/snmp-batch.js';
import type { TransportStats } from '../snmp/shared-udp-transport.js';
import {
  DEFAULT_REQUEST_OPTIONS,
  type SnmpClient,
  type SnmpClientFactory,
  type SnmpTarget,
} from '../snmp/snmp-client.js';
import { SnmpError } from '../snmp/snmp.errors.js';
import { resolveHost } from '../targets/host-resolver.js';

/**
 * Sweep politeness. One GET per address (plus one resend); one GETNEXT more for an address
 * that answers but is not settled by it, and the identity read (a few requests) only for
 * printers. At most 2,000 datagrams a second for the whole sweep (about 1.5 Mbit/s): a /16
 * takes about 70 s. Concurrency is only the number of addresses waiting for an answer (a
 * session object and a timer each, no socket); it is sized so that the rate, not the
 * concurrency, limits a sweep of mostly silent addresses: 2,000/s × 2 attempts × 1 s would
 * need 2,048, and a busy machine's late timers stretch each attempt, so twice that.
 */
export const DEFAULT_DISCOVERY_RATE_PER_SECOND = 2000;
export const DEFAULT_DISCOVERY_TIMEOUT_MS = 1000;
export const DEFAULT_DISCOVERY_RETRIES = 1;
export const DEFAULT_DISCOVERY_CONCURRENCY = 4096;

/** An address that answered SNMP: a printer, or another device reported as skipped. */
export type DiscoveredDevice = {
  address: string;
  port: number;
  isPrinter: boolean;
  /** Why a device that answered is not taken as a printer. */
  reason?: string;
  sysDescr: string | null;
  sysObjectId: string | null;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  mac: string | null;
  firmware: string | null;
  hostname: string | null;
};

export type DiscoveryOutcome = {
  /** Printers and skipped devices, in target order. */
  devices: DiscoveredDevice[];
  scanned: number;
  /** Addresses that never answered. */
  silent: number;
  durationMs: number;
  /** The sweep was stopped (signal) before every address was tried. */
  interrupted: boolean;
  transport: TransportStats | null;
};

export type DiscoveryProgress = { done: number; printers: number; skipped: number };

export type DiscoverOptions = SnmpBatchOptions & {
  onProgress?: (progress: DiscoveryProgress) => void;
};

export async function discover(
  targets: Iterable<SnmpTarget>,
  options: DiscoverOptions,
): Promise<DiscoveryOutcome> {
  const started = performance.now();
  const resolver = options.resolver ?? resolveHost;
  const batch = openSnmpBatch(options, {
    ratePerSecond: DEFAULT_DISCOVERY_RATE_PER_SECOND,
    request: {
      ...DEFAULT_REQUEST_OPTIONS,
      timeoutMs: DEFAULT_DISCOVERY_TIMEOUT_MS,
      retries: DEFAULT_DISCOVERY_RETRIES,
    },
  });
  const found: Array<DiscoveredDevice | undefined> = [];
  const progress: DiscoveryProgress = { done: 0, printers: 0, skipped: 0 };
  try {
    await forEachBounded(
      targets,
      options.concurrency ?? DEFAULT_DISCOVERY_CONCURRENCY,
      async (target, index) => {
        const device = await probe(target, batch.factory, resolver);
        progress.done += 1;
        if (device !== undefined) {
          found[index] = device;
          if (device.isPrinter) progress.printers += 1;
          else progress.skipped += 1;
        }
        options.onProgress?.({ ...progress });
      },
      options.signal,
    );
  } finally {
    batch.close();
  }
  const devices = found.filter((device): device is DiscoveredDevice => device !== undefined);
  return {
    devices,
    scanned: progress.done,
    silent: progress.done - devices.length,
    durationMs: Math.round(performance.now() - started),
    interrupted: options.signal?.aborted === true,
    transport: batch.transportStats(),
  };
}

/** `undefined` when nothing answered. */
async function probe(
  target: SnmpTarget,
  factory: SnmpClientFactory,
  resolver: (host: string) => Promise<string>,
): Promise<DiscoveredDevice | undefined> {
  let host: string;
  try {
    host = await resolver(target.host);
  } catch {
    return undefined;
  }
  const client = factory.create({ ...target, host });
  try {
    const detection = await client.get(PRINTER_DETECTION_OIDS);
    const evidence = isPrinter(detection) ? detection : [...detection, ...(await presence(client))];
    if (!isPrinter(evidence)) return skipped(host, target.port, evidence);
    return await namePrinter(client, host, target.port, detection);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'SNMP_TIMEOUT') return undefined;
    // Something answered but could not be read (wrong v3 credentials, garbage): an SNMP
    // device exists there, so report it rather than hide it among the silent addresses.
    return {
      ...emptyIdentity(host, target.port),
      isPrinter: false,
      reason: `${code}: ${errorMessage(error)}`,
    };
  } finally {
    client.close();
  }
}

/**
 * The first Printer-MIB object and hrDeviceType row. None when the agent refuses (SNMPv1 past
 * the end of its MIB) or does not answer: it answered the GET, so it is reported as skipped.
 */
async function presence(client: SnmpClient): Promise<VarBind[]> {
  try {
    return await client.getNext(PRINTER_PRESENCE_NEXT_OIDS);
  } catch (error) {
    if (error instanceof SnmpError) return [];
    throw error;
  }
}

/**
 * A printer, named by the same read and decoder as a poll. If that read fails part-way the
 * printer is still reported, named from the detection answer, with the failure as its reason.
 */
async function namePrinter(
  client: SnmpClient,
  address: string,
  port: number,
  detection: VarBind[],
): Promise<DiscoveredDevice> {
  try {
    return printerDevice(address, port, await readIdentity(client, detection));
  } catch (error) {
    return {
      ...printerDevice(address, port, decodeDeviceIdentity(detection)),
      reason: `identity not read completely: ${errorCode(error)}: ${errorMessage(error)}`,
    };
  }
}

function printerDevice(address: string, port: number, identity: Identity): DiscoveredDevice {
  return { address, port, isPrinter: true, ...identityFields(identity) };
}

function skipped(address: string, port: number, varBinds: VarBind[]): DiscoveredDevice {
  return {
    address,
    port,
    isPrinter: false,
    ...identityFields(decodeDeviceIdentity(varBinds)),
    reason:
      varBinds.length === 0
        ? 'answered SNMP without any of the probed objects'
        : 'answered SNMP but has no Printer-MIB table, Host-Resources printer entry, or printer sysObjectID or sysDescr',
  };
}

function identityFields(
  identity: Identity,
): Omit<DiscoveredDevice, 'address' | 'port' | 'isPrinter'> {
  return {
    sysDescr: identity.sysDescr,
    sysObjectId: identity.sysObjectId,
    manufacturer: identity.manufacturer,
    model: identity.model,
    serial: identity.serial,
    mac: identity.mac,
    firmware: identity.firmware,
    hostname: identity.hostname,
  };
}

function emptyIdentity(address: string, port: number): Omit<DiscoveredDevice, 'isPrinter'> {
  return {
    address,
    port,
    sysDescr: null,
    sysObjectId: null,
    manufacturer: null,
    model: null,
    serial: null,
    mac: null,
    firmware: null,
    hostname: null,
  };
}
