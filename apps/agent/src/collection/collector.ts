import { randomUUID } from 'node:crypto';
import type {
  CommandResult,
  DevicePayload,
  DiscoveryResult,
  UnreachablePrinter,
  UploadKind,
} from '@printbeat/payload';
import { packUpload } from '@printbeat/payload';
import type { SnmpCredentials, SnmpTarget } from '../snmp/snmp-client.js';
import { pollMany } from '../polling/poll-many.js';
import type { PollResult } from '../polling/poll-result.js';
import type { Spool, SpoolEntry } from '../spool/spool.js';
import { buildUploadPayload, toDevicePayload } from './to-payload.js';

export type CollectorDeps = {
  spool: Spool;
  agentId: string;
  privateKeyPem: string;
  credentials: SnmpCredentials | readonly SnmpCredentials[];
  snmp: { timeoutMs?: number; retries?: number; concurrency?: number };
  now?: () => Date;
};

/**
 * Devices per upload. Central parses an upload in memory (~25× the XML size) and caps the
 * uncompressed size, so a large site's collection is split into several uploads.
 */
export const DEVICES_PER_UPLOAD = 500;

export type CollectionOutcome = {
  entries: SpoolEntry[];
  polled: number;
  read: number;
  failures: { address: string; code: string; message: string }[];
  results: PollResult[];
};

/**
 * Polls the known printers, and writes what was read (plus any discovery findings and command
 * results waiting to go) to the spool as one signed, upload-ready zip. Writing to the spool
 * first means a central outage or a crash after this point loses nothing.
 */
export async function collect(
  deps: CollectorDeps,
  targets: SnmpTarget[],
  extras: { discovery?: DiscoveryResult[]; commandResults?: CommandResult[] } = {},
): Promise<CollectionOutcome> {
  const now = deps.now ?? (() => new Date());
  const { results } = await pollMany(targets, {
    credentials: deps.credentials,
    ...(deps.snmp.timeoutMs === undefined ? {} : { timeoutMs: deps.snmp.timeoutMs }),
    ...(deps.snmp.retries === undefined ? {} : { retries: deps.snmp.retries }),
    ...(deps.snmp.concurrency === undefined ? {} : { concurrency: deps.snmp.concurrency }),
  });
  const takenAt = now();
  const devices = results
    .map((r) => toDevicePayload(r, takenAt))
    .filter((d): d is DevicePayload => d !== null);
  const failures = results
    .filter((r) => !r.reachable || r.error)
    .map((r) => ({
      address: r.address,
      code: r.error?.code ?? 'UNREACHABLE',
      message: r.error?.message ?? 'no answer',
    }));
  const hasExtras = (extras.discovery?.length ?? 0) > 0 || (extras.commandResults?.length ?? 0) > 0;
  const entries: SpoolEntry[] = [];
  for (
    let start = 0;
    start < devices.length || (start === 0 && hasExtras);
    start += DEVICES_PER_UPLOAD
  ) {
    const batch = devices.slice(start, start + DEVICES_PER_UPLOAD);
    entries.push(await spoolUpload(deps, batch, start === 0 ? extras : {}, takenAt));
  }
  return { entries, polled: results.length, read: devices.length, failures, results };
}

export async function spoolUpload(
  deps: Pick<CollectorDeps, 'spool' | 'agentId' | 'privateKeyPem'>,
  devices: DevicePayload[],
  extras: {
    discovery?: DiscoveryResult[];
    commandResults?: CommandResult[];
    kind?: UploadKind;
    unreachable?: UnreachablePrinter[];
  },
  createdAt: Date,
): Promise<SpoolEntry> {
  const uploadId = randomUUID();
  const payload = buildUploadPayload({
    uploadId,
    agentId: deps.agentId,
    createdAt,
    devices,
    ...extras,
  });
  const packed = await packUpload({ payload, signManifest: deps.privateKeyPem });
  return deps.spool.add(uploadId, packed.zip, createdAt);
}
