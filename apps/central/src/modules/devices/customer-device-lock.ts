import type { Prisma } from '@prisma/client';

/**
 * One writer at a time for a customer's set of devices, until the transaction ends: ingest
 * (which creates the devices it cannot match — two uploads naming the same new device at once
 * would both create it), merges (which move history from one device to another while an
 * upload may be adding to it) and people's changes (device-administration: an upload would
 * write back the site it read before) take this lock before they read any device.
 */
export async function lockCustomerDevices(
  tx: Prisma.TransactionClient,
  customerId: string,
): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended('printbeat.devices:' || ${customerId}, 0))::text AS locked`;
}
