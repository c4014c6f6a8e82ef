import type { NotificationEvent as EventRow } from '@prisma/client';
import { counterDisplayName } from '@printbeat/printer-mib';
import { isTimeZone } from './local-time.js';
import type { EventView } from './message-catalogue.js';
import type { Subjects } from './notifications.repository.js';

type DeviceSubject = Subjects['devices'] extends Map<string, infer D> ? D : never;

function text(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** A meter's name as people say it; central stores vendor extras as `vendor:<decoder key>`. */
function counterName(key: string | null): string {
  if (key === null) return 'counter';
  const decoderKey = key.replace(/^vendor:/, '');
  return counterDisplayName(decoderKey) ?? decoderKey;
}

function deviceLabel(device: DeviceSubject | undefined, id: string): string {
  if (!device) return `device ${id}`;
  const name = [device.manufacturer, device.model].filter(Boolean).join(' ') || 'Printer';
  const identity = [
    device.serialNumber ? `SN ${device.serialNumber}` : null,
    device.ipAddress,
  ].filter(Boolean);
  return identity.length > 0 ? `${name} (${identity.join(', ')})` : name;
}

function count(data: Record<string, unknown>, key: string): number {
  const value = data[key];
  return typeof value === 'number' ? value : 0;
}

function titleOf(event: EventRow, data: Record<string, unknown>): string {
  switch (event.eventType) {
    case 'supply_order.created':
      return [text(data, 'supplyKey'), text(data, 'partNumber')].filter(Boolean).join(' · ');
    case 'meter_discontinuity.opened':
      return `${counterName(text(data, 'counter'))} ${String(data['beforeValue'])} → ${String(data['afterValue'])}`;
    case 'billing_export.ready':
      return text(data, 'fileName') ?? event.eventType;
    case 'reconciliation.changed':
      return [
        `${count(data, 'silentUnderContract')} silent under contract`,
        `${count(data, 'reportingWithoutContract')} reporting without contract`,
        `${count(data, 'serialChanged')} serial changes`,
        `${count(data, 'awaitingReview')} awaiting review`,
      ].join(', ');
    default:
      return text(data, 'message') ?? text(data, 'code') ?? event.eventType;
  }
}

/** What a message says about an event, with its portal link and the zone its time is read in. */
export function eventView(
  event: EventRow,
  subjects: Subjects,
  fallbackTimeZone: string,
  linkTo: (path: string) => string,
): EventView {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const deviceId = text(data, 'deviceId');
  const agentId = text(data, 'agentId');
  const customerId = text(data, 'customerId');
  const device = deviceId ? subjects.devices.get(deviceId) : undefined;
  const agent = agentId ? subjects.agents.get(agentId) : undefined;
  const siteId = device?.siteId ?? agent?.siteId ?? null;
  const site = siteId ? subjects.sites.get(siteId) : undefined;
  const subject = deviceId
    ? deviceLabel(device, deviceId)
    : agentId
      ? `agent ${agent?.hostname ?? agentId}`
      : (customerId && subjects.customers.get(customerId)) || 'Printbeat';
  const path = deviceId
    ? `/devices/${deviceId}`
    : event.eventType === 'supply_order.created'
      ? '/supplies'
      : event.eventType === 'billing_export.ready'
        ? '/billing'
        : event.eventType === 'reconciliation.changed'
          ? `/reconciliation${customerId ? `?customer=${customerId}` : ''}`
          : agentId
            ? '/agents'
            : '/alerts';
  return {
    type: event.eventType,
    title: titleOf(event, data),
    severity: text(data, 'severity'),
    subject,
    customerName: customerId ? (subjects.customers.get(customerId) ?? null) : null,
    siteName: site?.name ?? null,
    occurredAt: event.occurredAt.toISOString(),
    timeZone: site?.timeZone && isTimeZone(site.timeZone) ? site.timeZone : fallbackTimeZone,
    link: linkTo(path),
  };
}

/** The ids a batch of events refers to, for one lookup of their subjects. */
export function subjectIdsOf(events: readonly EventRow[]) {
  const ids = {
    deviceIds: new Set<string>(),
    agentIds: new Set<string>(),
    customerIds: new Set<string>(),
  };
  for (const event of events) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    const deviceId = text(data, 'deviceId');
    const agentId = text(data, 'agentId');
    const customerId = text(data, 'customerId');
    if (deviceId) ids.deviceIds.add(deviceId);
    if (agentId) ids.agentIds.add(agentId);
    if (customerId) ids.customerIds.add(customerId);
  }
  return {
    deviceIds: [...ids.deviceIds],
    agentIds: [...ids.agentIds],
    customerIds: [...ids.customerIds],
  };
}
